/* Picker items gathered one at a time (fixed entries, a master's rows, a
 * workflow's statuses) before a picker opens on them. The strings are
 * copied, so what a callback hands over may go at once; they live as
 * long as the choices. */
#ifndef MADO_CHOICES_H
#define MADO_CHOICES_H

#include <glib.h>
#include <stdbool.h>

#include "tui/picker.h"

struct choices {
	GArray *items;        /* struct picker_item, pointing into strs */
	GStringChunk *strs;
};

void choices_init(struct choices *c);
void choices_free(struct choices *c);
/* Adds value, shown as label (NULL: as the value). Also a
 * master_choice_fn (core/master.h): a master's code and name, with c as
 * its ctx. */
void choice_add(const char *value, const char *label, void *c);
/* Whether a choice already has value. */
bool choices_has(const struct choices *c, const char *value);
/* A picker of the choices (it copies them: free c after as ever); push
 * it with tui_push(). */
struct view *choices_picker(struct tui *t, const char *title, const struct choices *c,
	picker_done_fn done, void *ctx);

#endif
