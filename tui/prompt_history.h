/* The history of the prompt (tui/prompt.c): readline's history list, kept
 * in one file per user and prompt kind under the user's state directory
 * ($XDG_STATE_HOME/madoguchi/history-KIND). Private to the prompt. */
#ifndef MADO_PROMPT_HISTORY_H
#define MADO_PROMPT_HISTORY_H

/* The file of a prompt kind ("command", "search"); newly allocated, g_free. */
char *prompt_history_path(const char *kind);
/* Makes readline's history the file's lines (path NULL: an empty one). */
void prompt_history_load(const char *path);
/* Adds an accepted line to readline's history and to the file (path NULL:
 * to readline's only). */
void prompt_history_save(const char *path, const char *line);

#endif
