/* Fuzz target: numbering patterns (core/numbering.c).
 *
 * Input: the pattern, up to the first NUL byte; after that NUL, optional
 * parameters, each taken from the following bytes while there are any:
 * 8 bytes of the time (Unix seconds, little-endian), 8 bytes of the
 * sequence, 1 byte for the size of the number buffer (1–256) and 1 for
 * the scope buffer. So a text file holding just a pattern is a seed; it
 * is rendered at 2026-04-01 00:00 JST, sequence 123, into 64-byte buffers.
 *
 * Checked: numbering_check and numbering_render answer MADO_OK or
 * MADO_EDATA with a message; the buffers, allocated at exactly their
 * size, are never overrun and hold NUL-terminated text; the same call
 * gives the same number; the scope does not depend on the sequence (it
 * is what the counters are kept by); a bigger buffer gives the same
 * number; an accepted pattern renders at every time, and one that
 * renders at the time numbering_check uses is accepted by it. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numbering.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

#define DEFAULT_TIME INT64_C(1774969200) /* 2026-04-01 00:00 JST */
#define DEFAULT_SEQ 123
#define DEFAULT_BUF 64
#define BIG_BUF 512
/* numbering_check renders at the epoch, sequence 1, into 128 bytes. */
#define CHECK_BUF 128

/* Reads n little-endian bytes (fewer at the end of input) into *v. */
static void
take(const uint8_t **p, const uint8_t *end, size_t n, uint64_t *v)
{
	if (*p >= end)
		return;
	*v = 0;
	for (size_t i = 0; i < n && *p < end; i++, (*p)++)
		*v |= (uint64_t)**p << (8 * i);
}

struct number {
	int st;
	char *out, *scope;
	struct mado_err e;
};

static void
render(const char *pattern, int64_t t, int64_t seq, size_t outsz, size_t scopesz,
	struct number *n)
{
	n->out = g_malloc(outsz);
	n->scope = g_malloc(scopesz);
	memset(&n->e, 0, sizeof n->e);
	n->st = numbering_render(pattern, t, seq, n->out, outsz, n->scope, scopesz, &n->e);
	CHECK(n->st == MADO_OK || n->st == MADO_EDATA);
	if (n->st == MADO_OK) {
		CHECK(memchr(n->out, '\0', outsz) != NULL);
		CHECK(memchr(n->scope, '\0', scopesz) != NULL);
	} else
		CHECK(n->e.status == MADO_EDATA && n->e.msg[0] != '\0');
}

static void
number_free(struct number *n)
{
	g_free(n->out);
	g_free(n->scope);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *nul = memchr(data, '\0', size);
	const uint8_t *p = nul != NULL ? nul + 1 : end;
	char *pattern = g_strndup((const char *)data, size);
	uint64_t t = (uint64_t)DEFAULT_TIME, seq = DEFAULT_SEQ;
	uint64_t outsz = DEFAULT_BUF - 1, scopesz = DEFAULT_BUF - 1;
	struct number a, b, c, big, epoch;
	struct mado_err e = { 0 };
	int checked;

	take(&p, end, 8, &t);
	take(&p, end, 8, &seq);
	take(&p, end, 1, &outsz);
	take(&p, end, 1, &scopesz);

	checked = numbering_check(pattern, &e);
	CHECK(checked == MADO_OK || checked == MADO_EDATA);
	if (checked != MADO_OK)
		CHECK(e.status == MADO_EDATA && e.msg[0] != '\0');

	render(pattern, (int64_t)t, (int64_t)seq, (size_t)outsz + 1, (size_t)scopesz + 1, &a);
	render(pattern, (int64_t)t, (int64_t)seq, (size_t)outsz + 1, (size_t)scopesz + 1, &b);
	CHECK(a.st == b.st);
	if (a.st == MADO_OK)
		CHECK(strcmp(a.out, b.out) == 0 && strcmp(a.scope, b.scope) == 0);

	render(pattern, (int64_t)t, (int64_t)seq, BIG_BUF, BIG_BUF, &big);
	if (a.st == MADO_OK) {
		CHECK(big.st == MADO_OK);
		CHECK(strcmp(a.out, big.out) == 0 && strcmp(a.scope, big.scope) == 0);
	}
	/* A good pattern renders for every moment of years 1970 to 9999;
	 * other moments are refused, never rendered wrong. */
	if (checked == MADO_OK && (int64_t)t >= 0 && (int64_t)t <= 253402300799LL)
		CHECK(big.st == MADO_OK);
	if ((int64_t)t < 0 || (int64_t)t > 253402300799LL)
		CHECK(big.st == MADO_EDATA);

	/* Another sequence number: another number, the same scope. */
	render(pattern, (int64_t)t, (int64_t)(seq ^ 1), BIG_BUF, BIG_BUF, &c);
	CHECK(c.st == big.st);
	if (c.st == MADO_OK) {
		CHECK(strcmp(c.scope, big.scope) == 0);
		CHECK(strcmp(c.out, big.out) != 0);
	}

	render(pattern, 0, 1, CHECK_BUF, CHECK_BUF, &epoch);
	CHECK(epoch.st == checked);

	number_free(&a);
	number_free(&b);
	number_free(&c);
	number_free(&big);
	number_free(&epoch);
	g_free(pattern);
	return 0;
}
