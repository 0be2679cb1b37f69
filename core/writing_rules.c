#include "writing_rules.h"

#include <stdarg.h>
#include <string.h>

#include "base/i18n.h"

enum { WR_INQUIRY = 1 << 0, WR_RESPONSE = 1 << 1, WR_LENGTH_MAX = 100000 };

/* A forbidden word and what to write instead (NULL: nothing said). */
struct wr_word {
	char *word, *suggestion;
};

struct wr_rule {
	char *name;
	unsigned fields;             /* WR_INQUIRY | WR_RESPONSE */
	enum wr_kind kind;
	enum wr_severity severity;
	char *message, *message_en;  /* message_en NULL: the Japanese one */
	char **required;             /* NFKC forms, NULL-terminated; NULL: none */
	GRegex *required_regex;
	GArray *forbidden;           /* struct wr_word; NULL: none */
	GRegex *forbidden_regex;
	char *suggest;
	bool suggest_nfkc;
	int min_length, max_length;  /* 0: no limit */
};

struct writing_rules {
	GArray *rules;               /* struct wr_rule, in the file's order */
};

static const char *const known_keys[] = {
	"field", "kind", "severity", "message", "message_en", "required", "required_regex",
	"forbidden", "forbidden_regex", "suggest", "suggest_nfkc", "min_length", "max_length",
};

/* ---- loading ---- */

/* Where a rule's key is read from, for "FILE: [rule X] key: ..." errors. */
struct place {
	GKeyFile *kf;
	const char *file, *group;
	struct mado_err *e;
};

static int __attribute__((format(printf, 3, 4)))
bad(const struct place *p, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	mado_err_set(p->e, MADO_ECONFIG, "%s: [%s] %s: %s", p->file, p->group, key, why);
	g_free(why);
	return MADO_ECONFIG;
}

static void
word_clear(void *p)
{
	struct wr_word *w = p;

	g_free(w->word);
	g_free(w->suggestion);
}

static void
rule_clear(void *p)
{
	struct wr_rule *r = p;

	g_free(r->name);
	g_free(r->message);
	g_free(r->message_en);
	g_strfreev(r->required);
	if (r->required_regex != NULL)
		g_regex_unref(r->required_regex);
	if (r->forbidden != NULL)
		g_array_unref(r->forbidden);
	if (r->forbidden_regex != NULL)
		g_regex_unref(r->forbidden_regex);
	g_free(r->suggest);
}

static bool
has(const struct place *p, const char *key)
{
	return g_key_file_has_key(p->kf, p->group, key, NULL);
}

/* A string key; *out stays NULL when absent. Key-file escapes apply. */
static int
string_key(const struct place *p, const char *key, char **out)
{
	GError *gerr = NULL;

	*out = NULL;
	if (!has(p, key))
		return MADO_OK;
	*out = g_key_file_get_string(p->kf, p->group, key, &gerr);
	if (gerr != NULL) {
		/* GLib may hand back part of the value with the error. */
		g_clear_pointer(out, g_free);
		bad(p, key, "%s", gerr->message);
		g_error_free(gerr);
		return MADO_ECONFIG;
	}
	return MADO_OK;
}

/* One of the words in choices (NULL-terminated), as its index; absent
 * gives dflt, or an error when dflt is -1. */
static int
choice_key(const struct place *p, const char *key, const char *const *choices, int dflt,
	int *out)
{
	char *v, *all;
	int st = string_key(p, key, &v);

	if (st != MADO_OK)
		return st;
	*out = v == NULL ? dflt : -1;
	for (int i = 0; v != NULL && choices[i] != NULL; i++)
		if (strcmp(v, choices[i]) == 0)
			*out = i;
	if (*out >= 0) {
		g_free(v);
		return MADO_OK;
	}
	all = g_strjoinv(", ", (char **)choices);
	st = v == NULL ? bad(p, key, _("missing: give one of %s"), all)
		: bad(p, key, _("'%s' is not one of %s"), v, all);
	g_free(all);
	g_free(v);
	return st;
}

static int
length_key(const struct place *p, const char *key, int *out)
{
	GError *gerr = NULL;
	int v;

	if (!has(p, key))
		return MADO_OK;
	v = g_key_file_get_integer(p->kf, p->group, key, &gerr);
	if (gerr != NULL || v < 1 || v > WR_LENGTH_MAX) {
		if (gerr != NULL)
			g_error_free(gerr);
		return bad(p, key, _("must be a whole number from 1 to %d"), WR_LENGTH_MAX);
	}
	*out = v;
	return MADO_OK;
}

