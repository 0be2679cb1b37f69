/* The search pane: the query line on the first row, a line saying what was
 * found, the results in the upper half and the selected one's text in the
 * lower half. Typing only edits the query and asks the loop for a tick
 * (tui_after); the search runs in that tick, so a burst of keys costs one
 * search. Who may see what is core's (core/search.h). */
#include "view_search.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/kb.h"
#include "core/search.h"
#include "core/ticket.h"
#include "tui/page.h"
#include "tui/views.h"

enum { NO_CELLS = 17, KIND_CELLS = 9, TITLE_CELLS = 32 };

struct search_view {
	struct tui *tui;
	GString *query;
	size_t cur;                   /* byte offset of the cursor in query */
	bool pending;                 /* typed since the last search */
	struct search_result res;
	char *problem;                /* why the query cannot run, or NULL */
	int sel, top, list_rows;
	/* The selected result's text, wrapped for preview_width cells. */
	GPtrArray *preview;
	char *preview_title;
	int preview_for, preview_width;
	tui_answer_fn pick;           /* NULL: not in pick mode, or answered */
	bool faq_no;                  /* pick hands the FAQ number, not the text */
	void *ctx;
	char *hint;                   /* what the second row says before any search */
	char position[32];
};

static bool
is_kb(const struct search_hit *h)
{
	return strcmp(h->kind, "kb") == 0;
}

/* "FAQ-12" or the ticket's number, into buf. */
static const char *
hit_ref(const struct search_hit *h, char *buf, size_t size)
{
	if (is_kb(h))
		g_snprintf(buf, size, "FAQ-%lld", (long long)h->faq_no);
	else
		g_snprintf(buf, size, "%s", h->number);
	return buf;
}

static const struct search_hit *
selected(const struct search_view *sv)
{
	return sv->sel < (int)sv->res.nhits ? &sv->res.hits[sv->sel] : NULL;
}

/* ---- searching ---- */

/* The selection stays on the same record when it is still found. */
static int
find_hit(const struct search_result *res, const char *kind, int64_t id)
{
	for (size_t i = 0; i < res->nhits; i++)
		if (res->hits[i].id == id && strcmp(res->hits[i].kind, kind) == 0)
			return (int)i;
	return 0;
}

static void
run_search(struct search_view *sv)
{
	struct search_request req = { .text = sv->query->str, .scope = SEARCH_ALL };
	const struct search_hit *h = selected(sv);
	char *kind = h != NULL ? g_strdup(h->kind) : NULL;
	int64_t id = h != NULL ? h->id : 0;
	struct mado_err e = { 0 };

	sv->pending = false;
	search_result_clear(&sv->res);
	g_clear_pointer(&sv->problem, g_free);
	sv->preview_for = -1;
	sv->sel = 0;
	if (strspn(sv->query->str, " \t") < sv->query->len &&
	    search_run(sv->tui->db, &sv->tui->actor, &req, &sv->res, &e) != MADO_OK) {
		search_result_clear(&sv->res);
		sv->problem = g_strdup(e.msg);
	}
	if (kind != NULL)
		sv->sel = find_hit(&sv->res, kind, id);
	g_free(kind);
	sv->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
}

static void
tick(struct view *v)
{
	struct search_view *sv = v->data;

	if (sv->pending)
		run_search(sv);
}

/* Opened, or the data changed under it: search again at once. */
static int
load(struct view *v, struct mado_err *e)
{
	(void)e;
	run_search(v->data);
	return MADO_OK;
}

/* ---- the query line ---- */

static void
query_erase(struct search_view *sv, size_t from, size_t to)
{
	g_string_erase(sv->query, (gssize)from, (gssize)(to - from));
	sv->cur = from;
}

static size_t
prev_char(const struct search_view *sv)
{
	return sv->cur > 0
		? (size_t)(g_utf8_find_prev_char(sv->query->str, sv->query->str + sv->cur) -
			sv->query->str)
		: 0;
}

static size_t
next_char(const struct search_view *sv)
{
	return sv->cur < sv->query->len
		? (size_t)(g_utf8_next_char(sv->query->str + sv->cur) - sv->query->str)
		: sv->query->len;
}

/* Editing keys; false for the rest, which go through the keymap. Returns
 * through *changed whether the query's text changed. */
