/* Fuzz target: the FTS5 tokenizer "mado" (db/fts_tokenizer.c).
 *
 * Input: byte 0 chooses the options (bit 0: kana folding), the rest is the
 * text, arbitrary bytes. The text is tokenized as a document, a query, a
 * prefix query and for an auxiliary function, and checked:
 *  - every token is 1 to DB_FTS_TOKEN_MAX bytes of valid UTF-8 without
 *    NUL, and its offsets lie inside the text, start before end;
 *  - the first token is never colocated, and tokens at new positions come
 *    in the order of the text (their starts never go back);
 *  - the document's tokens at new positions are exactly the query's (the
 *    colocated unigrams are extra), so whatever is indexed can be found;
 *  - every query token, tokenized again as a query, is itself: tokens are
 *    fixed points, so the query layer may feed them back. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/fts_tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

struct seen {
	int len;               /* of the text */
	int n, last_start;
	GPtrArray *main;       /* tokens at new positions (g_free) */
};

static int
check_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct seen *s = ctx;

	CHECK(tflags == 0 || tflags == FTS5_TOKEN_COLOCATED);
	CHECK(ntok >= 1 && ntok <= DB_FTS_TOKEN_MAX);
	CHECK(g_utf8_validate(tok, ntok, NULL));
	CHECK(memchr(tok, '\0', ntok) == NULL);
	CHECK(start >= 0 && start < end && end <= s->len);
	CHECK(s->n > 0 || tflags == 0);
	if (tflags == 0) {
		CHECK(start >= s->last_start);
		s->last_start = start;
		g_ptr_array_add(s->main, g_strndup(tok, ntok));
	}
	s->n++;
	return 0;
}

static GPtrArray *
tokenize(const char *text, int len, int flags, unsigned opts)
{
	struct seen s = { .len = len, .main = g_ptr_array_new_with_free_func(g_free) };

	CHECK(db_fts_tokenize(text, len, flags, opts, check_token, &s) == 0);
	return s.main;
}

static void
check_same(const GPtrArray *a, const GPtrArray *b)
{
	CHECK(a->len == b->len);
	for (guint i = 0; i < a->len; i++)
		CHECK(strcmp(a->pdata[i], b->pdata[i]) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned opts = size > 0 && (data[0] & 1) ? DB_FTS_KANA : 0;
	const char *text = size > 0 ? (const char *)data + 1 : "";
	int len = size > 0 ? (int)(size - 1) : 0;
	GPtrArray *doc, *query, *prefix, *aux;

	if (size > (1u << 20))
		return 0;
	doc = tokenize(text, len, FTS5_TOKENIZE_DOCUMENT, opts);
	query = tokenize(text, len, FTS5_TOKENIZE_QUERY, opts);
	prefix = tokenize(text, len, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, opts);
	aux = tokenize(text, len, FTS5_TOKENIZE_AUX, opts);
	check_same(doc, query);
	check_same(prefix, query);
	check_same(aux, query);
	for (guint i = 0; i < query->len; i++) {
		const char *tok = query->pdata[i];
		GPtrArray *again = tokenize(tok, (int)strlen(tok), FTS5_TOKENIZE_QUERY, opts);

		if (again->len != 1 || strcmp(again->pdata[0], tok) != 0)
			fprintf(stderr, "token [%s] tokenizes to %u token(s), first [%s]\n", tok,
				again->len, again->len > 0 ? (char *)again->pdata[0] : "");
		CHECK(again->len == 1 && strcmp(again->pdata[0], tok) == 0);
		g_ptr_array_free(again, TRUE);
	}
	g_ptr_array_free(doc, TRUE);
	g_ptr_array_free(query, TRUE);
	g_ptr_array_free(prefix, TRUE);
	g_ptr_array_free(aux, TRUE);
	return 0;
}
