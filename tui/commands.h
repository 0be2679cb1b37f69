/* The `:` commands that take arguments, private to tui/cmdline.c: one
 * table of names, the kind of each argument and what the command does,
 * from which the command line both runs them and completes their
 * arguments.
 *
 *   assign QUEUE [LOGIN|me|-]   the open ticket's queue and owner (- unassigns)
 *   set FIELD VALUE             one field of the open ticket (- clears it)
 *   status NAME                 the open ticket's status (name or label)
 *   filter FIELD VALUE          one filter of a ticket list (- drops it)
 *   view NAME                   a saved view, on a ticket list
 *   figures [YYYY-MM]           a month's call figures, anywhere
 *   dashboard                   the supervisors' dashboard, anywhere
 *
 * The last argument is the rest of the line, so a subject or a saved
 * view's name may hold spaces. Core checks roles and values; the list's
 * filter values are checked here, since core takes any. */
#ifndef MADO_COMMANDS_H
#define MADO_COMMANDS_H

#include <glib.h>
#include <stdbool.h>

#include "tui/tui.h"

/* Runs cmd with args, the rest of the line (NULL for none), and shows
 * the outcome on the message line. False when cmd is none of these, or
 * when it is also an action (assign, status, filter) and has no
 * arguments: the caller does the action then. */
bool command_run(struct tui *t, const char *cmd, const char *args);

/* Adds the names (static strings) of the commands that are not also
 * actions to names. */
void command_names(GPtrArray *names);

/* Candidates for word, an argument of the command that starts line (all
 * the text before the cursor), as a prompt_complete_fn returns them. */
char **command_complete(struct tui *t, const char *line, const char *word);

#endif
