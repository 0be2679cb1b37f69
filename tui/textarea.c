/* The text area: a UTF-8 buffer with a cursor at a byte offset that only
 * ever rests between characters, where a character is a base with its
 * combining marks. Lines are wrapped by screen cells for display only; the
 * text keeps the user's own line breaks. */
#include "textarea.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/editor.h"
#include "tui/view_search.h"

struct line {
	size_t start, end;       /* bytes of one display line, without its '\n' */
};

struct textarea {
	char *title;
	char *initial;           /* to tell whether anything changed */
	GString *buf;
	size_t cur;              /* byte offset of the cursor */
	int want_x;              /* the cell column Up and Down keep; -1: the cursor's */
	int top, page, width;    /* first display line shown, text rows, wrap cells */
	GArray *lines;           /* struct line, laid out for width */
	bool confirming;         /* "discard changes? y/n" is asked */
	char *help;              /* the header line: how to save and cancel */
	textarea_done_fn done;   /* NULL once called */
	void *ctx;
	textarea_notes_fn notes_fn;  /* NULL: no notes */
	void *notes_ctx;
	GArray *notes;           /* struct textarea_note for the text as it stands */
	bool notes_stale;        /* the text changed since notes were made */
	char position[32];
};

enum { NOTE_ROWS_MAX = 6 };

/* Marks and other zero-width characters belong to the one before. */
static bool
joins(uint32_t cp, int ambi)
{
	return cp != UINT32_MAX && cp != '\n' && tw_char_width(cp, ambi) == 0;
}

static size_t
next_char(const GString *b, size_t i, int ambi)
{
	uint32_t cp;

	if (i >= b->len)
		return b->len;
	i += tw_decode(b->str + i, b->len - i, &cp);
	while (i < b->len) {
		size_t n = tw_decode(b->str + i, b->len - i, &cp);

		if (!joins(cp, ambi))
			break;
		i += n;
	}
	return i;
}

static size_t
prev_char(const GString *b, size_t i, int ambi)
{
	while (i > 0) {
		size_t j = i - 1;
		uint32_t cp;

		while (j > 0 && ((unsigned char)b->str[j] & 0xC0) == 0x80)
			j--;
		tw_decode(b->str + j, b->len - j, &cp);
		i = j;
		if (!joins(cp, ambi))
			break;
	}
	return i;
}

static void
add_line(GArray *lines, size_t start, size_t end)
{
	struct line l = { start, end };

	g_array_append_val(lines, l);
}

/* Display lines: each logical line cut where the next character would
 * pass width cells (a character wider than that still gets a line). */
static void
layout(struct textarea *ta, int ambi)
{
	const GString *b = ta->buf;
	size_t start = 0, i = 0;
	int w = 0;

	g_array_set_size(ta->lines, 0);
	for (;;) {
		size_t next;
		int cw;

		if (i == b->len || b->str[i] == '\n') {
			add_line(ta->lines, start, i);
			if (i == b->len)
				return;
			start = ++i;
			w = 0;
			continue;
		}
		next = next_char(b, i, ambi);
		cw = tw_width(b->str + i, (long)(next - i), ambi);
		if (w + cw > ta->width && i > start) {
			add_line(ta->lines, start, i);
			start = i;
			w = 0;
		}
		w += cw;
		i = next;
	}
}

static const struct line *
line_at(const struct textarea *ta, int i)
{
	return &g_array_index(ta->lines, struct line, i);
}

/* The display line holding the cursor: at a wrap, the cursor shows at the
 * start of the next line. */
static int
cursor_line(const struct textarea *ta)
{
	int i = 0;

	while (i + 1 < (int)ta->lines->len && line_at(ta, i + 1)->start <= ta->cur)
		i++;
	return i;
}

static int
cursor_col(const struct textarea *ta, int li, int ambi)
{
	const struct line *l = line_at(ta, li);

	return tw_width(ta->buf->str + l->start, (long)(ta->cur - l->start), ambi);
}

