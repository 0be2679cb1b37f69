/* The picker: a box over the view that opened it, listing choices that
 * narrow as the user types. Matching folds both sides the same way (NFKC,
 * then case folding), so ＡＢＣ finds abc and ｶﾀｶﾅ finds カタカナ. */
#include "picker.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/list.h"

struct entry {
	char *value, *label;     /* as given */
	char *fvalue, *flabel;   /* folded for matching */
};

struct picker {
	char *title;
	struct entry *items;
	int n;
	int *shown;              /* indexes of the items matching the filter */
	int nshown;
	int cur, top, page;      /* cur and top index shown[] */
	GString *filter;         /* what was typed */
	int label_w, value_w;    /* cells of the widest label, and value shown */
	picker_done_fn done;     /* NULL once called */
	void *ctx;
	char position[32];
};

/* Compatibility forms and case folded away; newly allocated (g_free). */
static char *
fold(const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);
	char *norm = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKC);
	char *folded = g_utf8_casefold(norm, -1);

	g_free(norm);
	g_free(valid);
	return folded;
}

static void
refilter(struct picker *pk)
{
	char *want = fold(pk->filter->str);
	int keep = pk->nshown > 0 ? pk->shown[pk->cur] : -1;

	pk->nshown = 0;
	pk->cur = 0;
	for (int i = 0; i < pk->n; i++) {
		const struct entry *it = &pk->items[i];

		if (strstr(it->fvalue, want) == NULL && strstr(it->flabel, want) == NULL)
			continue;
		/* The selection stays on its item while that still matches. */
		if (i == keep)
			pk->cur = pk->nshown;
		pk->shown[pk->nshown++] = i;
	}
	pk->top = 0;
	g_free(want);
}

static const char *
title(struct view *v)
{
	return ((struct picker *)v->data)->title;
}

static const char *
position(struct view *v)
{
	struct picker *pk = v->data;

	g_snprintf(pk->position, sizeof pk->position, "%d/%d", pk->nshown, pk->n);
	return pk->position;
}

static void
finish(struct view *v, const char *value)
{
	struct picker *pk = v->data;

	tui_answer(v, &pk->done, pk->ctx, value);
}

/* Printable characters, whatever the script: the text typed into the
 * filter (control keys and named keys go to the keymap). */
static bool
is_text(uint32_t key)
{
	return key < KEY_NAMED_BASE && g_unichar_isprint((gunichar)key);
}

static bool
key(struct view *v, uint32_t k)
{
	struct picker *pk = v->data;

	if (is_text(k)) {
		g_string_append_unichar(pk->filter, (gunichar)k);
	} else if (k == MK_BACKSPACE) {
		const char *end = pk->filter->str + pk->filter->len;
		const char *prev = g_utf8_find_prev_char(pk->filter->str, end);

		if (prev == NULL)
			return true;
		g_string_truncate(pk->filter, (gsize)(prev - pk->filter->str));
	} else
		return false;
	refilter(pk);
	v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return true;
}

static bool
act(struct view *v, enum tui_action a)
{
	struct picker *pk = v->data;

	if (list_cursor_act(&pk->cur, pk->nshown, MAX(pk->page - 1, 1), a)) {
		v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
		return true;
	}
	switch (a) {
	case ACT_OPEN:
		if (pk->nshown == 0)
			tui_message(v->tui, _("nothing matches; Backspace widens the choice"));
		else
			finish(v, pk->items[pk->shown[pk->cur]].value);
		return true;
	case ACT_CANCEL: case ACT_BACK:
		finish(v, NULL);
		return true;
	default:
		return false;
	}
}

/* A frame in line characters; ncurses draws them as ASCII where the
 * terminal has none. Where ambiguous characters are wide, box drawing
 * would take two cells, so the frame is ASCII there. */
