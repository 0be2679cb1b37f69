/* The `:` command line (prompt.h): every action by its registry name,
 * done exactly as its key would be; the views by their short names;
 * "q" for quit; "open NUMBER" for one ticket; "search WORDS" for the
 * search pane with those words; and the commands with
 * arguments of tui/commands.h. */
#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ticket.h"
#include "tui/commands.h"
#include "tui/prompt.h"
#include "tui/view_search.h"
#include "tui/views.h"

/* ":incidents" is "view-incidents". */
static const char *const view_names[] = {
	"inquiries", "incidents", "requests", "knowledge", "calllogs", "mywork", "synonyms", NULL,
};

static enum tui_action
command_action(const char *word)
{
	if (strcmp(word, "q") == 0)
		return ACT_QUIT;
	for (int i = 0; view_names[i] != NULL; i++)
		if (strcmp(word, view_names[i]) == 0) {
			char name[32];

			g_snprintf(name, sizeof name, "view-%s", word);
			return tui_action_by_name(name);
		}
	return tui_action_by_name(word);
}

static void
open_ticket(struct tui *t, const char *ref)
{
	struct mado_err e = { 0 };
	int64_t id;

	if (ticket_resolve(t->db, ref, &id, &e) != MADO_OK)
		tui_error(t, &e);
	else
		tui_push(t, view_ticket_new(t, id));
}

static void
dispatch(struct tui *t, const char *cmd, const char *arg)
{
	struct mado_err e = { 0 };
	enum tui_action a;

	/* "open" alone is the action on the selected record. */
	if (strcmp(cmd, "open") == 0 && arg != NULL)
		open_ticket(t, arg);
	else if (strcmp(cmd, "search") == 0 && arg != NULL)
		tui_push(t, view_search_new(t, arg, NULL, NULL));
	else if (command_run(t, cmd, arg))
		return;
	else if ((a = command_action(cmd)) == ACT_NONE)
		mado_err_set(&e, MADO_EUSAGE, _("%s: no such command (Tab lists them)"), cmd);
	else if (arg != NULL)
		mado_err_set(&e, MADO_EUSAGE, _("%s takes no argument"), cmd);
	else
		tui_do(t, a);
	if (e.status != MADO_OK)
		tui_error(t, &e);
}

static void
run(struct tui *t, const char *text, void *ctx)
{
	char *cmd, *arg;

	(void)ctx;
	if (text == NULL)
		return;
	cmd = g_strstrip(g_strdup(text));
	if ((arg = strpbrk(cmd, " \t")) != NULL) {
		*arg++ = '\0';
		g_strchug(arg);
	}
	if (cmd[0] != '\0')
		dispatch(t, cmd, arg);
	g_free(cmd);
}

/* The first word completes the command; the words after it complete as
 * that command's arguments (what follows "open" is a ticket number, so
 * nothing). "q" is left out, or "q" + Tab would not give "quit". */
static char **
complete(struct tui *t, const char *line, const char *word, void *ctx)
{
	GPtrArray *names;
	char **out;

	(void)ctx;
	if (strspn(line, " \t") < strlen(line) - strlen(word))
		return command_complete(t, line, word);
	names = g_ptr_array_new();
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		g_ptr_array_add(names, (char *)tui_action_info((enum tui_action)a)->name);
	for (int i = 0; view_names[i] != NULL; i++)
		g_ptr_array_add(names, (char *)view_names[i]);
	command_names(names);
	g_ptr_array_add(names, NULL);
	out = prompt_complete_list((const char *const *)names->pdata, word);
	g_ptr_array_free(names, TRUE);
	return out;
}

void
command_line_open(struct tui *t)
{
	prompt_open(t, ":", "", "command", complete, run, NULL);
}