/* The offset in display line li nearest to cell x from the left; on a
 * wrapped line never its end, which belongs to the next line. */
static size_t
offset_at(const struct textarea *ta, int li, int x, int ambi)
{
	const struct line *l = line_at(ta, li);
	bool wrapped = l->end < ta->buf->len && ta->buf->str[l->end] != '\n';
	size_t i = l->start;
	int w = 0;

	while (i < l->end) {
		size_t next = next_char(ta->buf, i, ambi);
		int cw = tw_width(ta->buf->str + i, (long)(next - i), ambi);

		if (w + cw > x || (wrapped && next == l->end))
			break;
		w += cw;
		i = next;
	}
	return i;
}

/* Up and Down by display lines, keeping the cell column. */
static void
move_lines(struct textarea *ta, int delta, int ambi)
{
	int li, target;

	layout(ta, ambi);
	li = cursor_line(ta);
	if (ta->want_x < 0)
		ta->want_x = cursor_col(ta, li, ambi);
	target = CLAMP(li + delta, 0, (int)ta->lines->len - 1);
	ta->cur = offset_at(ta, target, ta->want_x, ambi);
}

static size_t
line_start(const GString *b, size_t i)
{
	while (i > 0 && b->str[i - 1] != '\n')
		i--;
	return i;
}

static size_t
line_end(const GString *b, size_t i)
{
	const char *nl = memchr(b->str + i, '\n', b->len - i);

	return nl != NULL ? (size_t)(nl - b->str) : b->len;
}

static void
insert(struct textarea *ta, const char *s, size_t n)
{
	g_string_insert_len(ta->buf, (gssize)ta->cur, s, (gssize)n);
	ta->cur += n;
}

static void
erase_range(struct textarea *ta, size_t from, size_t to)
{
	g_string_erase(ta->buf, (gssize)from, (gssize)(to - from));
	ta->cur = from;
}

/* Keys that edit or move; the rest (save, cancel, $EDITOR) go through
 * the keymap. Returns false for keys it does not take. */
static bool
edit_key(struct textarea *ta, uint32_t k, int ambi)
{
	char utf8[8];

	switch (k) {
	case MK_LEFT: ta->cur = prev_char(ta->buf, ta->cur, ambi); break;
	case MK_RIGHT: ta->cur = next_char(ta->buf, ta->cur, ambi); break;
	case MK_HOME: ta->cur = line_start(ta->buf, ta->cur); break;
	case MK_END: ta->cur = line_end(ta->buf, ta->cur); break;
	case MK_UP: move_lines(ta, -1, ambi); return true;
	case MK_DOWN: move_lines(ta, 1, ambi); return true;
	case MK_PAGEUP: move_lines(ta, -MAX(ta->page - 1, 1), ambi); return true;
	case MK_PAGEDOWN: move_lines(ta, MAX(ta->page - 1, 1), ambi); return true;
	case MK_BACKSPACE: erase_range(ta, prev_char(ta->buf, ta->cur, ambi), ta->cur); break;
	case MK_DELETE: erase_range(ta, ta->cur, next_char(ta->buf, ta->cur, ambi)); break;
	case MK_ENTER: insert(ta, "\n", 1); break;
	default:
		if (k >= KEY_NAMED_BASE || !g_unichar_isprint((gunichar)k))
			return false;
		insert(ta, utf8, (size_t)g_unichar_to_utf8((gunichar)k, utf8));
		break;
	}
	ta->want_x = -1;
	return true;
}

static void
finish(struct view *v, bool keep)
{
	struct textarea *ta = v->data;

	tui_answer(v, &ta->done, ta->ctx, keep ? ta->buf->str : NULL);
}

static bool
key(struct view *v, uint32_t k)
{
	struct textarea *ta = v->data;

	if (ta->confirming) {
		ta->confirming = false;
		if (k == 'y' || k == 'Y')
			finish(v, false);
		else
			tui_message(v->tui, _("still editing"));
		return true;
	}
	if (!edit_key(ta, k, v->tui->paint.ambi))
		return false;
	ta->notes_stale = true;
	v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return true;
}

