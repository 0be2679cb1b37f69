/* A choice from a list (a master, the statuses allowed from here, a staff
 * member): a popup view whose items narrow as the user types
 * (type-to-filter, matching value or label, full-width and half-width
 * alike). Enter chooses, Esc cancels. */
#ifndef MADO_PICKER_H
#define MADO_PICKER_H

#include "tui/tui.h"

struct picker_item {
	const char *value;   /* what is returned (a code, a login, a status) */
	const char *label;   /* what is shown (a name, a translated label) */
};

/* Called exactly once: with the chosen value, or NULL when cancelled.
 * After a choice or Esc the picker has already been closed when it runs,
 * so done may open another view. Should the picker be closed from outside
 * (the client quits, a view switch), done still gets NULL, so it can free
 * ctx; it must not open a view then. */
typedef void (*picker_done_fn)(struct tui *t, const char *value, void *ctx);

/* Copies items. Push the result with tui_push(). */
struct view *picker_new(struct tui *t, const char *title, const struct picker_item *items,
	int n, picker_done_fn done, void *ctx);

#endif
