/* The view side of a record list (tui/list.h): what every list does with
 * the keys and the status line, so each list view is only its columns,
 * its source and what it opens. */
#include "list.h"

#include <glib.h>

#include "tui/tui.h"

bool
list_act(struct list *l, struct tui *t, enum tui_action a)
{
	const struct list_row *r = list_current(l);
	struct mado_err e = { 0 };
	int st;

	switch (a) {
	case ACT_MOVE_DOWN: st = list_move(l, 1, &e); break;
	case ACT_MOVE_UP: st = list_move(l, -1, &e); break;
	case ACT_PAGE_DOWN: st = list_page_down(l, &e); break;
	case ACT_PAGE_UP: st = list_page_up(l, &e); break;
	case ACT_FIRST: st = list_first(l, &e); break;
	case ACT_LAST: st = list_last(l, &e); break;
	case ACT_OPEN:
		if (l->open == NULL)
			return false;
		if (r != NULL)
			tui_push(t, l->open(t, r->id));
		return true;
	default: return false;
	}
	if (st != MADO_OK)
		tui_error(t, &e);
	t->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return true;
}

bool
list_cursor_act(int *cur, int n, int page, enum tui_action a)
{
	int to;

	switch (a) {
	case ACT_MOVE_DOWN: to = *cur + 1; break;
	case ACT_MOVE_UP: to = *cur - 1; break;
	case ACT_PAGE_DOWN: to = *cur + page; break;
	case ACT_PAGE_UP: to = *cur - page; break;
	case ACT_FIRST: to = 0; break;
	case ACT_LAST: to = n - 1; break;
	default: return false;
	}
	*cur = MAX(MIN(to, n - 1), 0);
	return true;
}

int
list_view_load(struct view *v, struct mado_err *e)
{
	struct list *l = v->data;

	return l->rows->len > 0 ? list_reload(l, e) : list_reset(l, e);
}

void
list_view_draw(struct view *v, int rows, int cols)
{
	list_draw(v->data, &v->tui->paint, 1, rows, cols);
}

bool
list_view_act(struct view *v, enum tui_action a)
{
	return list_act(v->data, v->tui, a);
}

const char *
list_view_position(struct view *v)
{
	struct list *l = v->data;
	const struct list_row *r = list_current(l);

	if (r == NULL)
		return "";
	g_snprintf(l->position, sizeof l->position, "%s%s%s%s%s", l->more_above ? "▲ " : "",
		l->name_label != NULL ? l->name_label : "", l->name_label != NULL ? " " : "",
		r->cells[l->name_col], l->more_below || l->cur + 1 < (int)l->rows->len ? " ▼" : "");
	return l->position;
}

void
list_view_destroy(struct view *v)
{
	list_free(v->data);
	g_free(v->data);
	g_free(v);
}
