/* Parsing the search box (see search_query.h) and writing the FTS5 MATCH
 * expression. No database here: every rule is testable on its own. */
#include "search_query.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* The largest FAQ number (8 digits, as core/kb.h allows). */
#define FAQ_NO_MAX INT64_C(99999999)

static const struct {
	const char *name;
	enum sq_field field;
} field_names[] = {
	{ "kind", SQ_KIND }, { "type", SQ_KIND },
	{ "status", SQ_STATUS },
	{ "category", SQ_CATEGORY }, { "cat", SQ_CATEGORY },
	{ "dept", SQ_DEPT }, { "department", SQ_DEPT },
	{ "no", SQ_NO }, { "faq", SQ_NO },
};

/* What people call the kinds, in both languages, to the stored word. */
static const struct {
	const char *alias, *kind;
} kind_names[] = {
	{ "inquiry", "inquiry" }, { "inq", "inquiry" }, { "問合せ", "inquiry" },
	{ "問い合わせ", "inquiry" }, { "問合わせ", "inquiry" },
	{ "incident", "incident" }, { "inc", "incident" }, { "障害", "incident" },
	{ "インシデント", "incident" },
	{ "request", "request" }, { "req", "request" }, { "申請", "request" },
	{ "依頼", "request" }, { "作業依頼", "request" },
	{ "kb", "kb" }, { "faq", "kb" }, { "knowledge", "kb" }, { "ナレッジ", "kb" },
};

const char *
search_field_name(enum sq_field f)
{
	for (size_t i = 0; i < G_N_ELEMENTS(field_names); i++)
		if (field_names[i].field == f)
			return field_names[i].name;
	return "?";
}

void
search_query_clear(struct search_query *q)
{
	for (size_t i = 0; i < q->nterms; i++)
		free(q->terms[i].text);
	free(q->terms);
	for (int f = 0; f < SQ_NFIELDS; f++)
		free(q->field[f]);
	free(q->ref_text);
	memset(q, 0, sizeof *q);
}

size_t
search_query_positive(const struct search_query *q)
{
	size_t n = 0;

	for (size_t i = 0; i < q->nterms; i++)
		n += !q->terms[i].exclude;
	return n;
}

/* ---- characters ---- */

static bool
is_space(gunichar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ASCII ", and the curly quotes an IME or a word processor gives. */
static bool
is_quote(gunichar c)
{
	return c == '"' || c == 0x201C || c == 0x201D;
}

/* A whole decimal number in [1, FAQ_NO_MAX], no sign; 0 when not. */
static int64_t
faq_number(const char *s)
{
	int64_t v = 0;

	if (*s == '\0' || strlen(s) > 8)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= FAQ_NO_MAX ? v : 0;
}

/* "12", "FAQ-12", "faq12": the FAQ number, else 0. */
static int64_t
faq_ref(const char *s)
{
	if (g_ascii_strncasecmp(s, "faq", 3) == 0) {
		s += 3;
		if (*s == '-')
			s++;
	}
	return faq_number(s);
}

/* A ticket number as numbering patterns make them (INQ-2026-000123,
 * C20261122-00001): starts with a letter, letters, digits and '-' only,
 * at least one '-' and one digit. Or "#ID". */
static bool
ticket_ref(const char *s)
{
	bool dash = false, digit = false;

	if (s[0] == '#')   /* an id: 1 to 18 digits, no leading zero */
		return s[1] >= '1' && s[1] <= '9' && strlen(s + 1) <= 18 &&
			strspn(s + 1, "0123456789") == strlen(s + 1);
	if (!g_ascii_isalpha(s[0]))
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '-')
			dash = true;
		else if (g_ascii_isdigit(*p))
			digit = true;
		else if (!g_ascii_isalpha(*p))
			return false;
	}
	return dash && digit && s[strlen(s) - 1] != '-';
}

/* ---- terms and fields ---- */

static int
add_term(struct search_query *q, const char *text, size_t len, bool phrase, bool exclude,
	struct mado_err *e)
{
	struct sq_term *t;

