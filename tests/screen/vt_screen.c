/* Screen-test harness, the screen: the libvterm terminal that the
 * child's output is fed to, and everything that reads it (text by cell,
 * attributes, cursor, bells). See vt.h. */
#include "tests/screen/vt_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CELL_BYTES = VTERM_MAX_CHARS_PER_CELL * 4 };

/* c as UTF-8 into s (room for 4 bytes); returns the length. A value that
 * is no character becomes U+FFFD. */
static size_t
utf8_encode(uint32_t c, char *s)
{
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xC0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (char)(0xE0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	s[0] = (char)(0xF0 | c >> 18);
	s[1] = (char)(0x80 | (c >> 12 & 0x3F));
	s[2] = (char)(0x80 | (c >> 6 & 0x3F));
	s[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* libvterm's replies to the child's queries (cursor position, device
 * attributes) and the keys it encodes: all go to the child as input. */
static void
on_output(const char *s, size_t len, void *user)
{
	vt_out_append(user, s, len);
}

static int
on_bell(void *user)
{
	struct vt *vt = user;

	vt->bells++;
	return 1;
}

static int
on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		vt->cursor_visible = val->boolean != 0;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.bell = on_bell,
	.settermprop = on_termprop,
};

void
vt_screen_open(struct vt *vt, int rows, int cols)
{
	vt->term = vterm_new(rows, cols);
	if (vt->term == NULL) {
		fputs("vt: out of memory\n", stderr);
		abort();
	}
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
	/* ncurses switches to the alternate screen and back, as on xterm. */
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	vt->cursor_visible = true;
}

/* One row's text and, for each of its bytes, the column it is drawn in. */
struct row_text {
	char *s;
	int *col;
	size_t len;
};

static bool
get_cell(const struct vt *vt, int row, int col, VTermScreenCell *cell)
{
	int rows, cols;

	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows || col < 0 || col >= cols)
		return false;
	return vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, cell) != 0;
}

/* The right half of a wide character: libvterm marks it with chars[0] ==
 * (uint32_t)-1; a width of 0 after a wide cell means the same. */
static bool
is_continuation(const VTermScreenCell *cell, int prev_width)
{
	return cell->chars[0] == (uint32_t)-1 || (cell->width == 0 && prev_width == 2);
}

static bool
row_text(const struct vt *vt, int row, struct row_text *rt)
{
	VTermScreenCell cell;
	int rows, cols, c, prev_width = 1;
	size_t start, i;

	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows)
		return false;
	rt->s = vt_xrealloc(NULL, (size_t)cols * CELL_BYTES + 1);
	rt->col = vt_xrealloc(NULL, sizeof *rt->col * ((size_t)cols * CELL_BYTES + 1));
	rt->len = 0;
	for (c = 0; c < cols; c++) {
		if (!get_cell(vt, row, c, &cell) || is_continuation(&cell, prev_width)) {
			prev_width = 1;
			continue;
		}
		prev_width = cell.width;
		start = rt->len;
		if (cell.chars[0] == 0)
			rt->s[rt->len++] = ' ';
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0; i++)
			rt->len += utf8_encode(cell.chars[i], rt->s + rt->len);
		while (start < rt->len)
			rt->col[start++] = c;
	}
	while (rt->len > 0 && rt->s[rt->len - 1] == ' ')
		rt->len--;
	rt->s[rt->len] = '\0';
	return true;
}

char *
vt_row(const struct vt *vt, int row)
{
	struct row_text rt;

	if (!row_text(vt, row, &rt))
		return NULL;
	free(rt.col);
	return rt.s;
}

int
vt_col_of(const struct vt *vt, int row, const char *text)
{
	struct row_text rt;
	const char *at;
	int col = -1;

	if (text[0] == '\0' || !row_text(vt, row, &rt))
		return -1;
	at = strstr(rt.s, text);
	if (at != NULL)
		col = rt.col[at - rt.s];
	free(rt.s);
	free(rt.col);
	return col;
}

int
vt_find_row(const struct vt *vt, const char *text)
{
	int rows, cols, row;
	char *s;
	bool found;

	vterm_get_size(vt->term, &rows, &cols);
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		found = strstr(s, text) != NULL;
		free(s);
		if (found)
			return row;
	}
	return -1;
}

char *
vt_screen(const struct vt *vt)
{
	int rows, cols, row;
	char *all = NULL, *s;
	size_t len = 0, n;

	vterm_get_size(vt->term, &rows, &cols);
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		n = strlen(s);
		all = vt_xrealloc(all, len + n + 2);
		memcpy(all + len, s, n);
		len += n;
		if (row + 1 < rows)
			all[len++] = '\n';
		free(s);
	}
	all = vt_xrealloc(all, len + 1);
	all[len] = '\0';
	return all;
}

void
vt_dump(const struct vt *vt)
{
	int rows, cols, row, crow, ccol;
	char *s;

	vterm_get_size(vt->term, &rows, &cols);
	vt_cursor(vt, &crow, &ccol);
	printf("# screen %dx%d, cursor at row %d col %d%s\n", rows, cols, crow, ccol,
		vt->cursor_visible ? "" : " (hidden)");
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		printf("# %2d|%s\n", row, s);
		free(s);
	}
	fflush(stdout);
}

/* The attributes of the cell, or of the character whose right half it is:
 * libvterm does not keep them on the right half. */
static bool
cell_at(const struct vt *vt, int row, int col, VTermScreenCell *cell)
{
	if (!get_cell(vt, row, col, cell))
		return false;
	if (col > 0 && cell->chars[0] == (uint32_t)-1)
		return get_cell(vt, row, col - 1, cell);
	return true;
}

bool
vt_attr_reverse(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.reverse;
}

bool
vt_attr_bold(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.bold;
}

bool
vt_attr_underline(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.underline != VTERM_UNDERLINE_OFF;
}

bool
vt_attr_colored(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell)
		&& (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
}

void
vt_cursor(const struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool
vt_cursor_visible(const struct vt *vt)
{
	return vt->cursor_visible;
}

int
vt_bells(const struct vt *vt)
{
	return vt->bells;
}

void
vt_size(const struct vt *vt, int *rows, int *cols)
{
	vterm_get_size(vt->term, rows, cols);
}