static bool
edit_key(struct search_view *sv, uint32_t k, bool *changed)
{
	char utf8[8];
	int n;

	*changed = true;
	switch (k) {
	case MK_BACKSPACE: query_erase(sv, prev_char(sv), sv->cur); return true;
	case MK_DELETE: query_erase(sv, sv->cur, next_char(sv)); return true;
	case 0x15: query_erase(sv, 0, sv->query->len); return true; /* C-u: start again */
	default: break;
	}
	*changed = false;
	switch (k) {
	case MK_LEFT: sv->cur = prev_char(sv); return true;
	case MK_RIGHT: sv->cur = next_char(sv); return true;
	case MK_HOME: sv->cur = 0; return true;
	case MK_END: sv->cur = sv->query->len; return true;
	default: break;
	}
	if (k >= KEY_NAMED_BASE || !g_unichar_isprint((gunichar)k))
		return false;
	n = g_unichar_to_utf8((gunichar)k, utf8);
	g_string_insert_len(sv->query, (gssize)sv->cur, utf8, n);
	sv->cur += (size_t)n;
	*changed = true;
	return true;
}

static bool
key(struct view *v, uint32_t k)
{
	struct search_view *sv = v->data;
	bool changed;

	if (!edit_key(sv, k, &changed))
		return false;
	/* Each key moves the time of the search: it runs once they stop. */
	if (changed) {
		sv->pending = true;
		tui_after(v->tui, SEARCH_PANE_DELAY_MS);
	}
	v->tui->dirty |= DIRTY_VIEW;
	return true;
}

/* ---- what a result holds ---- */

static void
last_reply(const struct comment_row *c, void *p)
{
	char **out = p;

	if (strcmp(c->kind, "reply") == 0) {
		g_free(*out);
		*out = g_strdup(c->body);
	}
}

/* The text a result gives a reply: the article's answer, or the ticket's
 * last reply. Newly allocated (g_free); NULL with e set. */
static char *
answer_text(struct search_view *sv, const struct search_hit *h, struct mado_err *e)
{
	struct tui *t = sv->tui;
	char *text = NULL;

	if (is_kb(h)) {
		struct kb_row row = { 0 };

		if (kb_read(t->db, &t->actor, h->faq_no, &row, e) == MADO_OK)
			text = g_strdup(row.answer != NULL ? row.answer : "");
		kb_row_clear(&row);
		return text;
	}
	if (ticket_conversation(t->db, &t->actor, h->id, last_reply, &text, e) != MADO_OK) {
		g_free(text);
		return NULL;
	}
	if (text == NULL)
		mado_err_set(e, MADO_ENOTFOUND, _("%s has no reply to insert"), h->number);
	return text;
}

/* The preview: the article's answer or the ticket's body, and its title. */
static char *
preview_text(struct search_view *sv, const struct search_hit *h, char **title,
	struct mado_err *e)
{
	struct tui *t = sv->tui;
	char *text = NULL;

	if (is_kb(h)) {
		struct kb_row row = { 0 };

		if (kb_read(t->db, &t->actor, h->faq_no, &row, e) == MADO_OK) {
			text = g_strdup(row.answer != NULL ? row.answer : "");
			*title = g_strdup(row.title);
		}
		kb_row_clear(&row);
	} else {
		struct ticket_row row = { 0 };

		if (ticket_read(t->db, &t->actor, h->id, &row, e) == MADO_OK) {
			text = g_strdup(row.body != NULL ? row.body : "");
			*title = g_strdup(row.subject);
		}
		ticket_row_clear(&row);
	}
	return text;
}

static void
make_preview(struct search_view *sv, int width)
{
	const struct search_hit *h = selected(sv);
	struct mado_err e = { 0 };
	char *title = NULL, *text;

	if (sv->preview_for == sv->sel && sv->preview_width == width)
		return;
	g_ptr_array_set_size(sv->preview, 0);
	g_clear_pointer(&sv->preview_title, g_free);
	sv->preview_for = sv->sel;
	sv->preview_width = width;
	if (h == NULL)
		return;
	if ((text = preview_text(sv, h, &title, &e)) == NULL) {
		g_ptr_array_add(sv->preview, g_strdup(e.msg));
		return;
	}
	sv->preview_title = title;
	page_wrap(text, width, sv->tui->paint.ambi, sv->preview);
	g_free(text);
}

/* ---- actions ---- */

static void
open_selected(struct search_view *sv)
{
	const struct search_hit *h = selected(sv);

	if (h == NULL)
		tui_message(sv->tui, _("nothing to open: type what to search for"));
	else if (is_kb(h))
		tui_push(sv->tui, view_kb_new(sv->tui, h->faq_no));
	else
		tui_push(sv->tui, view_ticket_new(sv->tui, h->id));
}

