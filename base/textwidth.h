/* The one width module: every padding, truncation and cursor computation
 * on screen or in aligned text output goes through here, in terminal cells
 * measured by the East Asian width of each character, never in bytes.
 *
 * ambi is the width given to East Asian "ambiguous" characters (○ ※ ① ─):
 * TW_AMBI_NARROW (1) or TW_AMBI_WIDE (2), since Japanese terminals differ. */
#ifndef MADO_TEXTWIDTH_H
#define MADO_TEXTWIDTH_H

#include <stddef.h>
#include <stdint.h>

enum { TW_AMBI_NARROW = 1, TW_AMBI_WIDE = 2 };

/* Cells for one code point: 0 for combining marks and zero-width
 * characters, 2 for wide and full-width, ambi for ambiguous, else 1.
 * Control characters count 1 (callers show them as a replacement). */
int tw_char_width(uint32_t cp, int ambi);

/* Cells for a UTF-8 string of len bytes (len < 0: NUL-terminated). Each
 * invalid byte counts as one cell (shown as a replacement by tw_fit). */
int tw_width(const char *s, long len, int ambi);

/* Byte length of the longest prefix of the NUL-terminated s that fits in
 * cells, never ending inside a character and keeping the combining marks
 * that follow the last character; *used (may be NULL) receives its width. */
size_t tw_prefix(const char *s, int cells, int ambi, int *used);

enum tw_align { TW_LEFT, TW_RIGHT };

/* s laid out in exactly cells cells (0 when cells <= 0): truncated with "…"
 * when too wide (never splitting a character; a wide char that would
 * straddle the edge is replaced by padding; "…" is ambiguous, so it takes
 * ambi cells and is left out when it alone would not fit), padded with
 * spaces. Invalid bytes and control characters (tab and newline included)
 * become U+FFFD, or '?' with TW_AMBI_WIDE since U+FFFD is itself ambiguous
 * and must stay one cell. Newly allocated; caller frees with free(). */
char *tw_fit(const char *s, int cells, int ambi, enum tw_align align);

/* Decodes one UTF-8 character at s (at most n bytes). Returns its byte
 * length (>= 1) and stores the code point, or stores UINT32_MAX and
 * returns 1 for an invalid byte. */
size_t tw_decode(const char *s, size_t n, uint32_t *cp);

#endif
