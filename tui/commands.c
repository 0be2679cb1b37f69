/* The `:` commands that take arguments (tui/commands.h). Each calls core,
 * which checks the role and the values; what a list filters by is checked
 * here against the same values Tab offers (tui/command_args.h), since a
 * filter on a queue that does not exist would only show an empty list. */
#include "commands.h"

#include <stdarg.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ticket.h"
#include "core/ticket_view.h"
#include "tui/command_args.h"
#include "tui/filter.h"
#include "tui/prompt.h"
#include "tui/views.h"

static void
refuse(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
refuse(struct tui *t, const char *fmt, ...)
{
	struct mado_err e = { .status = MADO_EUSAGE };
	va_list ap;

	va_start(ap, fmt);
	g_vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	tui_error(t, &e);
}

/* ---- on the ticket shown ---- */

/* Core's refusal goes to the message line as it is; on success what is
 * on screen is read again (our own commits do not move data_version). */
static bool
applied(struct tui *t, int st, const struct mado_err *e)
{
	if (st != MADO_OK)
		tui_error(t, e);
	else
		t->dirty |= DIRTY_DATA;
	return st == MADO_OK;
}

static void
run_assign(struct tui *t, struct ticket_row *row, char **argv, int argc)
{
	const char *owner = argc > 1 ? argv[1] : NULL;
	struct mado_err e = { 0 };

	if (owner != NULL && strcmp(owner, "me") == 0)
		owner = t->actor.login;
	else if (owner != NULL && strcmp(owner, CMD_NONE) == 0)
		owner = "";
	if (applied(t, ticket_assign(t->db, &t->actor, row->id, argv[0], owner, &e), &e))
		tui_message(t, _("%s: assigned"), row->number);
}

static void
run_set(struct tui *t, struct ticket_row *row, char **argv, int argc)
{
	const char *fields[] = { argv[0] };
	const char *values[] = { strcmp(argv[1], CMD_NONE) == 0 ? "" : argv[1] };
	struct mado_err e = { 0 };

	(void)argc;
	if (applied(t, ticket_update(t->db, &t->actor, row->id, fields, values, 1, &e), &e))
		tui_message(t, _("%s: %s changed"), row->number, argv[0]);
}


static void
run_status(struct tui *t, struct ticket_row *row, char **argv, int argc)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
	struct mado_err e = { 0 };
	const char *status = argv[0];
	int i;

	(void)argc;
	/* A label is taken for its name; anything else goes to core, whose
	 * refusal lists the statuses open from here. */
	if (cmd_next_statuses(t, names, labels, &e) == MADO_OK &&
	    (i = cmd_name_or_label(names, labels, argv[0])) >= 0)
		status = g_ptr_array_index(names, i);
	if (applied(t, ticket_set_status(t->db, &t->actor, row->id, status, &e), &e))
		tui_message(t, _("%s: status changed"), row->number);
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(labels, TRUE);
}

/* ---- on a ticket list ---- */

/* The value of one filter as the query keeps it: a code, a login or a
 * status name, in its own case; NULL with the reason in e when the list
 * knows no such value. */
static char *
filter_value(struct tui *t, struct list_filter *lf, const char *filter, const char *typed,
	struct mado_err *e)
{
	GPtrArray *known = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
	char *value = NULL;
	int i;

	if (strcmp(filter, "owner") == 0 && strcmp(typed, "me") == 0)
		value = g_strdup(t->actor.login);
	else if (strcmp(filter, "status") == 0) {
		cmd_list_statuses(lf, known, labels);
		if ((i = cmd_name_or_label(known, labels, typed)) >= 0)
			value = g_strdup(g_ptr_array_index(known, i));
	} else if (cmd_arg_values(t, ARG_FILTER_VALUE, filter, known, e) == MADO_OK) {
		for (guint k = 0; k < known->len && value == NULL; k++)
			if (g_ascii_strcasecmp(g_ptr_array_index(known, k), typed) == 0)
				value = g_strdup(g_ptr_array_index(known, k));
	}
	if (value == NULL && e->status == MADO_OK)
		mado_err_set(e, MADO_EDATA, _("filter: no %s '%s' (Tab lists them)"), filter, typed);
	g_ptr_array_free(known, TRUE);
	g_ptr_array_free(labels, TRUE);
	return value;
}

