#include "draw.h"

#include <stdlib.h>

enum { PAIR_BAR = 1, PAIR_ERROR, PAIR_NOTE };

bool
draw_init(bool want_color)
{
	if (!want_color || !has_colors() || COLOR_PAIRS <= PAIR_NOTE)
		return false;
	start_color();
	use_default_colors();
	init_pair(PAIR_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_NOTE, COLOR_YELLOW, -1);
	return true;
}

attr_t
draw_attr(const struct painter *p, enum draw_style s)
{
	static const attr_t plain[STYLE_COUNT] = {
		[STYLE_NORMAL] = A_NORMAL, [STYLE_TITLE] = A_REVERSE | A_BOLD,
		[STYLE_HEADER] = A_UNDERLINE | A_BOLD, [STYLE_SELECTED] = A_REVERSE,
		[STYLE_STATUS] = A_REVERSE, [STYLE_ERROR] = A_BOLD, [STYLE_NOTE] = A_DIM,
		[STYLE_EMPHASIS] = A_BOLD,
	};
	attr_t a = plain[s];

	/* Colour only adds to the plain attributes (bars trade reverse for a
	 * coloured background, which is as visible). */
	if (p->color) {
		if (s == STYLE_TITLE || s == STYLE_STATUS)
			a = (a & ~A_REVERSE) | COLOR_PAIR(PAIR_BAR);
		else if (s == STYLE_ERROR)
			a |= COLOR_PAIR(PAIR_ERROR);
		else if (s == STYLE_NOTE)
			a |= COLOR_PAIR(PAIR_NOTE);
	}
	return a;
}

static void
put(const struct painter *p, int y, int x, const char *s, int cells, enum draw_style style,
	enum tw_align align)
{
	char *fit;

	if (cells <= 0)
		return;
	fit = tw_fit(s != NULL ? s : "", cells, p->ambi, align);
	attrset(draw_attr(p, style));
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
}

void
draw_text(const struct painter *p, int y, int x, const char *s, int cells,
	enum draw_style style)
{
	put(p, y, x, s, cells, style, TW_LEFT);
}

void
draw_text_right(const struct painter *p, int y, int x, const char *s, int cells,
	enum draw_style style)
{
	put(p, y, x, s, cells, style, TW_RIGHT);
}

void
draw_fill(const struct painter *p, int y, int cols, enum draw_style style)
{
	attrset(draw_attr(p, style));
	mvhline(y, 0, ' ', cols);
	attrset(A_NORMAL);
}
