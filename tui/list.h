/* The one list widget behind every record list (tig's and tmux's mode-tree
 * idea): columns and rows of text, a cursor, and a window of rows fetched
 * from a source by keyset in either direction, so it scrolls through a
 * million rows while holding only a few screens of them. */
#ifndef MADO_LIST_H
#define MADO_LIST_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "tui/action.h"
#include "tui/draw.h"

struct tui;
struct view;

struct list_column {
	const char *header;     /* shown as is (translate before) */
	int min;                /* cells it never gets less than */
	int max;                /* cells it never gets more than; 0: takes what is left */
	bool right;             /* right-aligned (numbers) */
};

struct list_row {
	int64_t id;             /* the record's id */
	int64_t key;            /* its sort key; (key, id) orders the list */
	char **cells;           /* one string per column, owned by the row */
	enum draw_style style;
};

/* Creates a row with ncols cells copied from cells (NULL = ""). Owned by
 * the list once pushed into a fetch's out array. */
struct list_row *list_row_new(int64_t id, int64_t key, const char *const *cells, int ncols);

/* The data behind a list. fetch appends to out up to n rows strictly
 * after `from` in list order, or with backward strictly before it,
 * nearest first; from NULL means from the top (backward: from the bottom).
 * *more tells whether rows remain beyond those returned. */
struct list_source {
	int (*fetch)(void *ctx, const struct list_row *from, bool backward, int n, GPtrArray *out,
		bool *more, struct mado_err *e);
	void *ctx;
};

#define LIST_MAX_COLS 16

struct list {
	/* A copy of the columns given: the view may change a header or the
	 * widths between draws. */
	struct list_column cols[LIST_MAX_COLS];
	int ncols;
	struct list_source src;
	GPtrArray *rows;        /* the window, in list order */
	int top;                /* index of the first row on screen */
	int cur;                /* index of the selected row */
	bool more_above, more_below;
	int page;               /* rows on screen at the last draw */
	int widths[LIST_MAX_COLS]; /* cells per column at the last draw */

	/* What the list's view says, set after list_init(): */
	const char *empty;      /* shown when there is no row (translated), or NULL */
	int name_col;           /* the column that names a row in list_position() */
	const char *name_label; /* said before that name ("No."), or NULL */
	/* Opens the record of a row for list_act(), or NULL. */
	struct view *(*open)(struct tui *t, int64_t id);
	char position[64];
};

/* Copies the first ncols (at most LIST_MAX_COLS) of cols. */
void list_init(struct list *l, const struct list_column *cols, int ncols,
	struct list_source src);
void list_free(struct list *l);

/* Loads from the top. */
int list_reset(struct list *l, struct mado_err *e);
/* Reads the rows on screen again from the source (after another user's
 * change), keeping the selected record when it is still there. */
int list_reload(struct list *l, struct mado_err *e);
/* Moves the cursor by delta rows (page moves scroll too), fetching as needed. */
int list_move(struct list *l, int delta, struct mado_err *e);
int list_page_down(struct list *l, struct mado_err *e);
int list_page_up(struct list *l, struct mado_err *e);
int list_first(struct list *l, struct mado_err *e);
int list_last(struct list *l, struct mado_err *e);

/* The selected row, or NULL when the list is empty. */
const struct list_row *list_current(const struct list *l);

/* Paints the header at y0 and the rows below it, in rows x cols; with no
 * row, l->empty below the header. */
void list_draw(struct list *l, const struct painter *p, int y0, int rows, int cols);

/* Column widths for a width: fixed columns get what their content and
 * limits ask, the flexible one (max 0) the rest. Exposed for tests. */
void list_layout(const struct list *l, int cols, int ambi, int *widths);

/* ---- a view of one list (tui/list_view.c) ---- */

/* Does what a list does for a: moves (down, up, page down, page up,
 * first, last) and open (the selected record, through l->open). Errors go
 * to t's message line. Returns false for any other action. */
bool list_act(struct list *l, struct tui *t, enum tui_action a);

/* The same moves over n items held in memory (a picker's, a form's
 * fields): *cur kept within them, page items at a time. */
bool list_cursor_act(int *cur, int n, int page, enum tui_action a);

/* view_ops functions for a view whose data begins with its struct list
 * (a record list is its columns, its source and these): */
/* Reads from the top the first time, the rows on screen after that. */
int list_view_load(struct view *v, struct mado_err *e);
/* The list under the title line. */
void list_view_draw(struct view *v, int rows, int cols);
/* list_act() on the view's list. */
bool list_view_act(struct view *v, enum tui_action a);
/* For the status line: the name of the selected row ("No. 12"), between
 * marks that say whether more lies above and below ("▲ … ▼"), since
 * keyset paging knows where it is, not how far from the top; "" when the
 * list is empty. */
const char *list_view_position(struct view *v);
/* Frees the list, the view's data and the view, for data that holds
 * nothing else to free. */
void list_view_destroy(struct view *v);

#endif
