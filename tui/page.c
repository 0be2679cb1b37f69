/* The page of one record (tui/page.h): labelled fields and long text,
 * wrapped by screen cells, scrolled as a read-only document. */
#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/textwidth.h"
#include "tui/page.h"
#include "tui/views.h"

enum block_kind { BLOCK_FIELD, BLOCK_HEADING, BLOCK_TEXT };

/* What was added, kept as given so it can be wrapped again. */
struct block {
	enum block_kind kind;
	char *label;         /* fields only */
	char *text;
};

/* One line on screen. */
struct line {
	const char *label;   /* a field's first line: its block's label */
	char *text;
	int x;               /* the cell the text starts at */
	enum draw_style style;
};

struct page {
	GPtrArray *blocks, *lines;
	int width, ambi;     /* what the lines were wrapped for; width 0: not yet */
	int label_w;         /* cells of the label column */
	int top, rows;       /* first line on screen; lines on screen */
};

enum { TEXT_INDENT = 2, TAB_STOP = 8 };

static void
block_free(gpointer p)
{
	struct block *b = p;

	g_free(b->label);
	g_free(b->text);
	g_free(b);
}

static void
line_free(gpointer p)
{
	struct line *l = p;

	g_free(l->text);
	g_free(l);
}

static void
add_block(struct page *p, enum block_kind kind, const char *label, const char *text)
{
	struct block *b = g_new0(struct block, 1);

	b->kind = kind;
	b->label = g_strdup(label);
	b->text = g_strdup(text != NULL && text[0] != '\0' ? text : "—");
	g_ptr_array_add(p->blocks, b);
	p->width = 0;
}

void
page_field(struct page *p, const char *label, const char *value)
{
	add_block(p, BLOCK_FIELD, label, value);
}

void
page_field_time(struct page *p, const char *label, int64_t t)
{
	char buf[32];

	add_block(p, BLOCK_FIELD, label, page_time(t, buf, sizeof buf));
}

void
page_heading(struct page *p, const char *text)
{
	add_block(p, BLOCK_HEADING, NULL, text);
}

void
page_text(struct page *p, const char *text)
{
	add_block(p, BLOCK_TEXT, NULL, text);
}

const char *
page_time(int64_t t, char *buf, size_t size)
{
	struct jst j;

	if (t == 0) {
		g_strlcpy(buf, "—", size);
		return buf;
	}
	jst_from_time(t, &j);
	g_snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour, j.min);
	return buf;
}

/* ---- wrapping ---- */

