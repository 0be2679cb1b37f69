/* Multi-line text written inline (a reply, a note, a long field), with
 * the cursor moving by character and lines wrapped by screen cells; one
 * key hands the text to $EDITOR instead (tui/editor.h). */
#ifndef MADO_TEXTAREA_H
#define MADO_TEXTAREA_H

#include <glib.h>

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

/* A line said under the text while it is written: guidance, or what is
 * wrong with the text as it stands. */
struct textarea_note {
	char *text;                /* freed by the text area */
	enum draw_style style;
};
/* Appends to notes (of struct textarea_note) the lines for text; called
 * again whenever the text changed, and only while the text area is open. */
typedef void (*textarea_notes_fn)(const char *text, GArray *notes, void *ctx);
/* Shows fn's notes in the bottom rows of textarea v (at most a third of
 * them; the last says how many more when they do not fit). */
void textarea_set_notes(struct view *v, textarea_notes_fn fn, void *ctx);

#endif
