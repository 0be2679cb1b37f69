/* Long text in the user's own editor. An installed mado is setgid to the
 * group that owns the database, so everything here that touches a file or
 * starts a program does so with the caller's own group: the temporary
 * file is theirs, and the editor can never regain the program's group. */
#include "editor.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "tui/tui.h"

/* $VISUAL, else $EDITOR, else vi, split as a shell would split words but
 * never run by one; the file's path is the last argument. Taken from the
 * environment even when privileged: the editor runs as the caller. */
static int
editor_argv(const char *path, char ***argv, struct mado_err *e)
{
	const char *cmd = getenv("VISUAL");
	GError *gerr = NULL;
	int argc = 0;

	if (cmd == NULL || cmd[0] == '\0')
		cmd = getenv("EDITOR");
	if (cmd == NULL || cmd[0] == '\0')
		cmd = "vi";
	if (!g_shell_parse_argv(cmd, &argc, argv, &gerr)) {
		mado_err_set(e, MADO_ECONFIG, _("cannot read the editor command '%s': %s"), cmd,
			gerr->message);
		g_error_free(gerr);
		return e->status;
	}
	*argv = g_renew(char *, *argv, argc + 2);
	(*argv)[argc] = g_strdup(path);
	(*argv)[argc + 1] = NULL;
	return MADO_OK;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A new private file (mode 0600) in the temporary directory holding text;
 * *path is newly allocated (g_free). */
static int
write_temp(const char *text, char **path, struct mado_err *e)
{
	gid_t saved = mado_as_caller();
	int fd, err = 0;

	*path = g_build_filename(g_get_tmp_dir(), "mado-XXXXXX.txt", NULL);
	fd = mkstemps(*path, 4);
	if (fd < 0 || write_all(fd, text, strlen(text)) != 0)
		err = errno;
	if (fd >= 0 && close(fd) != 0 && err == 0)
		err = errno;
	if (fd >= 0 && err != 0)
		unlink(*path);
	mado_as_program(saved);
	if (err != 0)
		return mado_err_set(e, MADO_EIO, "%s: %s", *path, strerror(err));
	return MADO_OK;
}

/* In the child: the caller's group for good (real, effective and saved),
 * default signals, then the editor. A failure goes back through errfd. */
static void __attribute__((noreturn))
child(char **argv, int errfd)
{
	gid_t gid = getgid();
	int err;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (setresgid(gid, gid, gid) == 0 && getegid() == gid)
		execvp(argv[0], argv);
	err = errno;
	if (write(errfd, &err, sizeof err) < 0) {
		/* The parent then sees only the exit status. */
	}
	_exit(127);
}

static int
wait_editor(pid_t pid, int errfd, char **argv, struct mado_err *e)
{
	int err = 0, status = 0;
	ssize_t n;

	while ((n = read(errfd, &err, sizeof err)) < 0 && errno == EINTR)
		;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof err)
		return mado_err_set(e, err == ENOENT ? MADO_ENOTFOUND : MADO_ECONFIG,
			_("cannot run the editor '%s': %s (set $VISUAL or $EDITOR)"), argv[0],
			strerror(err));
	if (WIFSIGNALED(status))
		return mado_err_set(e, MADO_EFAIL, _("the editor '%s' was killed by signal %d;"
			" the text is unchanged"), argv[0], WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return mado_err_set(e, MADO_EFAIL, _("the editor '%s' exited with status %d;"
			" the text is unchanged"), argv[0], WEXITSTATUS(status));
	return MADO_OK;
}

/* Runs the editor and waits for it. Ctrl-C and Ctrl-\ belong to the
 * editor meanwhile; here they would end mado. */
static int
spawn(char **argv, struct mado_err *e)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	int fds[2], st;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return mado_err_set(e, MADO_EIO, "pipe: %s", strerror(errno));
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0)
		child(argv, fds[1]);
	close(fds[1]);
	if (pid < 0)
		st = mado_err_set(e, MADO_EFAIL, "fork: %s", strerror(errno));
	else
		st = wait_editor(pid, fds[0], argv, e);
	close(fds[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return st;
}

/* The edited text. Editors end the last line with a newline: one is taken
 * off again when the text had none. Text that is not UTF-8 is refused and
 * its file kept, so nothing written is lost. */
static int
read_back(const char *path, const char *initial, char **out, bool *keep,
	struct mado_err *e)
{
	gid_t saved = mado_as_caller();
	GError *gerr = NULL;
	gsize len = 0;
	char *text = NULL;
	bool ok = g_file_get_contents(path, &text, &len, &gerr);

	mado_as_program(saved);
	if (!ok) {
		mado_err_set(e, MADO_EIO, "%s", gerr->message);
		g_error_free(gerr);
		return e->status;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		g_free(text);
		*keep = true;
		return mado_err_set(e, MADO_EDATA, _("%s: the text is not valid UTF-8; the file"
			" is kept, nothing was changed"), path);
	}
	if (len > 0 && text[len - 1] == '\n' && !g_str_has_suffix(initial, "\n"))
		text[len - 1] = '\0';
	*out = text; /* GLib allocates with malloc: free() releases it */
	return MADO_OK;
}

int
editor_run(struct tui *t, const char *initial, char **out, struct mado_err *e)
{
	char *path = NULL, **argv = NULL;
	bool keep = false;
	int st;

	*out = NULL;
	if ((st = write_temp(initial, &path, e)) != MADO_OK) {
		g_free(path);
		return st;
	}
	if ((st = editor_argv(path, &argv, e)) == MADO_OK) {
		def_prog_mode();
		endwin();
		st = spawn(argv, e);
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	if (st == MADO_OK)
		st = read_back(path, initial, out, &keep, e);
	if (!keep) {
		gid_t saved = mado_as_caller();

		unlink(path);
		mado_as_program(saved);
	}
	/* Time spent writing is not idle time: no lock on the way back. */
	t->last_key_at = mado_monotonic_s();
	t->dirty |= DIRTY_ALL;
	g_strfreev(argv);
	g_free(path);
	return st;
}