/* Closes the pane and hands the text to the text area that opened it. */
static void
insert_selected(struct view *v)
{
	struct search_view *sv = v->data;
	const struct search_hit *h = selected(sv);
	struct tui *t = sv->tui;
	struct mado_err e = { 0 };
	char ref[64], *text;

	if (sv->pick == NULL) {
		tui_message(t, _("open the search from the text you are writing to insert an answer"));
		return;
	}
	if (h == NULL) {
		tui_message(t, _("nothing to insert: type what to search for"));
		return;
	}
	if (sv->faq_no) {
		if (!is_kb(h)) {
			tui_message(t, _("choose an FAQ article, not a ticket"));
			return;
		}
		text = g_strdup_printf("%lld", (long long)h->faq_no);
	} else if ((text = answer_text(sv, h, &e)) == NULL) {
		tui_error(t, &e);
		return;
	}
	hit_ref(h, ref, sizeof ref);
	tui_answer(v, &sv->pick, sv->ctx, text);
	g_free(text);
	tui_message(t, _("%s inserted"), ref);
}

static bool
act(struct view *v, enum tui_action a)
{
	struct search_view *sv = v->data;
	int n = (int)sv->res.nhits;

	switch (a) {
	case ACT_MOVE_DOWN: sv->sel = MIN(sv->sel + 1, MAX(n - 1, 0)); break;
	case ACT_MOVE_UP: sv->sel = MAX(sv->sel - 1, 0); break;
	case ACT_PAGE_DOWN: sv->sel = MIN(sv->sel + sv->list_rows, MAX(n - 1, 0)); break;
	case ACT_PAGE_UP: sv->sel = MAX(sv->sel - sv->list_rows, 0); break;
	case ACT_OPEN: open_selected(sv); return true;
	case ACT_INSERT: insert_selected(v); return true;
	case ACT_SEARCH_PANE: return true; /* already here */
	case ACT_CANCEL: tui_pop(v->tui); return true;
	default: return false;
	}
	v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return true;
}

/* ---- drawing ---- */

/* s at (y, x) in cells cells, the parts between SEARCH_MARK_OPEN and
 * SEARCH_MARK_CLOSE (marks included, so a match shows on any terminal)
 * in bold; all in style when style is not plain (the selected row). */
static void
draw_marked(const struct painter *p, int y, int x, const char *s, int cells,
	enum draw_style style)
{
	const size_t ol = strlen(SEARCH_MARK_OPEN), cl = strlen(SEARCH_MARK_CLOSE);

	while (cells > 0 && *s != '\0') {
		const char *open = strstr(s, SEARCH_MARK_OPEN);
		const char *close = open != NULL ? strstr(open + ol, SEARCH_MARK_CLOSE) : NULL;
		const char *end = open == s ? (close != NULL ? close + cl : s + strlen(s))
			: open != NULL ? open : s + strlen(s);
		char *part = g_strndup(s, (size_t)(end - s));
		int w = MIN(tw_width(part, -1, p->ambi), cells);

		draw_text(p, y, x, part, w,
			open == s && style == STYLE_NORMAL ? STYLE_EMPHASIS : style);
		g_free(part);
		x += w;
		cells -= w;
		s = end;
	}
	if (cells > 0)
		draw_text(p, y, x, "", cells, style);
}

static void
draw_hit(struct search_view *sv, const struct search_hit *h, int y, int cols, bool sel)
{
	const struct painter *p = &sv->tui->paint;
	enum draw_style st = sel ? STYLE_SELECTED : STYLE_NORMAL;
	int title_w = MIN(TITLE_CELLS, MAX(cols - NO_CELLS - KIND_CELLS, 0));
	int x = NO_CELLS + KIND_CELLS + title_w;
	char ref[64];

	draw_text(p, y, 0, hit_ref(h, ref, sizeof ref), MIN(NO_CELLS, cols), st);
	if (cols <= NO_CELLS)
		return;
	draw_text(p, y, NO_CELLS, search_kind_label(h->kind), MIN(KIND_CELLS, cols - NO_CELLS), st);
	if (title_w == 0)
		return;
	draw_marked(p, y, NO_CELLS + KIND_CELLS, h->title, title_w - 1, st);
	draw_text(p, y, x - 1, "", 1, st);
	if (x < cols)
		draw_marked(p, y, x, h->excerpt, cols - x, st);
}

/* What the second row says: why nothing runs, or what was found. */
static void
draw_summary(struct search_view *sv, int y, int cols)
{
	const struct painter *p = &sv->tui->paint;
	char *s;

	if (sv->problem != NULL) {
		draw_text(p, y, 0, sv->problem, cols, STYLE_ERROR);
		return;
	}
	if (sv->pending)
		s = g_strdup(_("searching…"));
	else if (strspn(sv->query->str, " \t") == sv->query->len)
		s = g_strdup(sv->hint);
	else if (sv->res.nhits == 0)
		s = g_strdup(_("nothing found"));
	else
		s = g_strdup_printf(sv->res.more ? _("%zu found; more match: add words to narrow")
			: _("%zu found"), sv->res.nhits);
	draw_text(p, y, 0, s, cols, STYLE_NOTE);
	g_free(s);
}