static void
frame(const struct painter *p, int y, int x, int h, int w)
{
	bool ascii = p->ambi == TW_AMBI_WIDE;
	chtype hl = ascii ? '-' : ACS_HLINE, vl = ascii ? '|' : ACS_VLINE;
	chtype ul = ascii ? '+' : ACS_ULCORNER, ur = ascii ? '+' : ACS_URCORNER;
	chtype ll = ascii ? '+' : ACS_LLCORNER, lr = ascii ? '+' : ACS_LRCORNER;
	chtype lt = ascii ? '+' : ACS_LTEE, rt = ascii ? '+' : ACS_RTEE;

	attrset(A_NORMAL);
	mvaddch(y, x, ul);
	mvhline(y, x + 1, hl, w - 2);
	mvaddch(y, x + w - 1, ur);
	mvvline(y + 1, x, vl, h - 2);
	mvvline(y + 1, x + w - 1, vl, h - 2);
	mvaddch(y + 2, x, lt);
	mvhline(y + 2, x + 1, hl, w - 2);
	mvaddch(y + 2, x + w - 1, rt);
	mvaddch(y + h - 1, x, ll);
	mvhline(y + h - 1, x + 1, hl, w - 2);
	mvaddch(y + h - 1, x + w - 1, lr);
}

static bool
shows_value(const struct entry *it)
{
	return strcmp(it->value, it->label) != 0;
}

/* Cells for the value column (with the space before it), at most half
 * the row; 0 when no value differs from its label. */
static int
value_cells(const struct picker *pk, int inner)
{
	return pk->value_w > 0 ? MIN(pk->value_w + 1, inner / 2) : 0;
}

/* The box's outer width: wide enough for the title and the items. */
static int
box_width(const struct picker *pk, int ambi, int cols)
{
	int w = MAX(tw_width(pk->title, -1, ambi) + 6,
		pk->label_w + (pk->value_w > 0 ? pk->value_w + 1 : 0) + 4);

	return MIN(MAX(w, 30), cols);
}

/* The filter line: what was typed (its end, when long) after a prompt,
 * with the terminal's cursor after it for the IME. */
static void
draw_filter(struct view *v, int y, int x, int cells)
{
	struct picker *pk = v->data;
	const struct painter *p = &v->tui->paint;
	const char *shown = pk->filter->str;
	int room = cells - 3, used;

	while (*shown != '\0' && tw_width(shown, -1, p->ambi) > room - 1)
		shown = g_utf8_next_char(shown);
	used = tw_width(shown, -1, p->ambi);
	draw_text(p, y, x, " > ", 3, STYLE_EMPHASIS);
	if (pk->filter->len == 0)
		draw_text(p, y, x + 3, _("type to narrow"), room, STYLE_NOTE);
	else
		draw_text(p, y, x + 3, shown, room, STYLE_NORMAL);
	v->tui->cursor_on = true;
	v->tui->cursor_y = y;
	v->tui->cursor_x = x + 3 + MIN(used, room - 1);
}

static void
draw_item(const struct picker *pk, const struct painter *p, int i, int y, int x, int inner,
	int vcells)
{
	const struct entry *it = &pk->items[pk->shown[i]];
	bool sel = i == pk->cur;
	enum draw_style st = sel ? STYLE_SELECTED : STYLE_NORMAL;
	int lcells = inner - 2 - vcells;

	draw_text(p, y, x, " ", 1, st);
	draw_text(p, y, x + 1, it->label, lcells, st);
	draw_text_right(p, y, x + 1 + lcells, shows_value(it) ? it->value : "", vcells,
		sel ? st : STYLE_NOTE);
	draw_text(p, y, x + inner - 1, " ", 1, st);
}

static void
draw_items(struct picker *pk, const struct painter *p, int y, int x, int inner)
{
	int vcells = value_cells(pk, inner);

	if (pk->cur < pk->top)
		pk->top = pk->cur;
	if (pk->cur >= pk->top + pk->page)
		pk->top = pk->cur - pk->page + 1;
	for (int i = 0; i < pk->page; i++) {
		if (pk->top + i < pk->nshown)
			draw_item(pk, p, pk->top + i, y + i, x, inner, vcells);
		else if (i == 0 && pk->nshown == 0)
			draw_text(p, y, x, _(" (nothing matches)"), inner, STYLE_NOTE);
		else
			draw_text(p, y + i, x, "", inner, STYLE_NORMAL);
	}
}