	if (len == 0)
		return MADO_OK;
	if (q->nterms >= SEARCH_TERMS_MAX)
		return mado_err_set(e, MADO_EDATA, _("too many words in the search (at most %d)"),
			SEARCH_TERMS_MAX);
	t = realloc(q->terms, (q->nterms + 1) * sizeof *q->terms);
	if (t == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	q->terms = t;
	t = &q->terms[q->nterms++];
	t->text = g_strndup(text, len);
	t->phrase = phrase;
	t->exclude = exclude;
	return MADO_OK;
}

static int
set_kind(struct search_query *q, const char *value, struct mado_err *e)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kind_names); i++)
		if (g_ascii_strcasecmp(value, kind_names[i].alias) == 0) {
			q->field[SQ_KIND] = strdup(kind_names[i].kind);
			return MADO_OK;
		}
	return mado_err_set(e, MADO_EDATA,
		_("kind: unknown kind '%s' (inquiry, incident, request or kb)"), value);
}

/* name:value when name is a field; *is_field false leaves the word a word
 * ("10:30", "http://..."). */
static int
field_word(struct search_query *q, const char *word, size_t len, bool *is_field,
	struct mado_err *e)
{
	const char *colon = memchr(word, ':', len);
	size_t nlen = colon != NULL ? (size_t)(colon - word) : 0;
	enum sq_field f = SQ_NFIELDS;
	char *value;
	int st = MADO_OK;

	*is_field = false;
	for (size_t i = 0; colon != NULL && i < G_N_ELEMENTS(field_names); i++)
		if (strlen(field_names[i].name) == nlen &&
		    g_ascii_strncasecmp(word, field_names[i].name, nlen) == 0)
			f = field_names[i].field;
	if (f == SQ_NFIELDS)
		return MADO_OK;
	*is_field = true;
	if (nlen + 1 == len)
		return mado_err_set(e, MADO_EDATA, _("%s: give a value after the colon"),
			search_field_name(f));
	if (q->field[f] != NULL)
		return mado_err_set(e, MADO_EDATA, _("%s: given twice"), search_field_name(f));
	value = g_strndup(colon + 1, len - nlen - 1);
	if (f == SQ_KIND)
		st = set_kind(q, value, e);
	else if (f == SQ_NO && (q->faq_no = faq_ref(value)) == 0)
		st = mado_err_set(e, MADO_EDATA,
			_("no: '%s' is not a FAQ number (1 to 99999999)"), value);
	else
		q->field[f] = strdup(value);
	g_free(value);
	return st;
}

/* The record a query of one bare word names, if any. */
static void
find_ref(struct search_query *q, int words, bool plain)
{
	const char *w;

	if (q->nterms == 0 && q->faq_no != 0 && q->field[SQ_KIND] == NULL &&
	    q->field[SQ_STATUS] == NULL && q->field[SQ_CATEGORY] == NULL &&
	    q->field[SQ_DEPT] == NULL) {
		q->ref = SQ_REF_FAQ;
		q->ref_faq_no = q->faq_no;
		return;
	}
	if (words != 1 || q->nterms != 1 || !plain)
		return;
	w = q->terms[0].text;
	if ((q->ref_faq_no = faq_ref(w)) != 0)
		q->ref = SQ_REF_FAQ;
	else if (ticket_ref(w)) {
		q->ref = SQ_REF_TICKET;
		q->ref_text = strdup(w);
	}
}

