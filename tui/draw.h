/* Painting text in screen cells. Widths come from base/textwidth (East
 * Asian width with the ambiguous-width setting), never from bytes, and
 * every column is placed by moving to its own start, so one odd
 * character cannot shift the columns after it. */
#ifndef MADO_DRAW_H
#define MADO_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "base/textwidth.h"

/* Attributes by meaning, so nothing relies on colour alone: each has a
 * non-colour form (reverse, bold, underline) that works with NO_COLOR
 * and on a vt100; colour is only added when the terminal has it. */
enum draw_style {
	STYLE_NORMAL,
	STYLE_TITLE,      /* the top line */
	STYLE_HEADER,     /* column headers: underlined */
	STYLE_SELECTED,   /* the current row: reverse video */
	STYLE_STATUS,     /* the status line: reverse video */
	STYLE_ERROR,      /* error messages: bold */
	STYLE_NOTE,       /* internal notes: dim, and marked by text too */
	STYLE_EMPHASIS,   /* bold */
	STYLE_COUNT
};

/* How to paint: the ambiguous-width setting, whether colour is on, and
 * whether charts are drawn in ASCII (the locale is not UTF-8, or the
 * user's charts = ascii) rather than with block characters. */
struct painter {
	int ambi;
	bool color;
	bool ascii;
};

/* Sets up colour pairs when want_color is true and the terminal has
 * colours; returns whether colour is in use. */
bool draw_init(bool want_color);
attr_t draw_attr(const struct painter *p, enum draw_style s);

/* Writes s at (y, x) in exactly cells cells (truncated with "…" or
 * padded), with style. */
void draw_text(const struct painter *p, int y, int x, const char *s, int cells,
	enum draw_style style);
/* The same, right-aligned in its cells (numbers). */
void draw_text_right(const struct painter *p, int y, int x, const char *s, int cells,
	enum draw_style style);
/* Fills a whole row with style (blank), for bars. */
void draw_fill(const struct painter *p, int y, int cols, enum draw_style style);

#endif