/* A regular expression, taken as written: key-file escapes such as \s
 * would otherwise change it before GRegex sees it. */
static int
regex_key(const struct place *p, const char *key, GRegex **out)
{
	GError *gerr = NULL;
	char *v;

	if (!has(p, key))
		return MADO_OK;
	v = g_key_file_get_value(p->kf, p->group, key, NULL);
	if (v == NULL || *v == '\0') {
		g_free(v);
		return bad(p, key, _("an empty pattern"));
	}
	/* GRegex leaves the check to us: PCRE2 reads past the end of a
	 * pattern that is not UTF-8. */
	if (!g_utf8_validate(v, -1, NULL)) {
		g_free(v);
		return bad(p, key, _("not valid UTF-8"));
	}
	*out = g_regex_new(v, G_REGEX_OPTIMIZE, 0, &gerr);
	g_free(v);
	if (*out == NULL) {
		bad(p, key, "%s", gerr->message);
		g_error_free(gerr);
		return MADO_ECONFIG;
	}
	return MADO_OK;
}

static char *
nfkc(const char *s)
{
	return g_utf8_normalize(s, -1, G_NORMALIZE_NFKC);
}

/* A list of words (";" between them); none may be empty. */
static int
list_key(const struct place *p, const char *key, char ***out)
{
	GError *gerr = NULL;
	char **v;

	if (!has(p, key))
		return MADO_OK;
	v = g_key_file_get_string_list(p->kf, p->group, key, NULL, &gerr);
	if (gerr != NULL) {
		g_strfreev(v);
		bad(p, key, "%s", gerr->message);
		g_error_free(gerr);
		return MADO_ECONFIG;
	}
	for (int i = 0; v[i] != NULL; i++)
		if (*g_strstrip(v[i]) == '\0' || !g_utf8_validate(v[i], -1, NULL)) {
			bool empty = *v[i] == '\0';

			g_strfreev(v);
			return bad(p, key, empty ? _("word %d of the list is empty")
				: _("word %d of the list is not valid UTF-8"), i + 1);
		}
	if (v[0] == NULL) {
		g_strfreev(v);
		return bad(p, key, _("an empty list"));
	}
	*out = v;
	return MADO_OK;
}

static int
required_key(const struct place *p, struct wr_rule *r)
{
	char **v = NULL;
	int st = list_key(p, "required", &v);

	if (st != MADO_OK || v == NULL)
		return st;
	r->required = g_new0(char *, g_strv_length(v) + 1);
	for (int i = 0; v[i] != NULL; i++)
		r->required[i] = nfkc(v[i]);
	g_strfreev(v);
	return MADO_OK;
}

/* "WORD" or "WORD=SUGGESTION". */
static int
forbidden_key(const struct place *p, struct wr_rule *r)
{
	char **v = NULL;
	int st = list_key(p, "forbidden", &v);

	if (st != MADO_OK || v == NULL)
		return st;
	r->forbidden = g_array_new(FALSE, TRUE, sizeof(struct wr_word));
	g_array_set_clear_func(r->forbidden, word_clear);
	for (int i = 0; v[i] != NULL; i++) {
		char *eq = strchr(v[i], '=');
		struct wr_word w = { 0 };

		if (eq == v[i]) {
			g_strfreev(v);
			return bad(p, "forbidden", _("word %d of the list has nothing before '='"), i + 1);
		}
		w.word = eq != NULL ? g_strndup(v[i], (gsize)(eq - v[i])) : g_strdup(v[i]);
		w.suggestion = eq != NULL ? g_strdup(eq + 1) : NULL;
		g_array_append_val(r->forbidden, w);
	}
	g_strfreev(v);
	return MADO_OK;
}

static int
known_keys_only(const struct place *p)
{
	char **keys = g_key_file_get_keys(p->kf, p->group, NULL, NULL);
	int st = MADO_OK;

	for (int i = 0; keys != NULL && keys[i] != NULL && st == MADO_OK; i++) {
		bool known = false;

		for (size_t k = 0; k < G_N_ELEMENTS(known_keys); k++)
			known |= strcmp(keys[i], known_keys[k]) == 0;
		if (!known)
			st = bad(p, keys[i], _("unknown key"));
	}
	g_strfreev(keys);
	return st;
}