static void
edit_external(struct view *v)
{
	struct textarea *ta = v->data;
	struct mado_err e = { 0 };
	char *out = NULL;

	if (editor_run(v->tui, ta->buf->str, &out, &e) != MADO_OK) {
		tui_error(v->tui, &e);
		return;
	}
	g_string_assign(ta->buf, out);
	free(out);
	ta->cur = ta->buf->len;
	ta->want_x = -1;
	ta->notes_stale = true;
}

/* The search pane's answer, chosen with the text area below it. */
static void
insert_answer(struct tui *t, const char *text, void *ctx)
{
	struct textarea *ta = ctx;

	if (text == NULL)
		return;
	insert(ta, text, strlen(text));
	ta->want_x = -1;
	ta->notes_stale = true;
	t->dirty |= DIRTY_VIEW | DIRTY_STATUS;
}

static bool
act(struct view *v, enum tui_action a)
{
	struct textarea *ta = v->data;

	switch (a) {
	case ACT_SAVE:
		finish(v, true);
		return true;
	case ACT_CANCEL: case ACT_BACK:
		if (strcmp(ta->buf->str, ta->initial) == 0)
			finish(v, false);
		else {
			ta->confirming = true;
			tui_message(v->tui, _("discard changes? y/n"));
		}
		return true;
	case ACT_SEARCH_PANE:
		/* Opened from here, the pane can put an answer into the text. */
		tui_push(v->tui, view_search_new(v->tui, "", insert_answer, ta));
		return true;
	case ACT_EDIT_EXTERNAL:
		edit_external(v);
		v->tui->dirty |= DIRTY_ALL;
		return true;
	default:
		return false;
	}
}

static void
draw_line(struct textarea *ta, const struct painter *p, int y, int li, int cols)
{
	const struct line *l = line_at(ta, li);
	char *s = g_strndup(ta->buf->str + l->start, l->end - l->start);

	draw_text(p, y, 0, s, cols, STYLE_NORMAL);
	g_free(s);
}

/* The notes in the last n rows up to row last; when there are more
 * than fit, the last row says how many are left out. */
static void
draw_notes(struct textarea *ta, const struct painter *p, int last, int n, int cols)
{
	int more = (int)ta->notes->len - n;

	for (int i = 0; i < n; i++) {
		const struct textarea_note *note = &g_array_index(ta->notes, struct textarea_note, i);
		int y = last - n + 1 + i;

		if (i == n - 1 && more > 0) {
			char *s = g_strdup_printf(_("… and %d more"), more + 1);

			draw_text(p, y, 0, s, cols, STYLE_NOTE);
			g_free(s);
		} else
			draw_text(p, y, 0, note->text, cols, note->style);
	}
}

static void
make_notes(struct textarea *ta)
{
	if (ta->notes_fn == NULL || !ta->notes_stale)
		return;
	g_array_set_size(ta->notes, 0);
	ta->notes_fn(ta->buf->str, ta->notes, ta->notes_ctx);
	ta->notes_stale = false;
}

static void
draw(struct view *v, int rows, int cols)
{
	struct textarea *ta = v->data;
	const struct painter *p = &v->tui->paint;
	int li, nnotes, text_rows;

	make_notes(ta);
	nnotes = MIN((int)ta->notes->len, MIN(NOTE_ROWS_MAX, rows / 3));
	text_rows = rows - 1 - nnotes;
	draw_text(p, 1, 0, ta->help, cols, STYLE_NOTE);
	/* One cell stays free at the right for the cursor after a full line. */
	ta->width = MAX(cols - 1, 1);
	ta->page = MAX(text_rows, 1);
	layout(ta, p->ambi);
	li = cursor_line(ta);
	if (li < ta->top)
		ta->top = li;
	if (li >= ta->top + ta->page)
		ta->top = li - ta->page + 1;
	for (int i = 0; i < text_rows; i++) {
		if (ta->top + i < (int)ta->lines->len)
			draw_line(ta, p, 2 + i, ta->top + i, cols);
		else
			draw_text(p, 2 + i, 0, "", cols, STYLE_NORMAL);
	}
	draw_notes(ta, p, rows, nnotes, cols);
	v->tui->cursor_on = li - ta->top < text_rows;
	v->tui->cursor_y = 2 + li - ta->top;
	v->tui->cursor_x = MIN(cursor_col(ta, li, p->ambi), cols - 1);
}