/* Marks that may not start a line (行頭禁則). */
static bool
closing_mark(const char *s)
{
	static const char *const marks[] = {
		"、", "。", "，", "．", "）", "」", "』", "】", "〕", "〉", "》", "！", "？", "ー", "…",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

/* Part of an English word or number, which is not broken. */
static bool
word_byte(char c)
{
	return c > ' ' && c < 0x7f;
}

/* n bytes of s with tabs expanded and carriage returns dropped (files
 * from Windows editors). Newly allocated. */
static char *
expand_tabs(const char *s, size_t n, int ambi)
{
	GString *out = g_string_sized_new(n);
	size_t i = 0;
	int col = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = tw_decode(s + i, n - i, &cp);

		if (cp == '\t') {
			do
				g_string_append_c(out, ' ');
			while (++col % TAB_STOP != 0);
		} else if (cp != '\r') {
			g_string_append_len(out, s + i, (gssize)len);
			col += tw_char_width(cp, ambi);
		}
		i += len;
	}
	return g_string_free(out, FALSE);
}

/* Bytes of s that go on the next line of cells cells. */
static size_t
break_at(const char *s, int cells, int ambi)
{
	size_t n = tw_prefix(s, cells, ambi, NULL);
	const char *prev;
	uint32_t cp;

	if (s[n] == '\0')
		return n;
	if (word_byte(s[n - 1]) && word_byte(s[n])) {
		size_t k = n;

		while (k > 0 && s[k - 1] != ' ')
			k--;
		return k > 0 ? k : n;
	}
	prev = g_utf8_find_prev_char(s, s + n);
	if (closing_mark(s + n) && prev != NULL && prev > s) {
		tw_decode(prev, (size_t)(s + n - prev), &cp);
		/* A combining mark stays with its base character. */
		if (tw_char_width(cp, ambi) > 0)
			return (size_t)(prev - s);
	}
	return n;
}

static void
wrap_line(const char *s, int cells, int ambi, GPtrArray *out)
{
	do {
		size_t n = break_at(s, cells, ambi), end = n;

		while (end > 0 && s[end - 1] == ' ')
			end--;
		g_ptr_array_add(out, g_strndup(s, end));
		s += n;
		/* The spaces at a break go with it. */
		while (n > 0 && *s == ' ')
			s++;
	} while (*s != '\0');
}

void
page_wrap(const char *text, int cells, int ambi, GPtrArray *out)
{
	const char *p = text;

	/* Room for one wide character at least, so every line takes one. */
	if (cells < 2)
		cells = 2;
	for (;;) {
		size_t n = strcspn(p, "\n");
		char *line = expand_tabs(p, n, ambi);

		wrap_line(line, cells, ambi, out);
		g_free(line);
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
}

/* ---- layout and painting ---- */

static void
add_line(struct page *p, const char *label, char *text, int x, enum draw_style style)
{
	struct line *l = g_new0(struct line, 1);

	l->label = label;
	l->text = text;
	l->x = x;
	l->style = style;
	g_ptr_array_add(p->lines, l);
}

/* The widest label, but at most a third of the width. */
static int
label_cells(const struct page *p, int cols, int ambi)
{
	int w = 0;

	for (guint i = 0; i < p->blocks->len; i++) {
		const struct block *b = g_ptr_array_index(p->blocks, i);
		int bw = b->label != NULL ? tw_width(b->label, -1, ambi) : 0;

		if (bw > w)
			w = bw;
	}
	return w < cols / 3 ? w : cols / 3;
}

/* Wraps a block's text at x and adds its lines. */
static void
add_wrapped(struct page *p, const struct block *b, int x, enum draw_style style)
{
	GPtrArray *w = g_ptr_array_new();

	page_wrap(b->text, p->width - x, p->ambi, w);
	for (guint i = 0; i < w->len; i++)
		add_line(p, i == 0 ? b->label : NULL, g_ptr_array_index(w, i), x, style);
	g_ptr_array_free(w, TRUE);  /* the strings now belong to the lines */
}

static void
layout(struct page *p, int cols, int ambi)
{
	g_ptr_array_set_size(p->lines, 0);
	p->width = cols;
	p->ambi = ambi;
	p->label_w = label_cells(p, cols, ambi);
	for (guint i = 0; i < p->blocks->len; i++) {
		const struct block *b = g_ptr_array_index(p->blocks, i);

		switch (b->kind) {
		case BLOCK_FIELD:
			add_wrapped(p, b, p->label_w + 2, STYLE_NORMAL);
			break;
		case BLOCK_HEADING:
			if (p->lines->len > 0)
				add_line(p, NULL, g_strdup(""), 0, STYLE_NORMAL);
			add_wrapped(p, b, 0, STYLE_HEADER);
			break;
		case BLOCK_TEXT:
			add_wrapped(p, b, TEXT_INDENT, STYLE_NORMAL);
			break;
		}
	}
}

int
page_clamp_top(int top, int lines, int rows)
{
	return MAX(MIN(top, lines - MAX(rows, 1)), 0);
}

bool
page_scroll_top(int *top, int lines, int rows, enum tui_action a)
{
	switch (a) {
	case ACT_MOVE_DOWN: case ACT_SCROLL_DOWN: (*top)++; break;
	case ACT_MOVE_UP: case ACT_SCROLL_UP: (*top)--; break;
	case ACT_PAGE_DOWN: *top += MAX(rows - 1, 1); break;
	case ACT_PAGE_UP: *top -= MAX(rows - 1, 1); break;
	case ACT_FIRST: *top = 0; break;
	case ACT_LAST: *top = lines; break;
	default: return false;
	}
	*top = page_clamp_top(*top, lines, rows);
	return true;
}

static void
page_paint(struct page *p, const struct painter *pt, int y0, int rows, int cols)
{
	if (p->width != cols || p->ambi != pt->ambi)
		layout(p, cols, pt->ambi);
	p->rows = rows;
	p->top = page_clamp_top(p->top, (int)p->lines->len, rows);
	for (int i = 0; i < rows; i++) {
		const struct line *l = p->top + i < (int)p->lines->len
			? g_ptr_array_index(p->lines, p->top + i) : NULL;
		int w;

		move(y0 + i, 0);
		clrtoeol();
		if (l == NULL)
			continue;
		if (l->label != NULL)
			draw_text(pt, y0 + i, 0, l->label, p->label_w, STYLE_NORMAL);
		/* Only the text itself, so an underlined heading is as long as
		 * its words. */
		w = tw_width(l->text, -1, pt->ambi);
		draw_text(pt, y0 + i, l->x, l->text, w < cols - l->x ? w : cols - l->x, l->style);
	}
}

/* ---- the view ---- */

struct page_view {
	struct page page;
	page_fill_fn fill;
	page_act_fn act;     /* NULL: scrolling only */
	void *ctx;
	bool opened;         /* fill has succeeded once */
	char title[256];
	char position[32];
};

static int
pv_load(struct view *v, struct mado_err *e)
{
	struct page_view *pv = v->data;
	GPtrArray *old = pv->page.blocks;
	char title[sizeof pv->title];
	int st;

	/* Filled afresh; on failure what was shown stays. */
	pv->page.blocks = g_ptr_array_new_with_free_func(block_free);
	st = pv->fill(v->tui, pv->ctx, !pv->opened, &pv->page, title, sizeof title, e);
	if (st != MADO_OK) {
		g_ptr_array_free(pv->page.blocks, TRUE);
		pv->page.blocks = old;
		return st;
	}
	g_ptr_array_free(old, TRUE);
	pv->page.width = 0;
	pv->opened = true;
	g_strlcpy(pv->title, title, sizeof pv->title);
	return MADO_OK;
}

static const char *
pv_title(struct view *v)
{
	struct page_view *pv = v->data;

	return pv->title;
}

static void
pv_draw(struct view *v, int rows, int cols)
{
	struct page_view *pv = v->data;

	page_paint(&pv->page, &v->tui->paint, 1, rows, cols);
}

static bool
pv_act(struct view *v, enum tui_action a)
{
	struct page_view *pv = v->data;

	if (!page_scroll_top(&pv->page.top, (int)pv->page.lines->len, pv->page.rows, a))
		return pv->act != NULL && pv->act(v->tui, pv->ctx, a);
	v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return true;
}

/* Where the screen is in the page: its first line and the lines in all. */
static const char *
pv_position(struct view *v)
{
	struct page_view *pv = v->data;
	int n = (int)pv->page.lines->len;

	if (n <= pv->page.rows)
		return "";
	g_snprintf(pv->position, sizeof pv->position, "%d/%d", pv->page.top + 1, n);
	return pv->position;
}

static void
pv_destroy(struct view *v)
{
	struct page_view *pv = v->data;

	g_ptr_array_free(pv->page.blocks, TRUE);
	g_ptr_array_free(pv->page.lines, TRUE);
	g_free(pv->ctx);
	g_free(pv);
	g_free(v);
}

static const struct view_ops page_ops = {
	.context = "detail", .title = pv_title, .load = pv_load, .draw = pv_draw,
	.act = pv_act, .position = pv_position, .destroy = pv_destroy,
};

page_fill_fn
page_view_fill(const struct view *v)
{
	return v != NULL && v->ops == &page_ops ? ((const struct page_view *)v->data)->fill : NULL;
}

struct view *
page_view_new(struct tui *t, page_fill_fn fill, void *ctx)
{
	struct page_view *pv = g_new0(struct page_view, 1);

	pv->page.blocks = g_ptr_array_new_with_free_func(block_free);
	pv->page.lines = g_ptr_array_new_with_free_func(line_free);
	pv->fill = fill;
	pv->ctx = ctx;
	return view_new(t, &page_ops, pv);
}

struct view *
page_view_set_act(struct view *v, page_act_fn act)
{
	((struct page_view *)v->data)->act = act;
	return v;
}
