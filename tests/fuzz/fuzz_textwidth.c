/* Fuzz target: the East Asian width module (base/textwidth.c).
 *
 * Input: byte 0 gives a width in cells (byte - 4, so -4 to 251), the rest
 * is the text; as a C string it ends at its first NUL byte. For both
 * ambiguous widths the text is measured, decoded, cut with tw_prefix and
 * laid out with tw_fit (both alignments) at that width and at the text's
 * own width and its neighbours, and checked:
 *  - tw_decode agrees with GLib's UTF-8 decoder and never runs past the end;
 *  - tw_width with a length counts embedded NULs and matches the C-string
 *    form; ambiguous wide is never narrower than narrow;
 *  - tw_prefix gives the longest prefix that fits, on a character boundary,
 *    with *used its width;
 *  - tw_fit gives valid UTF-8 without control characters that is exactly
 *    the requested number of cells by tw_width (0 for a negative width),
 *    and, for clean text, is the text's longest fitting prefix, the "…"
 *    when cut and there is room for it, and spaces on the aligned side. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/textwidth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

#define ELLIPSIS "\xe2\x80\xa6"

static bool
is_control(gunichar c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/* Valid UTF-8 without control characters: what tw_fit keeps as it is. */
static bool
is_clean(const char *s)
{
	if (!g_utf8_validate(s, -1, NULL))
		return false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p))
		if (is_control(g_utf8_get_char(p)))
			return false;
	return true;
}

/* Walks the n bytes at s with tw_decode and compares with GLib. */
static void
check_decode(const char *s, size_t n, int ambi)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = tw_decode(s + i, n - i, &cp);

		CHECK(len >= 1 && len <= 4 && len <= n - i);
		if (cp == UINT32_MAX)
			CHECK(len == 1);
		else {
			char enc[6];

			CHECK(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff));
			CHECK(g_unichar_to_utf8(cp, enc) == (gint)len);
			CHECK(memcmp(enc, s + i, len) == 0);
			/* GLib takes NUL within a length as invalid. */
			CHECK(cp == 0 || g_utf8_get_char_validated(s + i, (gssize)len) == cp);
		}
		CHECK(tw_char_width(cp, TW_AMBI_NARROW) >= 0);
		CHECK(tw_char_width(cp, TW_AMBI_NARROW) <= tw_char_width(cp, TW_AMBI_WIDE));
		CHECK(tw_char_width(cp, ambi) <= 2);
		i += len;
	}
	CHECK(i == n);
}

static void
check_prefix(const char *s, int cells, int ambi)
{
	size_t n = strlen(s), i = 0;
	int used = -1;
	size_t p = tw_prefix(s, cells, ambi, &used);

	CHECK(p <= n);
	CHECK(tw_prefix(s, cells, ambi, NULL) == p);
	CHECK(used >= 0 && used <= (cells > 0 ? cells : 0));
	CHECK(tw_width(s, (long)p, ambi) == used);
	if (p < n) {
		/* The next character does not fit (or p would be longer). */
		uint32_t cp;

		tw_decode(s + p, n - p, &cp);
		CHECK(used + tw_char_width(cp, ambi) > cells);
	} else
		CHECK(used == tw_width(s, -1, ambi));
	/* p is where a character starts when decoding from the beginning. */
	while (i < p) {
		uint32_t cp;

		i += tw_decode(s + i, n - i, &cp);
	}
	CHECK(i == p);
}

static void
check_fit(const char *s, int cells, int ambi, bool clean)
{
	int want = cells > 0 ? cells : 0;
	char *left = tw_fit(s, cells, ambi, TW_LEFT);
	char *right = tw_fit(s, cells, ambi, TW_RIGHT);

	CHECK(left != NULL && right != NULL);
	CHECK(g_utf8_validate(left, -1, NULL) && g_utf8_validate(right, -1, NULL));
	CHECK(is_clean(left) && is_clean(right));
	if (tw_width(left, -1, ambi) != want || tw_width(right, -1, ambi) != want)
		fprintf(stderr, "tw_fit(%d cells, ambi %d): left %d, right %d cells\n", cells,
			ambi, tw_width(left, -1, ambi), tw_width(right, -1, ambi));
	CHECK(tw_width(left, -1, ambi) == want);
	CHECK(tw_width(right, -1, ambi) == want);
	CHECK(strlen(left) == strlen(right));
	if (clean) {
		int ew = tw_char_width(0x2026, ambi), w = tw_width(s, -1, ambi), used;
		bool mark = w > want && want >= ew;
		size_t keep = w <= want ? strlen(s)
			: tw_prefix(s, mark ? want - ew : want, ambi, NULL);
		GString *body = g_string_new_len(s, (gssize)keep);
		size_t pad;

		if (mark)
			g_string_append(body, ELLIPSIS);
		used = tw_width(body->str, -1, ambi);
		CHECK(used <= want);
		pad = (size_t)(want - used);
		CHECK(strlen(left) == body->len + pad);
		CHECK(memcmp(left, body->str, body->len) == 0);
		CHECK(strspn(left + body->len, " ") == pad);
		CHECK(strspn(right, " ") >= pad);
		CHECK(memcmp(right + pad, body->str, body->len) == 0);
		g_string_free(body, TRUE);
	}
	free(left);
	free(right);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = size > 0 ? (const char *)data + 1 : "";
	size_t rawlen = size > 0 ? size - 1 : 0;
	int cells = size > 0 ? (int)data[0] - 4 : 0;
	char *s = g_strndup(raw, rawlen);
	bool clean = is_clean(s);

	for (int ambi = TW_AMBI_NARROW; ambi <= TW_AMBI_WIDE; ambi++) {
		int w = tw_width(s, -1, ambi);
		int tries[] = { cells, w - 2, w - 1, w, w + 1, 0, 1, 2 };

		check_decode(raw, rawlen, ambi);
		CHECK(w >= 0 && (size_t)w <= 2 * strlen(s));
		CHECK(tw_width(s, (long)strlen(s), ambi) == w);
		CHECK(tw_width(raw, (long)rawlen, ambi) >= w);
		CHECK(tw_width(s, -1, TW_AMBI_NARROW) <= tw_width(s, -1, TW_AMBI_WIDE));
		for (size_t i = 0; i < G_N_ELEMENTS(tries); i++) {
			check_prefix(s, tries[i], ambi);
			check_fit(s, tries[i], ambi, clean);
		}
	}
	g_free(s);
	return 0;
}
