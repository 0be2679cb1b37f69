/* The user's own programs on private temporary files: long text in their
 * editor ($VISUAL, else $EDITOR, else vi), attachments in their viewer
 * (tui/viewer.h). Programs run with an argument vector (never a shell
 * string) and with the caller's own group for good (an installed mado is
 * setgid), and files are made with that group too. */
#ifndef MADO_EDITOR_H
#define MADO_EDITOR_H

#include <stddef.h>

#include "base/err.h"

struct tui;

/* Suspends the screen, edits initial, restores the screen. *out is newly
 * allocated (free()); unchanged text is not an error. */
int editor_run(struct tui *t, const char *initial, char **out, struct mado_err *e);

/* A file only the caller can read: a fresh directory (mode 0700) under the
 * temporary directory holding one file (mode 0600), both made with the
 * caller's group. */
struct user_file {
	char *dir, *path;        /* absolute; owned (g_free) */
	struct user_file *next;  /* in a list of kept files (struct tui) */
};

/* Makes a user_file named name (a plain name without '/', such as
 * attachment_clean_name() gives) holding len bytes of data. On failure
 * nothing is left behind. Free *out with user_file_remove(). */
int user_file_write(const char *name, const void *data, size_t len, struct user_file **out,
	struct mado_err *e);

/* Removes the file, whatever the program left beside it (an editor's
 * backup) and the directory, then frees f. NULL is allowed. */
void user_file_remove(struct user_file *f);

/* Keeps f until the client ends, for a program that returns before it is
 * done with the file (xdg-open hands it to a viewer): the list hangs off
 * t and user_files_remove_kept() removes them all. */
void user_file_keep(struct tui *t, struct user_file *f);
void user_files_remove_kept(struct tui *t);

/* Runs cmd, split into words as a shell would split them, with path as
 * its last argument, on the terminal: the screen is suspended meanwhile
 * and painted again afterwards, and the time spent is not idle time.
 * setting names where cmd comes from ("$PAGER") for the message when it
 * cannot be run (MADO_ECONFIG, MADO_ENOTFOUND); a failure exit or a
 * signal is MADO_EFAIL. */
int user_program_run(struct tui *t, const char *cmd, const char *setting, const char *path,
	struct mado_err *e);

#endif
