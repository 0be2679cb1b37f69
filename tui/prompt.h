/* The one-line prompt on the message line: the `:` command line, the `/`
 * search prompt, and every short answer a view asks for. It is readline,
 * driven through its callback interface so the loop keeps running (timers,
 * live updates) while the user types; the line is drawn by us, measured in
 * screen cells. History is kept per user and per prompt kind. */
#ifndef MADO_PROMPT_H
#define MADO_PROMPT_H

#include <stdbool.h>
#include <stdint.h>

struct tui;

/* Called once with the text entered, or NULL when the user cancelled
 * (Esc, C-g, C-c, or C-d on an empty line). The prompt is already closed
 * when it runs, so done may open another prompt or view. The text is only
 * valid during the call. */
typedef void (*prompt_done_fn)(struct tui *t, const char *text, void *ctx);
/* Completion candidates for word, the word that ends at the cursor; line
 * is all the text before the cursor (so "open " can be told from the
 * command itself). Returns a NULL-terminated vector of candidates that
 * begin with word (the prompt frees it with g_strfreev), or NULL for
 * none. prompt_complete_list() builds one from a fixed list. */
typedef char **(*prompt_complete_fn)(struct tui *t, const char *line, const char *word,
	void *ctx);

/* Opens the prompt with a label ("Status: ") and an initial text. history
 * names the history list ("command", "search", "assign", ...; NULL for
 * none). Only one prompt is open at a time; opening another replaces it
 * (the first one's done is called with NULL). */
void prompt_open(struct tui *t, const char *label, const char *initial, const char *history,
	prompt_complete_fn complete, prompt_done_fn done, void *ctx);
bool prompt_active(const struct tui *t);
/* The loop hands every key here while a prompt is active. */
void prompt_key(struct tui *t, uint32_t key);
/* Paints the prompt on the message line (completion candidates on the
 * line above it) and sets the tui's cursor in it. */
void prompt_draw(struct tui *t);
/* Cancels an open prompt and frees the prompt's state (at exit, before
 * the views go). Histories are already saved: each accepted line is
 * appended to its file at once. */
void prompt_shutdown(struct tui *t);

/* The members of the NULL-terminated list that begin with word, ignoring
 * ASCII case, as a new vector for a prompt_complete_fn to return; NULL
 * when none does. For staff logins, queue codes, field names. */
char **prompt_complete_list(const char *const *list, const char *word);

/* The `:` command line: every action name (done as its key would be), the
 * view names ("incidents" for view-incidents), "q" for quit, "open
 * NUMBER" for a ticket, and the commands with arguments of tui/commands.h
 * (assign, set, status, filter, view); Tab completes the command names,
 * then those commands' arguments. Opened by the "command" action. */
void command_line_open(struct tui *t);

#endif
