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

#endif
