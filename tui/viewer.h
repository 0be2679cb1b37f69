/* Attachments in the user's own viewer: text in $PAGER (else less), other
 * files in $MADO_VIEWER, else xdg-open when there is a display to open
 * them on, else $PAGER. The file is a private copy (tui/editor.h) made
 * and viewed with the caller's own group, removed afterwards (for
 * xdg-open, which returns at once, when the client ends). */
#ifndef MADO_VIEWER_H
#define MADO_VIEWER_H

#include <stdint.h>

#include "base/err.h"
#include "db/attachment_store.h"

struct tui;

/* "12.3 kB  image/png": an attachment's size and type as shown beside its
 * name; viewer_label() puts the name first, for a picker. Newly allocated
 * (g_free()). */
char *viewer_size_type(const struct attachment_row *row);
char *viewer_label(const struct attachment_row *row);

/* Reads attachment id through core (which checks the role) and shows it
 * in the viewer, the screen suspended meanwhile. */
int viewer_open(struct tui *t, int64_t id, struct mado_err *e);

/* The "attachments" action of a detail view: a picker of the owner's
 * attachments (owner_type "ticket" or "kb" and its id, as core names
 * them), the chosen one opened with viewer_open(). name is the owner as
 * the user knows it ("INQ-2025-000012", "FAQ-12"), for the picker's title
 * and the message when there are none. Core's refusal goes to the
 * message line. */
void viewer_pick(struct tui *t, const char *owner_type, int64_t owner_id, const char *name);

#endif
