/* The arguments of the `:` commands (tui/command_args.h): the values
 * each kind may take, from core (masters, workflows, the fields
 * ticket_update() takes, saved views), for Tab and for checking a list's
 * filter, which core would take whatever it is. */
#include "command_args.h"

#include <string.h>

#include "base/i18n.h"
#include "core/master.h"
#include "core/ticket.h"
#include "core/ticket_view.h"
#include "core/workflow.h"
#include "tui/filter.h"
#include "tui/views.h"

/* The list filters by name, as filter.c's dialog offers them. */
static const char *const filter_names[] = {
	"status", "queue", "owner", "category", "from", "to", "text", NULL,
};

static void
add_code(const char *code, const char *name, void *out)
{
	(void)name;
	g_ptr_array_add(out, g_strdup(code));
}

static void
add_view(const char *name, const char *kind, const struct ticket_query *q, void *out)
{
	(void)kind;
	(void)q;
	g_ptr_array_add(out, g_strdup(name));
}

static void
add_static(GPtrArray *out, const char *const *list)
{
	for (int i = 0; list[i] != NULL; i++)
		g_ptr_array_add(out, g_strdup(list[i]));
}

/* The ticket open on screen, read for its number and kind. */
int
cmd_shown_ticket(struct tui *t, struct ticket_row *row, struct mado_err *e)
{
	int64_t id = view_ticket_id(tui_top(t));

	if (id == 0)
		return mado_err_set(e, MADO_EUSAGE,
			_("this command works on the ticket shown: open one first (Enter on a list)"));
	return ticket_read(t->db, &t->actor, id, row, e);
}

static int
ticket_fields(struct tui *t, GPtrArray *out, struct mado_err *e)
{
	struct ticket_row row = { 0 };
	const char *names[64];
	int st = cmd_shown_ticket(t, &row, e);

	if (st == MADO_OK) {
		ticket_update_fields(row.kind, names, (int)G_N_ELEMENTS(names));
		add_static(out, names);
	}
	ticket_row_clear(&row);
	return st;
}

/* What Tab offers after a field: the masters it refers to, or its few
 * values; nothing for text and dates. */
static int
field_values(struct tui *t, const char *field, GPtrArray *out, struct mado_err *e)
{
	static const char *const priorities[] = { "1", "2", "3", "4", "5", NULL };
	static const char *const yes_no[] = { "yes", "no", NULL };
	struct ticket_row row = { 0 };
	int st = MADO_OK;

	if (strcmp(field, "priority") == 0)
		add_static(out, priorities);
	else if (strcmp(field, "after_hours") == 0 || strcmp(field, "callout") == 0)
		add_static(out, yes_no);
	else if (strcmp(field, "system") == 0)
		st = master_choices(t->db, &t->actor, "system", add_code, out, e);
	else if (strcmp(field, "category") == 0 && (st = cmd_shown_ticket(t, &row, e)) == MADO_OK)
		st = master_category_choices(t->db, &t->actor, row.kind, add_code, out, e);
	ticket_row_clear(&row);
	return st;
}

/* The statuses the shown ticket may move to, by name, with their labels
 * beside them when labels is not NULL. */
int
cmd_next_statuses(struct tui *t, GPtrArray *names, GPtrArray *labels, struct mado_err *e)
{
	struct ticket_row row = { 0 };
	struct workflow wf;
	const char *n[WF_MAX_TRANS], *l[WF_MAX_TRANS];
	int st = cmd_shown_ticket(t, &row, e), count;

	if (st == MADO_OK && (count = ticket_next_statuses(t->db, &t->actor, row.id, &wf, n, l,
	    WF_MAX_TRANS, mado_i18n_lang(), e)) >= 0)
		for (int i = 0; i < count; i++) {
			g_ptr_array_add(names, g_strdup(n[i]));
			if (labels != NULL)
				g_ptr_array_add(labels, g_strdup(l[i]));
		}
	else if (st == MADO_OK)
		st = e->status;
	ticket_row_clear(&row);
	return st;
}

static bool
is_mywork(const struct list_filter *lf)
{
	return strcmp(lf->kind, "mywork") == 0;
}

/* The statuses of the list's workflow (my work: of all three kinds), by
 * name, with their labels beside them when labels is not NULL. */
void
cmd_list_statuses(const struct list_filter *lf, GPtrArray *names, GPtrArray *labels)
{
	for (int k = 0; k < 3; k++) {
		const struct workflow *wf = &lf->wf[k];

		if (!is_mywork(lf) && strcmp(wf->kind, lf->kind) != 0)
			continue;
		for (int s = 0; s < wf->nstatuses; s++) {
			g_ptr_array_add(names, g_strdup(wf->statuses[s].name));
			if (labels != NULL)
				g_ptr_array_add(labels, g_strdup(workflow_label(wf, s, mado_i18n_lang())));
		}
	}
}

static int
filter_values(struct tui *t, const char *filter, GPtrArray *out, struct mado_err *e)
{
	struct list_filter *lf = view_ticket_list_filter(tui_top(t));

	if (lf == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("this command works on a ticket list"));
	if (strcmp(filter, "status") == 0)
		cmd_list_statuses(lf, out, NULL);
	else if (strcmp(filter, "queue") == 0)
		return master_choices(t->db, &t->actor, "queue", add_code, out, e);
	else if (strcmp(filter, "owner") == 0) {
		g_ptr_array_add(out, g_strdup("me"));
		return master_choices(t->db, &t->actor, "staff", add_code, out, e);
	} else if (strcmp(filter, "category") == 0)
		return is_mywork(lf) ? master_choices(t->db, &t->actor, "category", add_code, out, e)
			: master_category_choices(t->db, &t->actor, lf->kind, add_code, out, e);
	return MADO_OK;
}

/* Adds to out (strings owned by out) the values argument a may take now;
 * prev is the argument before it (the field a value belongs to). */
int
cmd_arg_values(struct tui *t, enum cmd_arg a, const char *prev, GPtrArray *out,
	struct mado_err *e)
{
	switch (a) {
	case ARG_QUEUE: return master_choices(t->db, &t->actor, "queue", add_code, out, e);
	case ARG_OWNER:
		g_ptr_array_add(out, g_strdup("me"));
		g_ptr_array_add(out, g_strdup(CMD_NONE));
		return master_choices(t->db, &t->actor, "staff", add_code, out, e);
	case ARG_FIELD: return ticket_fields(t, out, e);
	case ARG_FIELD_VALUE: return field_values(t, prev, out, e);
	case ARG_STATUS: return cmd_next_statuses(t, out, NULL, e);
	case ARG_FILTER: add_static(out, filter_names); return MADO_OK;
	case ARG_FILTER_VALUE: return filter_values(t, prev, out, e);
	case ARG_VIEW: return saved_view_list(t->db, &t->actor, add_view, out, e);
	}
	return MADO_OK;
}

/* The index in names of what was typed: a name, or a label as shown;
 * -1 for neither. */
int
cmd_name_or_label(const GPtrArray *names, const GPtrArray *labels, const char *typed)
{
	for (guint i = 0; i < names->len; i++)
		if (g_ascii_strcasecmp(g_ptr_array_index(names, i), typed) == 0 ||
		    g_ascii_strcasecmp(g_ptr_array_index(labels, i), typed) == 0)
			return (int)i;
	return -1;
}

bool
cmd_is_filter(const char *name)
{
	for (int i = 0; filter_names[i] != NULL; i++)
		if (strcmp(filter_names[i], name) == 0)
			return true;
	return false;
}

