/* Picker items gathered before the picker opens (tui/choices.h). */
#include "tui/choices.h"

#include <string.h>

void
choices_init(struct choices *c)
{
	c->items = g_array_new(FALSE, FALSE, sizeof(struct picker_item));
	c->strs = g_string_chunk_new(1024);
}

void
choices_free(struct choices *c)
{
	g_array_free(c->items, TRUE);
	g_string_chunk_free(c->strs);
}

void
choice_add(const char *value, const char *label, void *p)
{
	struct choices *c = p;
	struct picker_item it = {
		g_string_chunk_insert_const(c->strs, value),
		g_string_chunk_insert_const(c->strs, label != NULL ? label : value),
	};

	g_array_append_val(c->items, it);
}

bool
choices_has(const struct choices *c, const char *value)
{
	for (guint i = 0; i < c->items->len; i++)
		if (strcmp(g_array_index(c->items, struct picker_item, i).value, value) == 0)
			return true;
	return false;
}

struct view *
choices_picker(struct tui *t, const char *title, const struct choices *c, picker_done_fn done,
	void *ctx)
{
	return picker_new(t, title, (const struct picker_item *)(void *)c->items->data,
		(int)c->items->len, done, ctx);
}
