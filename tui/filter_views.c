/* Saved views of a ticket list (tui/filter.h): a list's filter and order
 * kept under a name, and brought back in that list or in their own. */
#include "tui/filter.h"

#include <string.h>

#include "base/i18n.h"
#include "tui/choices.h"
#include "tui/prompt.h"

static void
add_name(const char *name, const char *kind, const struct ticket_query *q, void *p)
{
	g_ptr_array_add(p, g_strdup(name));
}

static char **
complete_name(struct tui *t, const char *line, const char *word, void *ctx)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	struct mado_err e = { 0 };
	char **out;

	saved_view_list(t->db, &t->actor, add_name, names, &e);
	g_ptr_array_add(names, NULL);
	out = prompt_complete_list((const char *const *)names->pdata, word);
	g_ptr_array_free(names, TRUE);
	return out;
}

static void
name_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_filter *lf = ctx;
	struct mado_err e = { 0 };
	char *name;

	if (text == NULL)
		return;
	name = g_strstrip(g_strdup(text));
	if (saved_view_save(t->db, &t->actor, name, lf->kind, &lf->q, &e) != MADO_OK)
		tui_error(t, &e);
	else
		tui_message(t, _("Saved as the view '%s'"), name);
	g_free(name);
}

static const char *
list_name(const char *kind)
{
	return strcmp(kind, "inquiry") == 0 ? _("Inquiries") : strcmp(kind, "incident") == 0
		? _("Incidents") : strcmp(kind, "request") == 0 ? _("Requests") : _("My work");
}

struct view_items {
	const struct list_filter *lf;
	struct choices c;
};

/* A saved view: its list and what it filters (the picker shows the name
 * beside it). */
static void
view_item(const char *name, const char *kind, const struct ticket_query *q, void *p)
{
	struct view_items *vi = p;
	struct list_filter shown = { .kind = kind, .wf = vi->lf->wf, .q = *q };
	GString *label = g_string_new(NULL);

	g_string_printf(label, "%s  ", list_name(kind));
	filter_describe(&shown, label, 200);
	choice_add(name, label->str, &vi->c);
	g_string_free(label, TRUE);
}

void
filter_open_saved(struct tui *t, struct list_filter *lf, const char *name)
{
	struct ticket_query q = { 0 };
	struct mado_err e = { 0 };
	const char *kind;

	if (saved_view_open(t->db, &t->actor, name, &kind, &q, &e) != MADO_OK)
		tui_error(t, &e);
	else if (strcmp(kind, lf->kind) == 0) {
		filter_set_query(lf, &q);
		lf->changed(t, lf->ctx);
	} else
		lf->open(t, kind, &q, lf->ctx); /* last: it may destroy lf */
	ticket_query_clear(&q);
}

static void
view_chosen(struct tui *t, const char *name, void *ctx)
{
	if (name != NULL)
		filter_open_saved(t, ctx, name);
}

void
filter_choose_view(struct tui *t, struct list_filter *lf)
{
	struct view_items vi = { .lf = lf };
	struct mado_err e = { 0 };

	choices_init(&vi.c);
	if (saved_view_list(t->db, &t->actor, view_item, &vi, &e) != MADO_OK)
		tui_error(t, &e);
	else if (vi.c.items->len == 0)
		tui_message(t, _("No saved views yet: save-view keeps the list's filter as one"));
	else
		tui_push(t, choices_picker(t, _("Saved views"), &vi.c, view_chosen, lf));
	choices_free(&vi.c);
}

void
filter_save_view(struct tui *t, struct list_filter *lf)
{
	prompt_open(t, _("Save the view as: "), NULL, "view", complete_name, name_entered, lf);
}
