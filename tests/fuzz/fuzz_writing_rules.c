/* Fuzz target: the writing rules parser and checker (core/writing_rules.c).
 *
 * The input up to its first NUL byte is a rules file; what follows the NUL
 * (or, without one, the same text) is a call log's text to check. A
 * refused file must give MADO_ECONFIG with a message that starts with the
 * file name. With accepted rules the text is checked for both fields and
 * both languages, and every finding must be one the screen and the CLI
 * can show: a message; a place inside the text, at a character boundary,
 * whose character position counts the characters before it and whose
 * match is the text found there; findings of one rule in the order of the
 * text; a line for people that is valid UTF-8. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/writing_rules.h"

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
check_finding(const struct wr_finding *f, const struct wr_finding *before, const char *text)
{
	char *said = wr_finding_text(f);

	CHECK(f->rule != NULL && f->rule[0] != '\0');
	CHECK(f->message != NULL && f->message[0] != '\0');
	CHECK(f->kind == WR_HINT || f->kind == WR_CHECK);
	if (f->offset < 0) {
		CHECK(f->position == 0 && f->match == NULL && f->suggestion == NULL);
	} else {
		CHECK(f->kind == WR_CHECK);
		CHECK((size_t)f->offset < strlen(text));
		CHECK(f->position == g_utf8_pointer_to_offset(text, text + f->offset) + 1);
		CHECK(f->match != NULL && f->match[0] != '\0');
		CHECK(strncmp(text + f->offset, f->match, strlen(f->match)) == 0);
		CHECK(g_utf8_validate(f->match, -1, NULL));
		CHECK(f->suggestion == NULL || g_utf8_validate(f->suggestion, -1, NULL));
		if (before != NULL && before->offset >= 0 && strcmp(before->rule, f->rule) == 0)
			CHECK(before->offset <= f->offset);
	}
	CHECK(f->length >= -1);
	CHECK(said != NULL && g_utf8_validate(said, -1, NULL));
	g_free(said);
}

static void
check_text(const struct writing_rules *r, const char *sample)
{
	static const char *const fields[] = { "inquiry_text", "response_text" };
	static const char *const langs[] = { "ja", "en" };
	char *text = g_utf8_make_valid(sample, -1);

	for (int f = 0; f < 2; f++)
		for (int l = 0; l < 2; l++) {
			GArray *found = writing_rules_check(r, fields[f], sample, langs[l]);

			for (guint i = 0; i < found->len; i++)
				check_finding(&g_array_index(found, struct wr_finding, i),
					i > 0 ? &g_array_index(found, struct wr_finding, i - 1) : NULL, text);
			CHECK(wr_count(found, WR_CHECK, WR_WARNING) >= wr_count(found, WR_CHECK, WR_ERROR));
			g_array_unref(found);
		}
	g_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *rules_text = g_strndup((const char *)data, nul != NULL ? (size_t)(nul - data) : size);
	char *sample = nul != NULL ? g_strndup((const char *)nul + 1, size - (size_t)(nul - data) - 1)
		: g_strdup(rules_text);
	struct writing_rules *r = NULL;
	struct mado_err e = { 0 };
	int st = writing_rules_parse(rules_text, NAME, &r, &e);

	if (st != MADO_OK) {
		CHECK(st == MADO_ECONFIG && e.status == MADO_ECONFIG && r == NULL);
		CHECK(strncmp(e.msg, NAME ": ", strlen(NAME ": ")) == 0);
	} else {
		CHECK(r != NULL);
		check_text(r, sample);
	}
	writing_rules_free(r);
	g_free(sample);
	g_free(rules_text);
	return 0;
}
