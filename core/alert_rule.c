#include "alert_rule.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/keyfile.h"

#define RULE_PREFIX "rule "
#define RULE_NAME_MAX 64

struct host_system {
	char *glob, *code;
};

struct alert_rule {
	char *name;
	char *sender_glob;          /* lower case; NULL when a regex or any sender */
	GRegex *sender_re;
	GRegex *subject, *recovery; /* recovery may be NULL */
	char *system, *category, *queue;
	struct host_system *by_host;
	int nby_host;
	int priority;
};

struct alert_rules {
	struct alert_rule *rules;
	int n;
};

static const char *const rule_keys[] = {
	"sender", "subject", "recovery", "system", "system_by_host", "category", "queue",
	"priority",
};

char *
alert_rules_default_path(void)
{
	return g_build_filename(mado_sharedir(), "alerts.conf", NULL);
}

static void
rule_clear(struct alert_rule *r)
{
	g_free(r->name);
	g_free(r->sender_glob);
	if (r->sender_re != NULL)
		g_regex_unref(r->sender_re);
	if (r->subject != NULL)
		g_regex_unref(r->subject);
	if (r->recovery != NULL)
		g_regex_unref(r->recovery);
	g_free(r->system);
	g_free(r->category);
	g_free(r->queue);
	for (int i = 0; i < r->nby_host; i++) {
		g_free(r->by_host[i].glob);
		g_free(r->by_host[i].code);
	}
	g_free(r->by_host);
}

void
alert_rules_free(struct alert_rules *rules)
{
	if (rules == NULL)
		return;
	for (int i = 0; i < rules->n; i++)
		rule_clear(&rules->rules[i]);
	g_free(rules->rules);
	g_free(rules);
}

int
alert_rules_count(const struct alert_rules *rules)
{
	return rules != NULL ? rules->n : 0;
}

/* A master code as the masters keep them: printable ASCII, no spaces. */
static bool
code_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return false;
	return true;
}

/* The value of key in the rule's group as written (no escapes, so a
 * pattern's \S stays \S), stripped; NULL when absent. */
static char *
value(GKeyFile *kf, const char *group, const char *key)
{
	char *v = g_key_file_get_value(kf, group, key, NULL);

	return v != NULL ? g_strstrip(v) : NULL;
}

static int
regex_key(GKeyFile *kf, const char *file, const char *group, const char *key,
	GRegexCompileFlags flags, GRegex **out, struct mado_err *e)
{
	char *v = value(kf, group, key);
	GError *gerr = NULL;
	int st = MADO_OK;

	*out = NULL;
	if (v == NULL || *v == '\0') {
		g_free(v);
		return MADO_OK;
	}
	/* PCRE reads past the end of a pattern that is not UTF-8. */
	if (!g_utf8_validate(v, -1, NULL))
		st = mado_err_set(e, MADO_ECONFIG, _("%s: [%s] %s: not valid UTF-8"), file, group, key);
	else if ((*out = g_regex_new(v, flags | G_REGEX_OPTIMIZE, 0, &gerr)) == NULL) {
		st = mado_err_set(e, MADO_ECONFIG, "%s: [%s] %s: %s", file, group, key, gerr->message);
		g_error_free(gerr);
	} else if (g_regex_get_string_number(*out, "host") < 0)
		st = mado_err_set(e, MADO_ECONFIG,
			_("%s: [%s] %s: the pattern needs a named group (?<host>...)"), file, group, key);
	g_free(v);
	return st;
}

static int
code_key(GKeyFile *kf, const char *file, const char *group, const char *key, char **out,
	struct mado_err *e)
{
	char *v = value(kf, group, key);

	if (v != NULL && !code_ok(v)) {
		mado_err_set(e, MADO_ECONFIG, _("%s: [%s] %s: '%s' is not a code"), file, group, key, v);
		g_free(v);
		return MADO_ECONFIG;
	}
	*out = v;
	return MADO_OK;
}

/* system_by_host = GLOB=CODE;GLOB=CODE */
static int
by_host_key(GKeyFile *kf, const char *file, const char *group, struct alert_rule *r,
	struct mado_err *e)
{
	char **items = g_key_file_get_string_list(kf, group, "system_by_host", NULL, NULL);
	int st = MADO_OK;