static int
matchers(const struct place *p, struct wr_rule *r)
{
	GError *gerr = NULL;
	int st = required_key(p, r);

	if (st == MADO_OK)
		st = regex_key(p, "required_regex", &r->required_regex);
	if (st == MADO_OK)
		st = forbidden_key(p, r);
	if (st == MADO_OK)
		st = regex_key(p, "forbidden_regex", &r->forbidden_regex);
	if (st == MADO_OK && r->forbidden_regex != NULL && g_regex_match(r->forbidden_regex, "", 0, NULL))
		st = bad(p, "forbidden_regex", _("matches an empty text; it must match something"));
	if (st == MADO_OK)
		st = string_key(p, "suggest", &r->suggest);
	if (st == MADO_OK && has(p, "suggest_nfkc")) {
		r->suggest_nfkc = g_key_file_get_boolean(p->kf, p->group, "suggest_nfkc", &gerr);
		if (gerr != NULL) {
			g_error_free(gerr);
			st = bad(p, "suggest_nfkc", _("must be true or false"));
		}
	}
	if (st == MADO_OK && (r->suggest != NULL || r->suggest_nfkc) && r->forbidden_regex == NULL)
		st = bad(p, r->suggest != NULL ? "suggest" : "suggest_nfkc",
			_("suggests a replacement for forbidden_regex, which this rule lacks"));
	if (st == MADO_OK && r->suggest != NULL && r->suggest_nfkc)
		st = bad(p, "suggest", _("give suggest or suggest_nfkc, not both"));
	if (st == MADO_OK)
		st = length_key(p, "min_length", &r->min_length);
	if (st == MADO_OK)
		st = length_key(p, "max_length", &r->max_length);
	if (st == MADO_OK && r->min_length > 0 && r->max_length > 0 && r->min_length > r->max_length)
		st = bad(p, "max_length", _("is less than min_length"));
	return st;
}

static bool
has_matcher(const struct wr_rule *r)
{
	return r->required != NULL || r->required_regex != NULL || r->forbidden != NULL ||
		r->forbidden_regex != NULL || r->min_length > 0 || r->max_length > 0;
}

static int
parse_rule(const struct place *p, struct wr_rule *r)
{
	static const char *const field_names[] = { "inquiry_text", "response_text", "both", NULL };
	static const char *const kind_names[] = { "hint", "check", NULL };
	static const char *const severity_names[] = { "warning", "error", NULL };
	int field, kind, severity = WR_WARNING;
	int st = known_keys_only(p);

	if (st == MADO_OK)
		st = choice_key(p, "field", field_names, -1, &field);
	if (st == MADO_OK)
		st = choice_key(p, "kind", kind_names, -1, &kind);
	if (st == MADO_OK && kind == WR_HINT && has(p, "severity"))
		st = bad(p, "severity", _("only a check has a severity"));
	if (st == MADO_OK)
		st = choice_key(p, "severity", severity_names, WR_WARNING, &severity);
	if (st != MADO_OK)
		return st;
	r->fields = field == 0 ? WR_INQUIRY : field == 1 ? WR_RESPONSE : WR_INQUIRY | WR_RESPONSE;
	r->kind = (enum wr_kind)kind;
	r->severity = (enum wr_severity)severity;
	st = string_key(p, "message", &r->message);
	if (st == MADO_OK && (r->message == NULL || *r->message == '\0'))
		st = bad(p, "message", _("missing: every rule says what it asks, in Japanese"));
	if (st == MADO_OK)
		st = string_key(p, "message_en", &r->message_en);
	/* An empty English message is no message: the Japanese one is shown. */
	if (r->message_en != NULL && *r->message_en == '\0')
		g_clear_pointer(&r->message_en, g_free);
	if (st == MADO_OK)
		st = matchers(p, r);
	if (st == MADO_OK && r->kind == WR_CHECK && !has_matcher(r))
		st = bad(p, "kind", _("a check needs required, required_regex, forbidden,"
			" forbidden_regex, min_length or max_length"));
	return st;
}