static const char *
title(struct view *v)
{
	return ((struct textarea *)v->data)->title;
}

/* Line and column (in cells) of the cursor in the text itself. */
static const char *
position(struct view *v)
{
	struct textarea *ta = v->data;
	size_t start = line_start(ta->buf, ta->cur);
	int line = 1;

	for (size_t i = 0; i < start; i++)
		line += ta->buf->str[i] == '\n';
	g_snprintf(ta->position, sizeof ta->position, "%d:%d", line,
		tw_width(ta->buf->str + start, (long)(ta->cur - start), v->tui->paint.ambi) + 1);
	return ta->position;
}

/* Closed from outside (the client quits): the caller still hears of it,
 * as a cancel, so whatever it holds for done is released. */
static void
destroy(struct view *v)
{
	struct textarea *ta = v->data;

	if (ta->done != NULL)
		ta->done(v->tui, NULL, ta->ctx);
	g_free(ta->title);
	g_free(ta->initial);
	g_free(ta->help);
	g_string_free(ta->buf, TRUE);
	g_array_free(ta->lines, TRUE);
	g_array_unref(ta->notes);
	g_free(ta);
	g_free(v);
}

static const struct view_ops textarea_ops = {
	.context = "edit", .title = title, .draw = draw, .act = act, .key = key,
	.position = position, .destroy = destroy,
};

/* "C-s, <F2>: save", or NULL when nothing is bound to action. */
static char *
help_part(const struct keymap *km, const char *action, const char *what)
{
	char *keys = keymap_keys_for(km, "edit", action);
	char *s = keys[0] != '\0' ? g_strdup_printf("%s: %s", keys, what) : NULL;

	free(keys);
	return s;
}

static char *
help_line(const struct keymap *km)
{
	char *parts[] = {
		help_part(km, "save", _("save")),
		help_part(km, "cancel", _("cancel")),
		help_part(km, "edit-external", _("write in $EDITOR")),
		help_part(km, "search-pane", _("find an answer to insert")),
	};
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
		if (parts[i] == NULL)
			continue;
		g_string_append_printf(s, "%s%s", s->len > 0 ? "   " : "", parts[i]);
		g_free(parts[i]);
	}
	return g_string_free(s, FALSE);
}

static void
note_clear(void *p)
{
	g_free(((struct textarea_note *)p)->text);
}

void
textarea_set_notes(struct view *v, textarea_notes_fn fn, void *ctx)
{
	struct textarea *ta = v->data;

	ta->notes_fn = fn;
	ta->notes_ctx = ctx;
	ta->notes_stale = true;
}

struct view *
textarea_new(struct tui *t, const char *title_text, const char *initial,
	textarea_done_fn done, void *ctx)
{
	struct textarea *ta = g_new0(struct textarea, 1);

	ta->title = g_strdup(title_text);
	ta->initial = g_utf8_make_valid(initial != NULL ? initial : "", -1);
	ta->buf = g_string_new(ta->initial);
	ta->cur = ta->buf->len;
	ta->want_x = -1;
	ta->width = MAX(t->cols - 1, 1);
	ta->page = 1;
	ta->lines = g_array_new(FALSE, FALSE, sizeof(struct line));
	ta->notes = g_array_new(FALSE, FALSE, sizeof(struct textarea_note));
	g_array_set_clear_func(ta->notes, note_clear);
	ta->help = help_line(t->keymap);
	ta->done = done;
	ta->ctx = ctx;
	return view_new(t, &textarea_ops, ta);
}