	for (int i = 0; items != NULL && items[i] != NULL && st == MADO_OK; i++) {
		char *item = g_strstrip(items[i]), *eq = strchr(item, '=');

		if (*item == '\0')
			continue;
		if (eq != NULL) {
			*eq = '\0';
			g_strstrip(item);
			g_strstrip(eq + 1);
		}
		if (eq == NULL || *item == '\0' || !g_utf8_validate(item, -1, NULL) ||
		    !code_ok(eq + 1)) {
			st = mado_err_set(e, MADO_ECONFIG,
				_("%s: [%s] system_by_host: '%s' is not HOST=SYSTEM (a host glob, a"
				  " managed system code)"), file, group, item);
			break;
		}
		r->by_host = g_renew(struct host_system, r->by_host, r->nby_host + 1);
		r->by_host[r->nby_host].glob = g_ascii_strdown(item, -1);
		r->by_host[r->nby_host++].code = g_strdup(eq + 1);
	}
	g_strfreev(items);
	return st;
}

static int
sender_key(GKeyFile *kf, const char *file, const char *group, struct alert_rule *r,
	struct mado_err *e)
{
	char *v = value(kf, group, "sender");
	size_t n = v != NULL ? strlen(v) : 0;
	int st = MADO_OK;

	if (n > 0 && !g_utf8_validate(v, -1, NULL))
		st = mado_err_set(e, MADO_ECONFIG, _("%s: [%s] sender: not valid UTF-8"), file, group);
	else if (n >= 2 && v[0] == '/' && v[n - 1] == '/') {
		GError *gerr = NULL;

		v[n - 1] = '\0';
		r->sender_re = g_regex_new(v + 1, G_REGEX_CASELESS, 0, &gerr);
		if (r->sender_re == NULL) {
			st = mado_err_set(e, MADO_ECONFIG, "%s: [%s] sender: %s", file, group,
				gerr->message);
			g_error_free(gerr);
		}
	} else if (n > 0)
		r->sender_glob = g_ascii_strdown(v, -1);
	g_free(v);
	return st;
}

static int
read_rule(GKeyFile *kf, const char *file, const char *group, struct alert_rule *r,
	struct mado_err *e)
{
	char **keys = g_key_file_get_keys(kf, group, NULL, NULL);
	const char *name = group + strlen(RULE_PREFIX);
	int st = MADO_OK;

	for (int k = 0; keys != NULL && keys[k] != NULL && st == MADO_OK; k++) {
		bool known = false;

		for (size_t i = 0; i < G_N_ELEMENTS(rule_keys); i++)
			known = known || strcmp(keys[k], rule_keys[i]) == 0;
		if (!known)
			st = mado_err_set(e, MADO_ECONFIG,
				_("%s: [%s] %s: no such key (sender, subject, recovery, system,"
				  " system_by_host, category, queue, priority)"), file, group, keys[k]);
	}
	g_strfreev(keys);
	if (st != MADO_OK)
		return st;
	if (*name == '\0' || !g_utf8_validate(name, -1, NULL) ||
	    g_utf8_strlen(name, -1) > RULE_NAME_MAX || strchr(name, ' ') != NULL)
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [%s]: a rule's name is one word of at most %d characters"), file, group,
			RULE_NAME_MAX);
	r->name = g_strdup(name);
	if ((st = sender_key(kf, file, group, r, e)) ||
	    (st = regex_key(kf, file, group, "subject", 0, &r->subject, e)) ||
	    (st = regex_key(kf, file, group, "recovery", 0, &r->recovery, e)) ||
	    (st = code_key(kf, file, group, "system", &r->system, e)) ||
	    (st = code_key(kf, file, group, "category", &r->category, e)) ||
	    (st = code_key(kf, file, group, "queue", &r->queue, e)) ||
	    (st = by_host_key(kf, file, group, r, e)))
		return st;
	if (r->subject == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("%s: [%s] subject: missing (a pattern is"
			" required)"), file, group);
	if (g_key_file_has_key(kf, group, "priority", NULL)) {
		GError *gerr = NULL;

		r->priority = g_key_file_get_integer(kf, group, "priority", &gerr);
		if (gerr != NULL || r->priority < 1 || r->priority > 5) {
			if (gerr != NULL)
				g_error_free(gerr);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [%s] priority: must be a number from 1 to 5"), file, group);
		}
	}
	return MADO_OK;
}

