#include "textwidth.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* "…" (U+2026) marks truncation. It is East Asian ambiguous, so it takes
 * ambi cells like any other ambiguous character. */
#define ELLIPSIS "\xe2\x80\xa6"
#define ELLIPSIS_CP 0x2026u

/* U+FFFD, what invalid bytes and control characters are shown as. */
#define REPLACEMENT "\xef\xbf\xbd"

size_t
tw_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	*cp = UINT32_MAX;
	if (n == 0)
		return 1;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/* Lead bytes: C0/C1 could only start overlong forms, F5.. would go
	 * beyond U+10FFFF; both are rejected with the stray continuations. */
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else
		return 1;
	if (len > n)
		return 1;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 1;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = c;
	return len;
}

static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

int
tw_char_width(uint32_t cp, int ambi)
{
	GUnicodeType type;

	if (cp > 0x10ffff || is_control(cp))
		return 1;
	/* Zero width is decided first: the ambiguous set also holds the
	 * combining diacritics (U+0300..), which take no cell of their own. */
	type = g_unichar_type(cp);
	if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK
	    || g_unichar_iszerowidth(cp))
		return 0;
	if (g_unichar_iswide(cp))
		return 2;
	/* iswide_cjk is "wide or ambiguous"; wide was excluded just above. */
	if (g_unichar_iswide_cjk(cp))
		return ambi == TW_AMBI_WIDE ? 2 : 1;
	return 1;
}

int
tw_width(const char *s, long len, int ambi)
{
	size_t n = len < 0 ? strlen(s) : (size_t)len;
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;

		i += tw_decode(s + i, n - i, &cp);
		w += tw_char_width(cp, ambi);
	}
	return w;
}

size_t
tw_prefix(const char *s, int cells, int ambi, int *used)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	/* Zero-width characters after the last one that fits are kept, so a
	 * base character is never separated from its combining marks. */
	while (i < n) {
		uint32_t cp;
		size_t clen = tw_decode(s + i, n - i, &cp);
		int cw = tw_char_width(cp, ambi);

		if (w + cw > cells)
			break;
		w += cw;
		i += clen;
	}
	if (used != NULL)
		*used = w;
	return i;
}

/* Appends the n bytes at s to out, each invalid byte and control character
 * replaced by one one-cell character, so the width stays what tw_width()
 * counted. U+FFFD is itself ambiguous: with ambi wide it would take two
 * cells, so '?' is used there instead. Returns the end of out. */
static char *
put_clean(char *out, const char *s, size_t n, int ambi)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t clen = tw_decode(s + i, n - i, &cp);

		if (cp == UINT32_MAX || is_control(cp)) {
			if (ambi == TW_AMBI_WIDE)
				*out++ = '?';
			else {
				memcpy(out, REPLACEMENT, 3);
				out += 3;
			}
		} else {
			memcpy(out, s + i, clen);
			out += clen;
		}
		i += clen;
	}
	return out;
}

static char *
put_spaces(char *out, int n)
{
	for (; n > 0; n--)
		*out++ = ' ';
	return out;
}

char *
tw_fit(const char *s, int cells, int ambi, enum tw_align align)
{
	int ew = tw_char_width(ELLIPSIS_CP, ambi);
	int mark = 0, used;
	size_t keep;
	char *buf, *p;

	if (cells < 0)
		cells = 0;
	if (tw_width(s, -1, ambi) <= cells)
		keep = tw_prefix(s, cells, ambi, &used);
	else if (cells >= ew) {
		keep = tw_prefix(s, cells - ew, ambi, &used);
		mark = 1;
	} else {
		/* No room even for the ellipsis (one cell, ambi wide): cut
		 * without a mark rather than overflow. */
		keep = tw_prefix(s, cells, ambi, &used);
	}
	/* Each kept byte grows to at most 3 (U+FFFD); padding fills the rest. */
	buf = malloc(keep * 3 + sizeof ELLIPSIS + (size_t)cells + 1);
	if (buf == NULL)
		abort();
	if (mark)
		used += ew;
	p = buf;
	if (align == TW_RIGHT)
		p = put_spaces(p, cells - used);
	p = put_clean(p, s, keep, ambi);
	if (mark) {
		memcpy(p, ELLIPSIS, sizeof ELLIPSIS - 1);
		p += sizeof ELLIPSIS - 1;
	}
	if (align == TW_LEFT)
		p = put_spaces(p, cells - used);
	*p = '\0';
	return buf;
}