/* Sets one filter in q from what was typed ("-" drops it). */
static int
query_set(struct tui *t, struct list_filter *lf, struct ticket_query *q, const char *filter,
	const char *typed, struct mado_err *e)
{
	bool drop = strcmp(typed, CMD_NONE) == 0, to = strcmp(filter, "to") == 0;
	char **member = strcmp(filter, "status") == 0 ? &q->status
		: strcmp(filter, "queue") == 0 ? &q->queue : strcmp(filter, "owner") == 0 ? &q->owner
		: strcmp(filter, "category") == 0 ? &q->category : NULL;
	char *value;

	if (strcmp(filter, "from") == 0 || to) {
		int64_t *bound = to ? &q->created_to : &q->created_from;

		*bound = 0;
		return drop ? MADO_OK : ticket_query_day(filter, typed, to, bound, e);
	}
	if (member == NULL) {
		ticket_query_set(&q->text, drop ? NULL : typed);
		return MADO_OK;
	}
	if (drop) {
		ticket_query_set(member, NULL);
		return MADO_OK;
	}
	if ((value = filter_value(t, lf, filter, typed, e)) == NULL)
		return e->status;
	ticket_query_set(member, value);
	g_free(value);
	return MADO_OK;
}

static void
run_filter(struct tui *t, struct list_filter *lf, char **argv, int argc)
{
	struct ticket_query q = { 0 };
	struct mado_err e = { 0 };

	(void)argc;
	if (!cmd_is_filter(argv[0])) {
		refuse(t, _("filter: no filter '%s'; the filters: status, queue, owner, category,"
			" from, to, text"), argv[0]);
		return;
	}
	if (strcmp(lf->kind, "mywork") == 0 && strcmp(argv[0], "owner") == 0) {
		refuse(t, _("filter: my work is what is assigned to you; it has no owner filter"));
		return;
	}
	ticket_query_copy(&q, &lf->q);
	if (query_set(t, lf, &q, argv[0], argv[1], &e) != MADO_OK)
		tui_error(t, &e);
	else {
		filter_set_query(lf, &q);
		lf->changed(t, lf->ctx);
	}
	ticket_query_clear(&q);
}

static void
run_view(struct tui *t, struct list_filter *lf, char **argv, int argc)
{
	(void)argc;
	filter_open_saved(t, lf, argv[0]);
}

/* ---- anywhere ---- */

static void
run_figures(struct tui *t, char **argv, int argc)
{
	tui_push(t, view_call_figures_new(t, argc > 0 ? argv[0] : NULL));
}

static void
run_daily(struct tui *t, char **argv, int argc)
{
	tui_push(t, view_report_daily_new(t, argc > 0 ? argv[0] : NULL, argc > 1 ? argv[1] : NULL));
}

static void
run_monthly(struct tui *t, char **argv, int argc)
{
	tui_push(t, view_report_monthly_new(t, argv[0], argc > 1 ? argv[1] : NULL));
}

static void
run_dashboard(struct tui *t, char **argv, int argc)
{
	(void)argv;
	(void)argc;
	tui_push(t, view_dashboard_new(t));
}

/* ---- the table ---- */

typedef void (*ticket_command_fn)(struct tui *t, struct ticket_row *row, char **argv, int argc);
typedef void (*list_command_fn)(struct tui *t, struct list_filter *lf, char **argv, int argc);
typedef void (*any_command_fn)(struct tui *t, char **argv, int argc);

/* A command works on the ticket shown, on a ticket list or anywhere:
 * one of on_ticket, on_list and anywhere is set. */
