/* The prompts' histories (tui/prompt_history.h): one file per user and
 * prompt kind, read and written with the user's own rights. */
#include "tui/prompt_history.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <readline/history.h>

#include "base/env.h"

#define HISTORY_MAX 500

char *
prompt_history_path(const char *kind)
{
	char *name = g_strconcat("history-", kind, NULL);
	char *path = g_build_filename(g_get_user_state_dir(), "madoguchi", name, NULL);

	g_free(name);
	return path;
}

/* Reads the file afresh at every opening, so lines accepted in another
 * mado of the same user are there too. With the user's own rights: it is
 * their file, named by their environment. */
void
prompt_history_load(const char *path)
{
	clear_history();
	if (path != NULL) {
		gid_t saved = mado_as_caller();

		read_history(path); /* no file yet: an empty history */
		mado_as_program(saved);
	}
	stifle_history(HISTORY_MAX);
	using_history();
}

/* Appends an accepted line. A history that cannot be written is only a
 * lost convenience, never worth an error in the middle of the work. */
void
prompt_history_save(const char *path, const char *line)
{
	HIST_ENTRY *last = history_get(history_base + history_length - 1);
	gid_t saved;
	char *dir;

	if (line[strspn(line, " \t")] == '\0' || (last != NULL && strcmp(last->line, line) == 0))
		return;
	add_history(line);
	if (path == NULL)
		return;
	saved = mado_as_caller();
	dir = g_path_get_dirname(path);
	if (g_mkdir_with_parents(dir, 0700) == 0) {
		if (append_history(1, path) != 0)
			write_history(path); /* the file did not exist yet */
		history_truncate_file(path, HISTORY_MAX);
	}
	g_free(dir);
	mado_as_program(saved);
}
