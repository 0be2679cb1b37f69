/* Fuzz target: the monitoring alert rules (core/alert_rule.c).
 *
 * The input up to its first NUL byte is a rules file; what follows is a
 * sender, a newline and a subject to match (without a NUL: a fixed alert).
 * A refused file must give MADO_ECONFIG with a message that starts with
 * the file name. With accepted rules, a match must name its rule, give a
 * host that is lower case and valid UTF-8 and a check that is valid UTF-8,
 * and a priority of 0 to 5. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alert_rule.h"

#define NAME "fuzz.conf"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

static void
check_match(const struct alert_rules *rules, const char *sender, const char *subject)
{
	struct alert_match m;
	char *low;

	if (!alert_rules_match(rules, sender, subject, &m))
		return;
	CHECK(m.rule != NULL && m.rule[0] != '\0');
	CHECK(m.host != NULL && m.check != NULL);
	CHECK(g_utf8_validate(m.host, -1, NULL) && g_utf8_validate(m.check, -1, NULL));
	low = g_ascii_strdown(m.host, -1);
	CHECK(strcmp(low, m.host) == 0);
	CHECK(m.priority >= 0 && m.priority <= 5);
	g_free(low);
	alert_match_clear(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t len = strnlen(text, size);
	struct alert_rules *rules = NULL;
	struct mado_err e = { 0 };
	int st = alert_rules_parse(NAME, text, len, &rules, &e);

	if (st != MADO_OK) {
		CHECK(st == MADO_ECONFIG && rules == NULL);
		CHECK(strncmp(e.msg, NAME, strlen(NAME)) == 0);
		return 0;
	}
	CHECK(rules != NULL);
	if (len < size) {
		char *rest = g_strndup(text + len + 1, size - len - 1);
		char *nl = strchr(rest, '\n');

		if (nl != NULL)
			*nl = '\0';
		check_match(rules, rest, nl != NULL ? nl + 1 : "");
		g_free(rest);
	} else
		check_match(rules, "nagios@mon.example.lg.jp",
			"** PROBLEM Service Alert: gw01/HTTP is CRITICAL **");
	alert_rules_free(rules);
	return 0;
}
