/* Fuzz target: the search box's query language (core/search_query.c).
 *
 * Input: the query, arbitrary bytes (up to the first NUL). It is parsed;
 * when that succeeds:
 *  - every term is non-empty valid UTF-8, at most SEARCH_TERMS_MAX of them,
 *    a kind is one of the four canonical names, a reference is coherent;
 *  - the MATCH expression is built as core/search.c builds it (terms with
 *    no token left out, every term given the other terms as synonyms so
 *    that alternatives are quoted too), with and without the column filter
 *    of staff, and checked twice:
 *     . by a scanner: outside FTS5 strings only spaces, parentheses, AND,
 *       OR, NOT and the column filter appear, and the strings are exactly
 *       the terms and alternatives, in order: no user text became syntax;
 *     . by FTS5 itself: the expression runs against an in-memory
 *       fts5(title, body, notes, tokenize='mado') table holding the query
 *       text, without an error. */
#include <glib.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search_query.h"
#include "db/fts_tokenizer.h"
#include "db/search_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

static void
check_parsed(const struct search_query *q)
{
	static const char *const kinds[] = { "inquiry", "incident", "request", "kb" };
	bool known = false;

	CHECK(q->nterms <= SEARCH_TERMS_MAX);
	for (size_t i = 0; i < q->nterms; i++) {
		CHECK(q->terms[i].text != NULL && q->terms[i].text[0] != '\0');
		CHECK(g_utf8_validate(q->terms[i].text, -1, NULL));
	}
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
		known = known || (q->field[SQ_KIND] != NULL && strcmp(q->field[SQ_KIND], kinds[i]) == 0);
	CHECK(q->field[SQ_KIND] == NULL || known);
	CHECK(q->ref != SQ_REF_FAQ || (q->ref_faq_no >= 1 && q->ref_faq_no <= 99999999));
	CHECK(q->ref != SQ_REF_TICKET || (q->ref_text != NULL && q->ref_text[0] != '\0'));
	CHECK(q->faq_no >= 0 && q->faq_no <= 99999999);
}

/* Reads the FTS5 string at *p (after its opening quote), undoubling its
 * quotes; returns it (g_free) and leaves *p after the closing quote. */
static char *
read_string(const char **p)
{
	GString *s = g_string_new(NULL);
	const char *c = *p;

	for (;;) {
		CHECK(*c != '\0');      /* every string is closed */
		if (*c == '"' && c[1] == '"') {
			g_string_append_c(s, '"');
			c += 2;
		} else if (*c == '"') {
			c++;
			break;
		} else {
			g_string_append_c(s, *c++);
		}
	}
	*p = c;
	return g_string_free(s, FALSE);
}

/* The strings of a MATCH expression, checking that everything between
 * them is the builder's own syntax. */
static GPtrArray *
scan_expression(const char *m, const char *colspec)
{
	GPtrArray *strings = g_ptr_array_new_with_free_func(g_free);
	const char *p = m;

	if (colspec != NULL) {
		CHECK(strncmp(p, colspec, strlen(colspec)) == 0);
		p += strlen(colspec);
	}
	while (*p != '\0') {
		if (*p == '"') {
			p++;
			g_ptr_array_add(strings, read_string(&p));
		} else if (*p == ' ' || *p == '(' || *p == ')' || (colspec != NULL && *p == ':')) {
			p++;
		} else if (strncmp(p, "AND ", 4) == 0 || strncmp(p, "NOT ", 4) == 0) {
			p += 4;
		} else if (strncmp(p, "OR ", 3) == 0) {
			p += 3;
		} else {
			check_failed(__FILE__, __LINE__, "only the builder's syntax outside strings");
		}
	}
	return strings;
}

/* The strings the expression must hold, in the builder's order: kept
 * positive terms (each with its alternatives unless a phrase), then the
 * kept excluded ones. */
static GPtrArray *
expected_strings(const struct search_query *q, char ***alts, const bool *keep)
{
	GPtrArray *want = g_ptr_array_new();

	for (int excluded = 0; excluded <= 1; excluded++)
		for (size_t i = 0; i < q->nterms; i++) {
			if (q->terms[i].exclude != (bool)excluded || !keep[i])
				continue;
			g_ptr_array_add(want, q->terms[i].text);
			for (size_t j = 0; !q->terms[i].phrase && alts[i][j] != NULL; j++)
				g_ptr_array_add(want, alts[i][j]);
		}
	return want;
}

static void
check_fts5(sqlite3 *h, const char *match)
{
	sqlite3_stmt *st = NULL;
	int rc;

	CHECK(sqlite3_prepare_v2(h, "SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1", -1, &st,
		NULL) == SQLITE_OK);
	CHECK(sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC) == SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		fprintf(stderr, "MATCH [%s]: %s\n", match, sqlite3_errmsg(h));
	CHECK(rc == SQLITE_DONE);
	sqlite3_finalize(st);
}

static sqlite3 *
open_index(const char *text)
{
	struct mado_err e = { 0 };
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;

	CHECK(sqlite3_open(":memory:", &h) == SQLITE_OK);
	CHECK(db_fts_register(h, &e) == MADO_OK);
	CHECK(sqlite3_exec(h, "CREATE VIRTUAL TABLE t USING fts5(title, body, notes,"
		" tokenize='mado')", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(h, "INSERT INTO t VALUES (?1, ?1, ?1)", -1, &st, NULL)
		== SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	return h;
}

static void
check_match(const struct search_query *q, const char *text)
{
	static const char *const colspecs[] = { NULL, SEARCH_COLS_PUBLIC };
	size_t n = q->nterms;
	bool *keep = calloc(n + 1, sizeof *keep);
	char ***alts = calloc(n + 1, sizeof *alts);
	bool any = false;
	sqlite3 *h = open_index(text);

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		keep[i] = search_token_count(q->terms[i].text) > 0;
		any = any || (keep[i] && !q->terms[i].exclude);
		alts[i] = calloc(n + 1, sizeof *alts[i]);
		for (size_t j = 0; j < n; j++)
			if (j != i)
				alts[i][k++] = q->terms[j].text;
	}
	for (size_t c = 0; c < G_N_ELEMENTS(colspecs); c++) {
		char *m = search_match_build(q, (const char *const *const *)alts, keep, colspecs[c]);
		GPtrArray *got, *want;

		CHECK((m != NULL) == any);
		if (m == NULL)
			continue;
		got = scan_expression(m, colspecs[c]);
		want = expected_strings(q, alts, keep);
		CHECK(got->len == want->len);
		for (guint i = 0; i < got->len; i++)
			CHECK(strcmp(got->pdata[i], want->pdata[i]) == 0);
		check_fts5(h, m);
		g_ptr_array_free(got, TRUE);
		g_ptr_array_free(want, TRUE);
		free(m);
	}
	for (size_t i = 0; i < n; i++)
		free(alts[i]);
	free(alts);
	free(keep);
	sqlite3_close(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input;
	struct search_query q;
	struct mado_err e = { 0 };

	if (size > 4 * SEARCH_INPUT_MAX)
		return 0;
	input = g_strndup((const char *)data, size);
	if (search_query_parse(input, &q, &e) == MADO_OK) {
		check_parsed(&q);
		if (g_utf8_validate(input, -1, NULL))
			check_match(&q, input);
	} else {
		CHECK(e.status == MADO_EDATA);
	}
	search_query_clear(&q);
	g_free(input);
	return 0;
}