/* Scans one phrase starting after its opening quote; returns the end. */
static const char *
scan_phrase(const char *p, const char **end_text)
{
	while (*p != '\0' && !is_quote(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	*end_text = p;
	return *p != '\0' ? g_utf8_next_char(p) : p;
}

static int
parse_normalised(struct search_query *q, const char *s, struct mado_err *e)
{
	const char *p = s;
	int words = 0, st = MADO_OK;
	bool plain = true;    /* one bare word so far: no quote, '-' or field */

	while (st == MADO_OK) {
		const char *start, *end;
		bool exclude = false, is_field = false;

		while (*p != '\0' && is_space(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		if (*p == '\0')
			break;
		words++;
		if (*p == '-' && p[1] != '\0' && !is_space(g_utf8_get_char(p + 1))) {
			exclude = true;
			plain = false;
			p++;
		}
		if (is_quote(g_utf8_get_char(p))) {
			plain = false;
			start = g_utf8_next_char(p);
			p = scan_phrase(start, &end);
			st = add_term(q, start, (size_t)(end - start), true, exclude, e);
			continue;
		}
		start = p;
		while (*p != '\0' && !is_space(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		end = p;
		if (!exclude) {
			st = field_word(q, start, (size_t)(end - start), &is_field, e);
			if (is_field) {
				plain = false;
				continue;
			}
		}
		if (st == MADO_OK && !(end - start == 1 && *start == '-'))
			st = add_term(q, start, (size_t)(end - start), false, exclude, e);
	}
	if (st == MADO_OK)
		find_ref(q, words, plain);
	return st;
}

int
search_query_parse(const char *input, struct search_query *q, struct mado_err *e)
{
	char *norm;
	int st;

	memset(q, 0, sizeof *q);
	if (input == NULL)
		input = "";
	if (strlen(input) > SEARCH_INPUT_MAX)
		return mado_err_set(e, MADO_EDATA, _("the search is too long (at most %d bytes)"),
			SEARCH_INPUT_MAX);
	if (!g_utf8_validate(input, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("the search is not valid UTF-8"));
	norm = g_utf8_normalize(input, -1, G_NORMALIZE_NFKC);
	if (norm == NULL)
		return mado_err_set(e, MADO_EDATA, _("the search is not valid UTF-8"));
	st = parse_normalised(q, norm, e);
	g_free(norm);
	return st;
}

/* ---- the MATCH expression ---- */

/* Appends s as an FTS5 string: in double quotes, its quotes doubled. */
static void
put_string(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, *s);
	}
	g_string_append_c(out, '"');
}

static void
put_term(GString *out, const char *text, const char *const *alts)
{
	if (alts == NULL || alts[0] == NULL) {
		put_string(out, text);
		return;
	}
	g_string_append_c(out, '(');
	put_string(out, text);
	for (size_t i = 0; alts[i] != NULL; i++) {
		g_string_append(out, " OR ");
		put_string(out, alts[i]);
	}
	g_string_append_c(out, ')');
}

/* Appends the kept terms with exclude == excluded, joined by sep. */
static size_t
put_terms(GString *out, const struct search_query *q, const char *const *const *alts,
	const bool *keep, bool excluded, const char *sep)
{
	size_t n = 0;

	for (size_t i = 0; i < q->nterms; i++) {
		if (q->terms[i].exclude != excluded || (keep != NULL && !keep[i]))
			continue;
		if (n++ > 0)
			g_string_append(out, sep);
		put_term(out, q->terms[i].text,
			alts != NULL && !q->terms[i].phrase ? alts[i] : NULL);
	}
	return n;
}

char *
search_match_build(const struct search_query *q, const char *const *const *alts,
	const bool *keep, const char *colspec)
{
	GString *pos = g_string_new(NULL), *neg = g_string_new(NULL), *out;
	char *result;

	if (put_terms(pos, q, alts, keep, false, " AND ") == 0) {
		g_string_free(pos, TRUE);
		g_string_free(neg, TRUE);
		return NULL;
	}
	out = g_string_new(NULL);
	if (colspec != NULL)
		g_string_append_printf(out, "%s : (", colspec);
	if (put_terms(neg, q, alts, keep, true, " OR ") > 0)
		g_string_append_printf(out, "(%s) NOT (%s)", pos->str, neg->str);
	else
		g_string_append(out, pos->str);
	if (colspec != NULL)
		g_string_append_c(out, ')');
	result = strdup(out->str);
	g_string_free(out, TRUE);
	g_string_free(pos, TRUE);
	g_string_free(neg, TRUE);
	return result;
}
