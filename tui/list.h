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
#include "tui/draw.h"

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

struct list {
	const struct list_column *cols;
	int ncols;
	struct list_source src;
	GPtrArray *rows;        /* the window, in list order */
	int top;                /* index of the first row on screen */
	int cur;                /* index of the selected row */
	bool more_above, more_below;
	int page;               /* rows on screen at the last draw */
	int widths[16];         /* cells per column at the last draw */
};

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

/* Paints the header at y0 and the rows below it, in rows x cols. */
void list_draw(struct list *l, const struct painter *p, int y0, int rows, int cols);

/* Column widths for a width: fixed columns get what their content and
 * limits ask, the flexible one (max 0) the rest. Exposed for tests. */
void list_layout(const struct list *l, int cols, int ambi, int *widths);

#endif