static void
draw_query(struct search_view *sv, int cols)
{
	const struct painter *p = &sv->tui->paint;
	const char *label = _("Search: ");
	int lw = tw_width(label, -1, p->ambi);
	int cx = lw + tw_width(sv->query->str, (long)sv->cur, p->ambi);

	draw_text(p, 1, 0, label, MIN(lw, cols), STYLE_EMPHASIS);
	if (cols > lw)
		draw_text(p, 1, lw, sv->query->str, cols - lw, STYLE_NORMAL);
	sv->tui->cursor_on = true;
	sv->tui->cursor_y = 1;
	sv->tui->cursor_x = MIN(cx, cols - 1);
}

static void
draw_preview(struct search_view *sv, int y, int rows, int cols)
{
	const struct painter *p = &sv->tui->paint;

	make_preview(sv, MAX(cols - 2, 1));
	draw_text(p, y, 0, sv->preview_title != NULL ? sv->preview_title : "", cols,
		STYLE_HEADER);
	for (int i = 0; i < rows; i++)
		draw_text(p, y + 1 + i, 0,
			i < (int)sv->preview->len ? g_ptr_array_index(sv->preview, i) : "", cols,
			STYLE_NORMAL);
}

static void
draw(struct view *v, int rows, int cols)
{
	struct search_view *sv = v->data;
	int n = (int)sv->res.nhits;

	/* Rows 1 and 2: the query and the summary; then the list in the
	 * upper half and the preview (a header and its text) below it. */
	sv->list_rows = MAX((rows - 2) / 2, 1);
	if (sv->sel < sv->top)
		sv->top = sv->sel;
	if (sv->sel >= sv->top + sv->list_rows)
		sv->top = sv->sel - sv->list_rows + 1;
	draw_summary(sv, 2, cols);
	for (int i = 0; i < sv->list_rows; i++) {
		int k = sv->top + i;

		if (k < n)
			draw_hit(sv, &sv->res.hits[k], 3 + i, cols, k == sv->sel);
		else
			draw_text(&v->tui->paint, 3 + i, 0, "", cols, STYLE_NORMAL);
	}
	draw_preview(sv, 3 + sv->list_rows, rows - sv->list_rows - 3, cols);
	draw_query(sv, cols);
}

static const char *
title(struct view *v)
{
	return ((struct search_view *)v->data)->pick != NULL ? _("Search: insert an answer")
		: _("Search");
}

static const char *
position(struct view *v)
{
	struct search_view *sv = v->data;

	if (sv->res.nhits == 0)
		return "";
	g_snprintf(sv->position, sizeof sv->position, "%d/%zu", sv->sel + 1, sv->res.nhits);
	return sv->position;
}

static void
destroy(struct view *v)
{
	struct search_view *sv = v->data;

	g_string_free(sv->query, TRUE);
	search_result_clear(&sv->res);
	g_free(sv->problem);
	g_ptr_array_free(sv->preview, TRUE);
	g_free(sv->preview_title);
	g_free(sv->hint);
	g_free(sv);
	g_free(v);
}

static const struct view_ops search_ops = {
	.context = "search", .title = title, .load = load, .draw = draw, .act = act,
	.position = position, .destroy = destroy, .key = key, .tick = tick,
};

/* The keys that insert, as bound (the user's keymap may move them). */
static char *
make_hint(const struct keymap *km, bool pick)
{
	char *keys, *hint;

	if (!pick)
		return g_strdup(_("type words to search FAQ and tickets; ↑↓ choose, Enter opens,"
			" Esc closes"));
	keys = keymap_keys_for(km, "search", "insert");
	hint = g_strdup_printf(_("type words to find an answer; ↑↓ choose, %s inserts,"
		" Enter opens, Esc closes"), keys);
	free(keys);
	return hint;
}

struct view *
view_search_new(struct tui *t, const char *query, tui_answer_fn pick, void *ctx)
{
	struct search_view *sv = g_new0(struct search_view, 1);

	sv->tui = t;
	sv->query = g_string_new(query);
	sv->cur = sv->query->len;
	sv->preview = g_ptr_array_new_with_free_func(g_free);
	sv->preview_for = -1;
	sv->pick = pick;
	sv->ctx = ctx;
	sv->hint = make_hint(t->keymap, pick != NULL);
	return view_new(t, &search_ops, sv);
}

struct view *
view_search_faq_new(struct tui *t, tui_answer_fn pick, void *ctx)
{
	struct view *v = view_search_new(t, "", pick, ctx);

	((struct search_view *)v->data)->faq_no = true;
	return v;
}
