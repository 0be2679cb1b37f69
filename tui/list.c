#include "list.h"

#include <stdlib.h>
#include <string.h>

#include "base/textwidth.h"

/* The window holds at most this many screens of rows; beyond, the far
 * side is dropped (it can be fetched again). */
#define WINDOW_SCREENS 4
#define MIN_FETCH 50

struct list_row *
list_row_new(int64_t id, int64_t key, const char *const *cells, int ncols)
{
	struct list_row *r = g_new0(struct list_row, 1);

	r->id = id;
	r->key = key;
	r->cells = g_new0(char *, ncols + 1);
	for (int i = 0; i < ncols; i++)
		r->cells[i] = g_strdup(cells[i] != NULL ? cells[i] : "");
	return r;
}

static void
row_free(gpointer p)
{
	struct list_row *r = p;

	g_strfreev(r->cells);
	g_free(r);
}

void
list_init(struct list *l, const struct list_column *cols, int ncols, struct list_source src)
{
	memset(l, 0, sizeof *l);
	l->ncols = ncols < LIST_MAX_COLS ? ncols : LIST_MAX_COLS;
	memcpy(l->cols, cols, sizeof *cols * (size_t)l->ncols);
	l->src = src;
	l->rows = g_ptr_array_new_with_free_func(row_free);
	l->page = 20;
}

void
list_free(struct list *l)
{
	if (l->rows != NULL)
		g_ptr_array_free(l->rows, TRUE);
	l->rows = NULL;
}

static int
fetch_size(const struct list *l)
{
	return l->page * 2 > MIN_FETCH ? l->page * 2 : MIN_FETCH;
}

static const struct list_row *
row_at(const struct list *l, int i)
{
	return i >= 0 && i < (int)l->rows->len ? g_ptr_array_index(l->rows, i) : NULL;
}

/* Drops rows far from the cursor so the window stays small. */
static void
trim(struct list *l)
{
	int max = l->page * WINDOW_SCREENS > 4 * MIN_FETCH ? l->page * WINDOW_SCREENS : 4 * MIN_FETCH;
	int len = (int)l->rows->len;

	if (len <= max)
		return;
	if (l->cur > len / 2) {
		int drop = len - max;

		if (drop > l->top)
			drop = l->top;
		g_ptr_array_remove_range(l->rows, 0, (guint)drop);
		l->top -= drop;
		l->cur -= drop;
		l->more_above = l->more_above || drop > 0;
	} else {
		int keep = l->top + l->page + max / 2;

		if (keep < len) {
			g_ptr_array_remove_range(l->rows, (guint)keep, (guint)(len - keep));
			l->more_below = true;
		}
	}
}

static int
fetch_below(struct list *l, struct mado_err *e)
{
	GPtrArray *got = g_ptr_array_new();
	bool more = false;
	int st = l->src.fetch(l->src.ctx, row_at(l, (int)l->rows->len - 1), false, fetch_size(l),
		got, &more, e);

	for (guint i = 0; i < got->len; i++)
		g_ptr_array_add(l->rows, g_ptr_array_index(got, i));
	g_ptr_array_free(got, TRUE);
	if (st == MADO_OK)
		l->more_below = more;
	return st;
}

static int
fetch_above(struct list *l, struct mado_err *e)
{
	GPtrArray *got = g_ptr_array_new();
	bool more = false;
	int st = l->src.fetch(l->src.ctx, row_at(l, 0), true, fetch_size(l), got, &more, e);
	int n = (int)got->len;

	/* Nearest first: insert each before the previous one. */
	for (int i = 0; i < n; i++)
		g_ptr_array_insert(l->rows, 0, g_ptr_array_index(got, i));
	g_ptr_array_free(got, TRUE);
	l->top += n;
	l->cur += n;
	if (st == MADO_OK)
		l->more_above = more;
	return st;
}

int
list_reset(struct list *l, struct mado_err *e)
{
	g_ptr_array_set_size(l->rows, 0);
	l->top = l->cur = 0;
	l->more_above = false;
	return fetch_below(l, e);
}

int
list_first(struct list *l, struct mado_err *e)
{
	return list_reset(l, e);
}

int
list_last(struct list *l, struct mado_err *e)
{
	int st;

	g_ptr_array_set_size(l->rows, 0);
	l->top = l->cur = 0;
	l->more_below = false;
	st = fetch_above(l, e);
	l->cur = (int)l->rows->len - 1;
	l->top = l->cur - l->page + 1 > 0 ? l->cur - l->page + 1 : 0;
	return st;
}

/* Keeps the cursor on screen, moving top as little as possible. */
static void
follow(struct list *l)
{
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + l->page)
		l->top = l->cur - l->page + 1;
	if (l->top < 0)
		l->top = 0;
}

int
list_move(struct list *l, int delta, struct mado_err *e)
{
	int st = MADO_OK, want = l->cur + delta;

	while (st == MADO_OK && want >= (int)l->rows->len && l->more_below) {
		st = fetch_below(l, e);
		if (st == MADO_OK && want >= (int)l->rows->len && !l->more_below)
			break;
	}
	while (st == MADO_OK && want < 0 && l->more_above) {
		int before = l->cur;

		st = fetch_above(l, e);
		want += l->cur - before;
	}
	if (want >= (int)l->rows->len)
		want = (int)l->rows->len - 1;
	if (want < 0)
		want = 0;
	l->cur = want;
	follow(l);
	trim(l);
	return st;
}

