/* Multi-line text written inline (a reply, a note, a long field), with
 * the cursor moving by character and lines wrapped by screen cells; one
 * key hands the text to $EDITOR instead (tui/editor.h). */
#ifndef MADO_TEXTAREA_H
#define MADO_TEXTAREA_H

#include "tui/tui.h"

/* Called once with the text, or NULL when cancelled; the text area has
 * been closed when it runs. */
typedef void (*textarea_done_fn)(struct tui *t, const char *text, void *ctx);

/* Push the result with tui_push(). */
struct view *textarea_new(struct tui *t, const char *title, const char *initial,
	textarea_done_fn done, void *ctx);

#endif
