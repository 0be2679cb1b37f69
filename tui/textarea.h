/* Multi-line text written inline (a reply, a note, a long field), with
 * the cursor moving by character and lines wrapped by screen cells; one
 * key hands the text to $EDITOR instead (tui/editor.h). */
#ifndef MADO_TEXTAREA_H
#define MADO_TEXTAREA_H

#include "tui/tui.h"

/* Called exactly once: with the text, or NULL when cancelled. After a
 * save or a cancel the text area has been closed when it runs, so done may
 * open another view. Should it be closed from outside (the client quits,
 * a view switch), done still gets NULL, so it can free ctx; it must not
 * open a view then. */
typedef void (*textarea_done_fn)(struct tui *t, const char *text, void *ctx);

/* Push the result with tui_push(). */
struct view *textarea_new(struct tui *t, const char *title, const char *initial,
	textarea_done_fn done, void *ctx);

#endif