/* "rule NAME": NAME is 1 to 32 of [a-z0-9_-]. */
static const char *
rule_name(const char *group)
{
	const char *name;
	size_t n;

	if (strncmp(group, "rule ", 5) != 0)
		return NULL;
	name = group + 5;
	n = strlen(name);
	if (n == 0 || n > 32 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return NULL;
	return name;
}

int
writing_rules_parse(const char *text, const char *name, struct writing_rules **out,
	struct mado_err *e)
{
	GKeyFile *kf = g_key_file_new();
	struct writing_rules *r = g_new0(struct writing_rules, 1);
	GError *gerr = NULL;
	char **groups = NULL;
	int st = MADO_OK;

	*out = NULL;
	r->rules = g_array_new(FALSE, TRUE, sizeof(struct wr_rule));
	g_array_set_clear_func(r->rules, rule_clear);
	if (!g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, &gerr)) {
		st = mado_err_set(e, MADO_ECONFIG, "%s: %s", name, gerr->message);
		g_error_free(gerr);
	} else
		groups = g_key_file_get_groups(kf, NULL);
	for (int i = 0; groups != NULL && groups[i] != NULL && st == MADO_OK; i++) {
		struct place p = { kf, name, groups[i], e };
		struct wr_rule rule = { 0 };

		if (rule_name(groups[i]) == NULL) {
			st = mado_err_set(e, MADO_ECONFIG,
				_("%s: [%s]: expected [rule NAME], NAME 1 to 32 of a-z, 0-9, '_' and '-'"),
				name, groups[i]);
			break;
		}
		st = parse_rule(&p, &rule);
		rule.name = g_strdup(rule_name(groups[i]));
		g_array_append_val(r->rules, rule);
	}
	g_strfreev(groups);
	g_key_file_free(kf);
	if (st != MADO_OK) {
		writing_rules_free(r);
		return st;
	}
	*out = r;
	return MADO_OK;
}

int
writing_rules_load(const char *path, struct writing_rules **out, struct mado_err *e)
{
	GError *gerr = NULL;
	char *text = NULL;
	int st;

	*out = NULL;
	if (!g_file_get_contents(path, &text, NULL, &gerr)) {
		st = mado_err_set(e, MADO_ECONFIG, _("writing rules: %s"), gerr->message);
		g_error_free(gerr);
		return st;
	}
	st = writing_rules_parse(text, path, out, e);
	g_free(text);
	return st;
}

void
writing_rules_free(struct writing_rules *r)
{
	if (r == NULL)
		return;
	g_array_unref(r->rules);
	g_free(r);
}

/* ---- checking ---- */

/* The text as the rules see it: the NFKC form made once, when a rule
 * needs it. */
struct subject {
	const char *text;
	char *folded;
	const char *lang;
};

static const char *
folded(struct subject *s)
{
	if (s->folded == NULL)
		s->folded = nfkc(s->text);
	return s->folded;
}

static void
finding_clear(void *p)
{
	struct wr_finding *f = p;

	g_free(f->match);
	g_free(f->suggestion);
}

static void
add(GArray *out, const struct wr_rule *r, const struct subject *s, long offset,
	long length, char *match, char *suggestion)
{
	struct wr_finding f = {
		.rule = r->name, .kind = r->kind, .severity = r->severity,
		.message = s->lang != NULL && strcmp(s->lang, "en") == 0 && r->message_en != NULL
			? r->message_en : r->message,
		.offset = offset, .length = length, .match = match, .suggestion = suggestion,
	};

	f.position = offset >= 0 ? g_utf8_pointer_to_offset(s->text, s->text + offset) + 1 : 0;
	g_array_append_val(out, f);
}

