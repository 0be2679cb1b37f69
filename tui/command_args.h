/* The arguments of the `:` commands (tui/commands.h): what each kind of
 * argument may be, for Tab and for checking what was typed. Private to
 * tui/commands.c and tui/command_args.c. */
#ifndef MADO_COMMAND_ARGS_H
#define MADO_COMMAND_ARGS_H

#include <glib.h>
#include <stdbool.h>

#include "db/ticket_store.h"
#include "tui/tui.h"

/* "-" clears a field or a filter, and unassigns an owner. */
#define CMD_NONE "-"

enum cmd_arg {
	ARG_QUEUE,          /* a queue code */
	ARG_OWNER,          /* a login, me or - */
	ARG_FIELD,          /* a field ticket_update() takes for the shown ticket's kind */
	ARG_FIELD_VALUE,    /* a value of the field before it */
	ARG_STATUS,         /* a status the shown ticket may move to */
	ARG_FILTER,         /* what a list can be filtered by */
	ARG_FILTER_VALUE,   /* a value of the filter before it */
	ARG_VIEW,           /* the name of one of the user's saved views */
};

/* Adds to out (which owns its strings: g_free) the values an argument of
 * kind a may take now; prev is the argument before it (the field or the
 * filter a value belongs to). Nothing for text and dates. */
int cmd_arg_values(struct tui *t, enum cmd_arg a, const char *prev, GPtrArray *out,
	struct mado_err *e);

/* The ticket shown on top, read (free row with ticket_row_clear());
 * MADO_EUSAGE saying so when the top view shows none. */
int cmd_shown_ticket(struct tui *t, struct ticket_row *row, struct mado_err *e);

/* The statuses the shown ticket may move to, by name, and their labels
 * beside them in labels (may be NULL); both own their strings. */
int cmd_next_statuses(struct tui *t, GPtrArray *names, GPtrArray *labels, struct mado_err *e);

/* The statuses of a list's workflow (my work: of all three kinds), as
 * cmd_next_statuses() gives them. */
struct list_filter;
void cmd_list_statuses(const struct list_filter *lf, GPtrArray *names, GPtrArray *labels);

/* The index in names of typed, a name or the label beside it as shown,
 * ignoring ASCII case; -1 for neither. */
int cmd_name_or_label(const GPtrArray *names, const GPtrArray *labels, const char *typed);

/* Whether name is one a list can be filtered by. */
bool cmd_is_filter(const char *name);

#endif
