/* Monitoring alert rules: which mail is an alert, and which failure it
 * reports, so that repeated alerts of one failure fold into one open
 * incident. A GLib key file (share/alerts.conf by default) with one group
 * per rule, tried in file order:
 *
 *   [rule zabbix]
 *   # a glob, or /regex/; both case-insensitive
 *   sender = zabbix@*.example.lg.jp
 *   subject = ^PROBLEM: (?<check>.+) on (?<host>\S+)$
 *   recovery = ^RESOLVED: (?<check>.+) on (?<host>\S+)$
 *   # the managed system: by host (glob=code, first match), else system
 *   system_by_host = db*=juki;web01=groupware
 *   system = infra
 *   category = nw
 *   queue = infra
 *   priority = 2
 *
 * subject and recovery are GRegex patterns; host is a required named
 * group of both, check an optional one. The failure is (rule, host,
 * check). Errors name the place: "FILE:LINE: ..." for the file's syntax,
 * "FILE: [rule X] key: ..." for a value. */
#ifndef MADO_ALERT_RULE_H
#define MADO_ALERT_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct alert_rules;

/* <sharedir>/alerts.conf: the rules used when the configuration names
 * none. Newly allocated (g_free()). */
char *alert_rules_default_path(void);

/* Reads and checks every rule of path. *out is freed with alert_rules_free(). */
int alert_rules_load(const char *path, struct alert_rules **out, struct mado_err *e);
/* The same for len bytes of text (up to a NUL), name naming it in errors. */
int alert_rules_parse(const char *name, const char *text, size_t len, struct alert_rules **out,
	struct mado_err *e);
void alert_rules_free(struct alert_rules *rules);
int alert_rules_count(const struct alert_rules *rules);

/* What the first matching rule makes of a message. The strings are owned
 * by the match (host, check) or by the rules (the others, NULL when the
 * rule gives none); free with alert_match_clear(). */
struct alert_match {
	const char *rule;        /* the rule's name */
	bool recovery;           /* a recovery, not a problem */
	char *host, *check;      /* check "" when the pattern has none */
	const char *system, *category, *queue;
	int priority;            /* 0: the default */
};

/* sender: the lower-case address; subject: decoded. True when a rule
 * matches (m filled), false otherwise. */
bool alert_rules_match(const struct alert_rules *rules, const char *sender,
	const char *subject, struct alert_match *m);
void alert_match_clear(struct alert_match *m);

#endif
