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
 * (Esc or C-g). The text is only valid during the call. */
typedef void (*prompt_done_fn)(struct tui *t, const char *text, void *ctx);
/* Completion candidates for the word before the cursor: a NULL-terminated
 * vector (g_strfreev frees it), or NULL for none. */
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
/* Paints the prompt on the message line and places the cursor. */
void prompt_draw(struct tui *t);
/* Saves histories and frees the prompt's state (at exit). */
void prompt_shutdown(struct tui *t);

/* The `:` command line: action names, view names and "quit"; completion
 * of commands, field names, staff and queue names. Opened by the
 * "command" action. */
void command_line_open(struct tui *t);

#endif