/* The title set into the top of the frame, with a space either side. */
static void
draw_title(const struct picker *pk, const struct painter *p, int y, int x, int w)
{
	int cells = MIN(tw_width(pk->title, -1, p->ambi), w - 5);

	draw_text(p, y, x + 1, " ", 1, STYLE_NORMAL);
	draw_text(p, y, x + 2, pk->title, cells, STYLE_EMPHASIS);
	draw_text(p, y, x + 2 + cells, " ", 1, STYLE_NORMAL);
}

/* The view that opened the picker stays visible around the box. */
static void
draw_below(struct view *v, int rows, int cols)
{
	struct tui *t = v->tui;

	if (t->depth >= 2 && t->stack[t->depth - 1] == v) {
		struct view *below = t->stack[t->depth - 2];

		below->ops->draw(below, rows, cols);
	}
}

static void
draw(struct view *v, int rows, int cols)
{
	struct picker *pk = v->data;
	const struct painter *p = &v->tui->paint;
	int w = box_width(pk, p->ambi, cols);
	int h = MIN(rows, MAX(pk->n, 1) + 4);
	int y = 1 + (rows - h) / 2, x = (cols - w) / 2;

	draw_below(v, rows, cols);
	if (h < 5 || w < 8) {
		/* Too small for a box: the filter alone, so typing still shows. */
		draw_filter(v, 1, 0, cols);
		return;
	}
	frame(p, y, x, h, w);
	draw_title(pk, p, y, x, w);
	pk->page = h - 4;
	draw_items(pk, p, y + 3, x + 1, w - 2);
	draw_filter(v, y + 1, x + 1, w - 2);
}

/* Closed from outside (the client quits): the caller still hears of it,
 * as a cancel, so whatever it holds for done is released. */
static void
destroy(struct view *v)
{
	struct picker *pk = v->data;

	if (pk->done != NULL)
		pk->done(v->tui, NULL, pk->ctx);
	for (int i = 0; i < pk->n; i++) {
		g_free(pk->items[i].value);
		g_free(pk->items[i].label);
		g_free(pk->items[i].fvalue);
		g_free(pk->items[i].flabel);
	}
	g_free(pk->items);
	g_free(pk->shown);
	g_free(pk->title);
	g_string_free(pk->filter, TRUE);
	g_free(pk);
	g_free(v);
}

static const struct view_ops picker_ops = {
	.context = "picker", .title = title, .draw = draw, .act = act, .key = key,
	.position = position, .destroy = destroy,
};

struct view *
picker_new(struct tui *t, const char *title_text, const struct picker_item *items, int n,
	picker_done_fn done, void *ctx)
{
	struct picker *pk = g_new0(struct picker, 1);

	pk->title = g_strdup(title_text);
	pk->n = n;
	pk->items = g_new0(struct entry, MAX(n, 1));
	pk->shown = g_new0(int, MAX(n, 1));
	for (int i = 0; i < n; i++) {
		const char *label = items[i].label != NULL ? items[i].label : items[i].value;

		pk->items[i].value = g_strdup(items[i].value);
		pk->items[i].label = g_strdup(label);
		pk->items[i].fvalue = fold(items[i].value);
		pk->items[i].flabel = fold(label);
		pk->label_w = MAX(pk->label_w, tw_width(label, -1, t->paint.ambi));
		if (shows_value(&pk->items[i]))
			pk->value_w = MAX(pk->value_w, tw_width(items[i].value, -1, t->paint.ambi));
	}
	pk->filter = g_string_new(NULL);
	pk->done = done;
	pk->ctx = ctx;
	pk->page = 1;
	refilter(pk);
	return view_new(t, &picker_ops, pk);
}