int
alert_rules_parse(const char *name, const char *text, size_t len, struct alert_rules **out,
	struct mado_err *e)
{
	struct alert_rules *rules = g_new0(struct alert_rules, 1);
	GKeyFile *kf = g_key_file_new();
	GError *gerr = NULL;
	char **groups = NULL;
	int st = MADO_OK;

	*out = NULL;
	/* GLib reads up to a NUL; the line numbers need the same text. */
	len = strnlen(text, len);
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &gerr)) {
		char *copy = g_strndup(text, len);

		st = mado_err_set(e, MADO_ECONFIG, "%s:%d: %s", name, keyfile_bad_line(copy),
			gerr->message);
		g_free(copy);
		g_error_free(gerr);
	} else
		groups = g_key_file_get_groups(kf, NULL);
	for (int g = 0; groups != NULL && groups[g] != NULL && st == MADO_OK; g++) {
		if (!g_str_has_prefix(groups[g], RULE_PREFIX)) {
			st = mado_err_set(e, MADO_ECONFIG,
				_("%s: [%s]: not a rule (each rule is a group [rule NAME])"), name, groups[g]);
			break;
		}
		rules->rules = g_renew(struct alert_rule, rules->rules, rules->n + 1);
		memset(&rules->rules[rules->n], 0, sizeof rules->rules[0]);
		st = read_rule(kf, name, groups[g], &rules->rules[rules->n++], e);
	}
	g_strfreev(groups);
	g_key_file_free(kf);
	if (st != MADO_OK)
		alert_rules_free(rules);
	else
		*out = rules;
	return st;
}

int
alert_rules_load(const char *path, struct alert_rules **out, struct mado_err *e)
{
	GError *gerr = NULL;
	char *text = NULL;
	gsize len;
	int st;

	*out = NULL;
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		st = mado_err_set(e, MADO_ECONFIG, "%s", gerr->message);
		g_error_free(gerr);
		return st;
	}
	st = alert_rules_parse(path, text, len, out, e);
	g_free(text);
	return st;
}

static bool
sender_matches(const struct alert_rule *r, const char *sender)
{
	if (r->sender_re != NULL)
		return g_regex_match(r->sender_re, sender, 0, NULL);
	if (r->sender_glob != NULL) {
		char *low = g_ascii_strdown(sender, -1);
		bool yes = g_pattern_match_simple(r->sender_glob, low);

		g_free(low);
		return yes;
	}
	return true;
}

/* A named group's text, stripped; "" when the group took no part. */
static char *
named(GMatchInfo *mi, const char *group)
{
	char *v = g_match_info_fetch_named(mi, group);

	return g_strstrip(v != NULL ? v : g_strdup(""));
}

bool
alert_rules_match(const struct alert_rules *rules, const char *sender, const char *subject,
	struct alert_match *m)
{
	memset(m, 0, sizeof *m);
	/* GRegex matches UTF-8 only; the intake hands it nothing else. */
	if (!g_utf8_validate(sender, -1, NULL) || !g_utf8_validate(subject, -1, NULL))
		return false;
	for (int i = 0; rules != NULL && i < rules->n; i++) {
		const struct alert_rule *r = &rules->rules[i];
		GMatchInfo *mi = NULL;
		char *host;
		bool recovery = false;

		if (!sender_matches(r, sender))
			continue;
		if (!g_regex_match(r->subject, subject, 0, &mi)) {
			g_match_info_free(mi);
			mi = NULL;
			recovery = r->recovery != NULL && g_regex_match(r->recovery, subject, 0, &mi);
			if (!recovery) {
				g_match_info_free(mi);
				continue;
			}
		}
		host = named(mi, "host");
		m->host = g_ascii_strdown(host, -1);
		g_free(host);
		m->check = named(mi, "check");
		g_match_info_free(mi);
		m->rule = r->name;
		m->recovery = recovery;
		m->system = r->system;
		for (int j = 0; j < r->nby_host; j++)
			if (g_pattern_match_simple(r->by_host[j].glob, m->host)) {
				m->system = r->by_host[j].code;
				break;
			}
		m->category = r->category;
		m->queue = r->queue;
		m->priority = r->priority;
		return true;
	}
	return false;
}

void
alert_match_clear(struct alert_match *m)
{
	g_free(m->host);
	g_free(m->check);
	memset(m, 0, sizeof *m);
}