/* Moves by a page keeping the cursor's place on screen, like less and tig. */
static int
page(struct list *l, int delta, struct mado_err *e)
{
	int offset = l->cur - l->top, st = list_move(l, delta, e);
	int last_top;

	l->top = l->cur - offset;
	/* The page below the new top must be on hand to fill the screen. */
	while (st == MADO_OK && l->more_below && (int)l->rows->len < l->top + l->page)
		st = fetch_below(l, e);
	last_top = (int)l->rows->len - l->page;
	if (l->top > last_top)
		l->top = last_top;
	if (l->top < 0)
		l->top = 0;
	follow(l);
	return st;
}

int
list_page_down(struct list *l, struct mado_err *e)
{
	return page(l, l->page, e);
}

int
list_page_up(struct list *l, struct mado_err *e)
{
	return page(l, -l->page, e);
}

const struct list_row *
list_current(const struct list *l)
{
	return row_at(l, l->cur);
}

int
list_reload(struct list *l, struct mado_err *e)
{
	const struct list_row *cur = list_current(l), *top = row_at(l, l->top);
	int64_t cur_id = cur != NULL ? cur->id : 0, top_key = 0, top_id = 0;
	int offset = l->cur - l->top, st;

	if (top == NULL)
		return list_reset(l, e);
	/* At the very top, read from the top again: a record that another
	 * user just changed or created belongs above the first row. */
	if (!l->more_above && l->top == 0) {
		st = list_reset(l, e);
		for (guint i = 0; st == MADO_OK && i < l->rows->len; i++)
			if (((struct list_row *)g_ptr_array_index(l->rows, i))->id == cur_id)
				l->cur = (int)i;
		follow(l);
		return st;
	}
	/* Start again just above the first row on screen: a cursor one id past
	 * it includes it, since the list runs (key, id) downwards. */
	top_key = top->key;
	top_id = top->id;
	{
		struct list_row from = { .id = top_id + 1, .key = top_key };
		GPtrArray *got = g_ptr_array_new();
		bool more = false;

		st = l->src.fetch(l->src.ctx, &from, false, fetch_size(l), got, &more, e);
		if (st != MADO_OK) {
			g_ptr_array_set_size(got, 0);
			g_ptr_array_free(got, TRUE);
			return st;
		}
		g_ptr_array_set_size(l->rows, 0);
		for (guint i = 0; i < got->len; i++)
			g_ptr_array_add(l->rows, g_ptr_array_index(got, i));
		g_ptr_array_free(got, TRUE);
		l->more_below = more;
		l->more_above = true;
	}
	l->top = 0;
	l->cur = offset < (int)l->rows->len ? offset : (int)l->rows->len - 1;
	for (guint i = 0; i < l->rows->len; i++)
		if (((struct list_row *)g_ptr_array_index(l->rows, i))->id == cur_id)
			l->cur = (int)i;
	if (l->cur < 0)
		l->cur = 0;
	follow(l);
	return MADO_OK;
}

void
list_layout(const struct list *l, int cols, int ambi, int *widths)
{
	int used = 0, flex = -1;

	for (int c = 0; c < l->ncols; c++) {
		/* Widths do not follow the content, so scrolling never moves
		 * the columns (and repaints only what changed). */
		int w = tw_width(l->cols[c].header, -1, ambi);

		if (w < l->cols[c].min)
			w = l->cols[c].min;
		if (l->cols[c].max > 0 && w > l->cols[c].max)
			w = l->cols[c].max;
		if (l->cols[c].max == 0 && flex < 0)
			flex = c;
		widths[c] = w;
		used += w + (c > 0 ? 1 : 0);
	}
	if (flex >= 0) {
		int rest = cols - (used - widths[flex]);

		widths[flex] = rest > l->cols[flex].min ? rest : l->cols[flex].min;
	}
	/* Too narrow: the last columns give way first. */
	for (int c = l->ncols - 1, over = used - cols; c >= 0 && over > 0 && flex < 0; c--) {
		int give = widths[c] - 1 < over ? widths[c] - 1 : over;

		widths[c] -= give;
		over -= give;
	}
}

void
list_draw(struct list *l, const struct painter *p, int y0, int rows, int cols)
{
	int x;

	l->page = rows - 1 > 1 ? rows - 1 : 1;
	follow(l);
	list_layout(l, cols, p->ambi, l->widths);
	x = 0;
	draw_fill(p, y0, cols, STYLE_NORMAL);
	for (int c = 0; c < l->ncols && x < cols; c++) {
		int w = l->widths[c] < cols - x ? l->widths[c] : cols - x;

		if (l->cols[c].right)
			draw_text_right(p, y0, x, l->cols[c].header, w, STYLE_HEADER);
		else
			draw_text(p, y0, x, l->cols[c].header, w, STYLE_HEADER);
		x += w + 1;
	}
	for (int i = 0; i < l->page; i++) {
		const struct list_row *r = row_at(l, l->top + i);
		int y = y0 + 1 + i;
		enum draw_style st;

		if (r == NULL) {
			move(y, 0);
			clrtoeol();
			continue;
		}
		/* The selection is the first column in reverse video: moving it
		 * rewrites two short cells, not two whole rows, which keeps a
		 * cursor move to a few dozen bytes over a slow link. */
		st = r->style;
		draw_fill(p, y, cols, st);
		x = 0;
		for (int c = 0; c < l->ncols && x < cols; c++) {
			int w = l->widths[c] < cols - x ? l->widths[c] : cols - x;
			enum draw_style cs = c == 0 && l->top + i == l->cur ? STYLE_SELECTED : st;

			if (l->cols[c].right)
				draw_text_right(p, y, x, r->cells[c], w, cs);
			else
				draw_text(p, y, x, r->cells[c], w, cs);
			x += w + 1;
		}
	}
	if (l->rows->len == 0 && l->empty != NULL)
		draw_text(p, y0 + 2, 2, l->empty, cols - 4, STYLE_EMPHASIS);
}
