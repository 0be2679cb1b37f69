/* Long text in the user's own editor: $VISUAL, else $EDITOR, else vi, run
 * with an argument vector (never a shell string) and with the caller's
 * own group (an installed mado is setgid), on a private temporary file. */
#ifndef MADO_EDITOR_H
#define MADO_EDITOR_H

#include "base/err.h"

struct tui;

/* Suspends the screen, edits initial, restores the screen. *out is newly
 * allocated (free()); unchanged text is not an error. */
int editor_run(struct tui *t, const char *initial, char **out, struct mado_err *e);

#endif