static const struct command {
	const char *name;
	const char *usage;           /* N_(): its arguments */
	enum cmd_arg args[2];
	int nargs, required;
	ticket_command_fn on_ticket;
	list_command_fn on_list;
	any_command_fn anywhere;     /* its arguments are not completed */
} commands[] = {
	{ "assign", N_("QUEUE [LOGIN|me|-]"), { ARG_QUEUE, ARG_OWNER }, 2, 1, run_assign, NULL,
		NULL },
	{ "set", N_("FIELD VALUE|-"), { ARG_FIELD, ARG_FIELD_VALUE }, 2, 2, run_set, NULL, NULL },
	{ "status", N_("NAME"), { ARG_STATUS }, 1, 1, run_status, NULL, NULL },
	{ "filter", N_("FIELD VALUE|-"), { ARG_FILTER, ARG_FILTER_VALUE }, 2, 2, NULL, run_filter,
		NULL },
	{ "view", N_("NAME"), { ARG_VIEW }, 1, 1, NULL, run_view, NULL },
	{ "figures", N_("[YYYY-MM]"), { 0 }, 1, 0, NULL, NULL, run_figures },
	{ "daily", N_("[YYYY-MM-DD] [SHIFT]"), { 0 }, 2, 0, NULL, NULL, run_daily },
	{ "monthly", N_("FY [MONTH]"), { 0 }, 2, 1, NULL, NULL, run_monthly },
	{ "dashboard", "", { 0 }, 0, 0, NULL, NULL, run_dashboard },
};

static const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* assign, status and filter are also actions: without arguments they
 * are done as their keys would be (pickers, the dialog), so their names
 * are listed once, with the actions. */
void
command_names(GPtrArray *names)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (tui_action_by_name(commands[i].name) == ACT_NONE)
			g_ptr_array_add(names, (char *)commands[i].name);
}

/* Splits text into at most max arguments, the last one the rest of the
 * line; returns how many there are. argv's strings point into text. */
static int
split_args(char *text, char **argv, int max)
{
	int n = 0;

	while (text != NULL && *(text += strspn(text, " \t")) != '\0' && n < max) {
		argv[n++] = text;
		if (n == max)
			break;
		if ((text = strpbrk(text, " \t")) != NULL)
			*text++ = '\0';
	}
	if (n > 0)
		g_strchomp(argv[n - 1]);
	return n;
}

static void
run(struct tui *t, const struct command *c, char **argv, int argc)
{
	struct list_filter *lf;
	struct ticket_row row = { 0 };
	struct mado_err e = { 0 };

	if (c->anywhere != NULL)
		c->anywhere(t, argv, argc);
	else if (c->on_list != NULL) {
		if ((lf = view_ticket_list_filter(tui_top(t))) == NULL)
			refuse(t, _("%s works on a ticket list"), c->name);
		else
			c->on_list(t, lf, argv, argc);
	} else if (cmd_shown_ticket(t, &row, &e) != MADO_OK)
		tui_error(t, &e);
	else
		c->on_ticket(t, &row, argv, argc);
	ticket_row_clear(&row);
}

bool
command_run(struct tui *t, const char *cmd, const char *args)
{
	const struct command *c = command_find(cmd);
	char *text, *argv[2];
	int argc;

	if (c == NULL || (args == NULL && tui_action_by_name(cmd) != ACT_NONE))
		return false;
	text = g_strdup(args != NULL ? args : "");
	argc = split_args(text, argv, c->nargs);
	if (argc < c->required)
		refuse(t, _("usage: :%s %s"), c->name, _(c->usage));
	else
		run(t, c, argv, argc);
	g_free(text);
	return true;
}

char **
command_complete(struct tui *t, const char *line, const char *word)
{
	char *head = g_strndup(line, strlen(line) - strlen(word));
	char *words[4];
	int n = split_args(head, words, 4);
	const struct command *c = n > 0 ? command_find(words[0]) : NULL;
	GPtrArray *values;
	struct mado_err e = { 0 };
	char **out = NULL;

	/* The words before the cursor: the command, then its arguments. */
	if (c != NULL && c->anywhere == NULL && n - 1 < c->nargs) {
		values = g_ptr_array_new_with_free_func(g_free);
		if (cmd_arg_values(t, c->args[n - 1], n > 1 ? words[n - 1] : "", values, &e) == MADO_OK) {
			g_ptr_array_add(values, NULL);
			out = prompt_complete_list((const char *const *)values->pdata, word);
		}
		g_ptr_array_free(values, TRUE);
	}
	g_free(head);
	return out;
}
