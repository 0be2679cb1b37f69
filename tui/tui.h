/* The full-screen client: one context passed everywhere (no globals), a
 * stack of views, and one loop that reads keys, timers and the database's
 * change counter and paints once per turn. The tui knows no SQL: data
 * comes from core. */
#ifndef MADO_TUI_H
#define MADO_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/identity.h"
#include "core/ticket.h"
#include "db/db.h"
#include "keymaps/keymap.h"
#include "tui/action.h"
#include "tui/draw.h"

struct view;

/* What needs doing before the next paint; handlers only set these. */
enum tui_dirty {
	DIRTY_VIEW = 1 << 0,    /* the current view's content */
	DIRTY_STATUS = 1 << 1,  /* the status and message lines */
	DIRTY_ALL = 1 << 2,     /* everything, after a resize or a redraw request */
	DIRTY_DATA = 1 << 3,    /* another process changed the database: reload */
};

#define TUI_MAX_VIEWS 16

struct tui {
	struct db *db;
	const struct config *cfg;
	struct actor actor;
	struct keymap *keymap;
	struct painter paint;         /* ambiguous width and colour */
	const char *db_label;         /* shown in the status line */

	struct view *stack[TUI_MAX_VIEWS]; /* stack[depth - 1] is on screen */
	int depth;

	unsigned dirty;
	bool quit;
	int rows, cols;               /* terminal size */
	char message[512];            /* the message line: the last notice or error */
	bool message_error;
	int64_t data_version;         /* PRAGMA data_version last seen */
	struct desk_counts counts;    /* shown on the status line; read with the data */
	int64_t last_key_at;          /* for the idle lock (monotonic seconds) */
	/* Set by a view's draw where typing goes (a text area, a picker's
	 * filter): the terminal's cursor is shown there, so the IME composes
	 * Japanese in place. Cleared before every draw of the view. */
	bool cursor_on;
	int cursor_y, cursor_x;
	struct prompt *prompt;        /* the open prompt (tui/prompt.h), or NULL */
	/* Temporary files a viewer may still be reading (xdg-open returns at
	 * once): removed when the client ends (tui/editor.h). */
	struct user_file *kept_files;
	/* When a view asked to be woken (tui_after), in monotonic
	 * milliseconds; 0 for none. */
	int64_t wake_at_ms;
};

/* The interface every view implements (tig's view_ops): private data
 * hangs off the view; the loop calls these. */
struct view_ops {
	const char *context;          /* keymap context: "list", "detail", "help" */
	/* The title shown at the top. Returns a static or view-owned string. */
	const char *(*title)(struct view *v);
	/* Loads or reloads the data; keep the position where possible. */
	int (*load)(struct view *v, struct mado_err *e);
	/* Paints into the content area of rows x cols at the screen's row 1. */
	void (*draw)(struct view *v, int rows, int cols);
	/* Handles an action; returns true when it did (else the loop tries
	 * the global actions). */
	bool (*act)(struct view *v, enum tui_action a);
	/* A short text for the status line ("12/2,041"), or NULL. */
	const char *(*position)(struct view *v);
	void (*destroy)(struct view *v);
	/* Optional: sees every key before the keymap does and returns true
	 * when it took it (text typed into a picker, a text area or the lock,
	 * even characters bound globally such as q). NULL for most views. */
	bool (*key)(struct view *v, uint32_t key);
	/* Optional: called once the time asked for with tui_after() has
	 * come, on every view of the stack that has it (work deferred while
	 * keys keep coming, such as a search as the user types). */
	void (*tick)(struct view *v);
	/* The view paints the whole screen (no title or status line). */
	bool covers_screen;
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	void *data;                   /* owned by the view; freed by destroy */
};

/* A new view of ops over data (which the view owns from now on: ops->destroy
 * frees both). Push it with tui_push() or tui_switch(). */
struct view *view_new(struct tui *t, const struct view_ops *ops, void *data);

/* Puts a view on top of the stack and loads it; on failure the view is
 * destroyed and the message line says why. */
int tui_push(struct tui *t, struct view *v);
/* Removes the top view (never the last one: returns false then). */
bool tui_pop(struct tui *t);
struct view *tui_top(struct tui *t);
/* Replaces the whole stack with one view (the one-key view switches). */
int tui_switch(struct tui *t, struct view *v);

/* What a dialog (a picker, a text area, a prompt) hands back: the text
 * chosen or written, or NULL when the user cancelled. */
typedef void (*tui_answer_fn)(struct tui *t, const char *text, void *ctx);
/* Closes the dialog v, the view on top, and then calls *done with a copy
 * of answer: done may open another view, and the answer outlives the
 * dialog. *done is cleared first, so the dialog's destroy knows it has
 * answered. */
void tui_answer(struct view *v, tui_answer_fn *done, void *ctx, const char *answer);

/* Does what a key bound to a would do: the view's own action first, then
 * the global ones; says so on the message line when neither applies. */
bool tui_do(struct tui *t, enum tui_action a);

/* Asks for the views' tick hooks to be called once ms milliseconds have
 * passed without another call: each call moves the time, so work put off
 * this way waits until the keys stop. The loop's poll never sleeps past
 * it, so typing is never blocked. */
void tui_after(struct tui *t, int ms);

/* The message line. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const struct mado_err *e);

/* The screen entry point: runs until the user quits. Returns an exit
 * status. user holds the user's settings (core/usercfg.h) with the
 * command line's over them, its ambi set; user_err a problem in the
 * user's file (status MADO_OK for none), shown once the screen is up. */
struct usercfg;
int tui_run(struct db *db, const struct config *cfg, const struct actor *actor,
	const struct usercfg *user, const struct mado_err *user_err);

#endif