/* Characters in s without the blanks around it. */
static long
length_of(const char *s)
{
	const char *end = s + strlen(s);

	while (*s != '\0' && g_unichar_isspace(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	while (end > s) {
		const char *prev = g_utf8_prev_char(end);

		if (!g_unichar_isspace(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	return g_utf8_strlen(s, end - s);
}

static bool
holds_one(char *const *words, const char *text)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strstr(text, words[i]) != NULL)
			return true;
	return false;
}

static int
by_offset(const void *a, const void *b)
{
	const struct wr_finding *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

static void
forbidden_words(const struct wr_rule *r, const struct subject *s, GArray *out)
{
	for (guint i = 0; i < r->forbidden->len; i++) {
		const struct wr_word *w = &g_array_index(r->forbidden, struct wr_word, i);
		size_t n = strlen(w->word);

		for (const char *at = strstr(s->text, w->word); at != NULL; at = strstr(at + n, w->word))
			add(out, r, s, at - s->text, -1, g_strdup(w->word), g_strdup(w->suggestion));
	}
}

static void
forbidden_matches(const struct wr_rule *r, const struct subject *s, GArray *out)
{
	GMatchInfo *mi = NULL;

	g_regex_match(r->forbidden_regex, s->text, 0, &mi);
	for (; g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
		int from, to;
		char *match, *suggestion = NULL;

		if (!g_match_info_fetch_pos(mi, 0, &from, &to) || to <= from)
			continue;
		match = g_strndup(s->text + from, (gsize)(to - from));
		if (r->suggest_nfkc)
			suggestion = nfkc(match);
		else if (r->suggest != NULL)
			suggestion = g_strdup(r->suggest);
		if (suggestion != NULL && strcmp(suggestion, match) == 0)
			g_clear_pointer(&suggestion, g_free);
		add(out, r, s, from, -1, match, suggestion);
	}
	g_match_info_free(mi);
}

/* What one rule finds in the text, into out. */
static void
check_rule(const struct wr_rule *r, struct subject *s, GArray *out)
{
	GArray *at = g_array_new(FALSE, TRUE, sizeof(struct wr_finding));
	long n = length_of(s->text);

	if (r->min_length > 0 && n < r->min_length)
		add(out, r, s, -1, n, NULL, NULL);
	if (r->max_length > 0 && n > r->max_length)
		add(out, r, s, -1, n, NULL, NULL);
	if ((r->required != NULL && !holds_one(r->required, folded(s))) ||
	    (r->required_regex != NULL && !g_regex_match(r->required_regex, folded(s), 0, NULL)))
		add(out, r, s, -1, -1, NULL, NULL);
	if (r->forbidden != NULL)
		forbidden_words(r, s, at);
	if (r->forbidden_regex != NULL)
		forbidden_matches(r, s, at);
	g_array_sort(at, by_offset);
	g_array_append_vals(out, at->data, at->len);
	g_array_unref(at);
}

/* A hint is said once, without where: it guides, it does not point. */
static void
check_hint(const struct wr_rule *r, struct subject *s, GArray *out)
{
	GArray *found = g_array_new(FALSE, TRUE, sizeof(struct wr_finding));

	g_array_set_clear_func(found, finding_clear);
	check_rule(r, s, found);
	if (found->len > 0 || !has_matcher(r))
		add(out, r, s, -1, -1, NULL, NULL);
	g_array_unref(found);
}

GArray *
writing_rules_check(const struct writing_rules *r, const char *field, const char *text,
	const char *lang)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(struct wr_finding));
	unsigned bit = strcmp(field, "inquiry_text") == 0 ? WR_INQUIRY
		: strcmp(field, "response_text") == 0 ? WR_RESPONSE : 0;
	struct subject s = { .lang = lang };
	char *valid;

	g_array_set_clear_func(out, finding_clear);
	if (r == NULL || bit == 0)
		return out;
	valid = g_utf8_make_valid(text != NULL ? text : "", -1);
	s.text = valid;
	for (guint i = 0; i < r->rules->len; i++) {
		const struct wr_rule *rule = &g_array_index(r->rules, struct wr_rule, i);

		if (!(rule->fields & bit))
			continue;
		if (rule->kind == WR_HINT)
			check_hint(rule, &s, out);
		else
			check_rule(rule, &s, out);
	}
	g_free(s.folded);
	g_free(valid);
	return out;
}

int
wr_count(const GArray *findings, enum wr_kind kind, enum wr_severity at_least)
{
	int n = 0;

	for (guint i = 0; i < findings->len; i++) {
		const struct wr_finding *f = &g_array_index(findings, struct wr_finding, i);

		n += f->kind == kind && (kind == WR_HINT || f->severity >= at_least);
	}
	return n;
}

char *
wr_finding_text(const struct wr_finding *f)
{
	if (f->length >= 0)
		return g_strdup_printf(_("%s (%ld characters)"), f->message, f->length);
	if (f->position <= 0)
		return g_strdup(f->message);
	if (f->suggestion != NULL)
		return g_strdup_printf(_("character %ld '%s' → '%s': %s"), f->position, f->match,
			f->suggestion, f->message);
	return g_strdup_printf(_("character %ld '%s': %s"), f->position, f->match, f->message);
}
