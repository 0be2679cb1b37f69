/* The user's own programs on private temporary files. An installed mado
 * is setgid to the group that owns the database, so everything here that
 * touches a file or starts a program does so with the caller's own group:
 * the temporary files are theirs, and the program can never regain the
 * program's group. */
#include "editor.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "tui/tui.h"

/* ---- private temporary files ---- */

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

static void
user_file_free(struct user_file *f)
{
	g_free(f->dir);
	g_free(f->path);
	g_free(f);
}

/* Removes everything in dir (programs leave backups and swap files
 * beside the file; nothing deeper) and dir itself. As the caller. */
static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) != 0 && errno == EISDIR)
			unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

/* The fresh directory and the file in it; errno on failure. */
static int
make_file(struct user_file *f, const char *name, const void *data, size_t len)
{
	int fd, err = 0;

	if (g_mkdtemp_full(f->dir, 0700) == NULL)
		return errno;
	f->path = g_build_filename(f->dir, name, NULL);
	fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, data, len) != 0)
		err = errno;
	if (fd >= 0 && close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0)
		remove_dir(f->dir);
	return err;
}

int
user_file_write(const char *name, const void *data, size_t len, struct user_file **out,
	struct mado_err *e)
{
	struct user_file *f = g_new0(struct user_file, 1);
	char *tmpl = g_build_filename(g_get_tmp_dir(), "mado-XXXXXX", NULL);
	gid_t saved = mado_as_caller();
	int err;

	/* Absolute, so the path given to a program never reads as an option. */
	f->dir = g_canonicalize_filename(tmpl, NULL);
	err = strchr(name, '/') != NULL || *name == '\0' ? EINVAL : make_file(f, name, data, len);
	mado_as_program(saved);
	g_free(tmpl);
	*out = NULL;
	if (err != 0) {
		mado_err_set(e, MADO_EIO, "%s: %s", f->path != NULL ? f->path : f->dir,
			strerror(err));
		user_file_free(f);
		return MADO_EIO;
	}
	*out = f;
	return MADO_OK;
}

void
user_file_remove(struct user_file *f)
{
	gid_t saved;

	if (f == NULL)
		return;
	saved = mado_as_caller();
	remove_dir(f->dir);
	mado_as_program(saved);
	user_file_free(f);
}

void
user_file_keep(struct tui *t, struct user_file *f)
{
	f->next = t->kept_files;
	t->kept_files = f;
}

void
user_files_remove_kept(struct tui *t)
{
	while (t->kept_files != NULL) {
		struct user_file *f = t->kept_files;

		t->kept_files = f->next;
		user_file_remove(f);
	}
}

/* ---- running a program as the caller ---- */

/* In the child: the caller's group for good (real, effective and saved),
 * default signals, no descriptor of ours open across exec (the database
 * is the program group's), then the program. A failure goes back through
 * errfd. */
static void __attribute__((noreturn))
child(char **argv, int errfd)
{
	gid_t gid = getgid();
	int err;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	/* SQLite opens its files close-on-exec already; this also covers any
	 * descriptor a library forgot. Old kernels lack it: that is no error. */
	close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	if (setresgid(gid, gid, gid) == 0 && getegid() == gid)
		execvp(argv[0], argv);
	err = errno;
	if (write(errfd, &err, sizeof err) < 0) {
		/* The parent then sees only the exit status. */
	}
	_exit(127);
}

static int
wait_child(pid_t pid, int errfd, char **argv, const char *setting, struct mado_err *e)
{
	int err = 0, status = 0;
	ssize_t n;

	while ((n = read(errfd, &err, sizeof err)) < 0 && errno == EINTR)
		;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof err)
		return mado_err_set(e, err == ENOENT ? MADO_ENOTFOUND : MADO_ECONFIG,
			_("cannot run '%s': %s (set %s)"), argv[0], strerror(err), setting);
	if (WIFSIGNALED(status))
		return mado_err_set(e, MADO_EFAIL, _("'%s' was killed by signal %d"), argv[0],
			WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return mado_err_set(e, MADO_EFAIL, _("'%s' exited with status %d"), argv[0],
			WEXITSTATUS(status));
	return MADO_OK;
}

/* Runs the program and waits for it. Ctrl-C and Ctrl-\ belong to the
 * program meanwhile; here they would end mado. */
static int
spawn(char **argv, const char *setting, struct mado_err *e)
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
		st = wait_child(pid, fds[0], argv, setting, e);
	close(fds[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return st;
}

int
user_program_run(struct tui *t, const char *cmd, const char *setting, const char *path,
	struct mado_err *e)
{
	GError *gerr = NULL;
	char **argv = NULL;
	int argc = 0, st;

	if (!g_shell_parse_argv(cmd, &argc, &argv, &gerr)) {
		mado_err_set(e, MADO_ECONFIG, _("cannot read the command '%s' (%s): %s"), cmd,
			setting, gerr->message);
		g_error_free(gerr);
		return MADO_ECONFIG;
	}
	argv = g_renew(char *, argv, argc + 2);
	argv[argc] = g_strdup(path);
	argv[argc + 1] = NULL;
	def_prog_mode();
	endwin();
	st = spawn(argv, setting, e);
	reset_prog_mode();
	/* The loop's next paint redraws it all (DIRTY_ALL): refreshing here
	 * would first send the stale picture over the wire. */
	clearok(curscr, TRUE);
	/* Time spent in the program is not idle time: no lock on the way back. */
	t->last_key_at = mado_monotonic_s();
	t->dirty |= DIRTY_ALL;
	g_strfreev(argv);
	return st;
}

/* ---- the editor ---- */

/* $VISUAL, else $EDITOR, else vi. Taken from the environment even when
 * privileged: the editor runs as the caller. */
static const char *
editor_command(void)
{
	const char *cmd = getenv("VISUAL");

	if (cmd == NULL || cmd[0] == '\0')
		cmd = getenv("EDITOR");
	return cmd != NULL && cmd[0] != '\0' ? cmd : "vi";
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
	struct user_file *f = NULL;
	bool keep = false;
	int st;

	*out = NULL;
	if ((st = user_file_write("mado.txt", initial, strlen(initial), &f, e)) != MADO_OK)
		return st;
	st = user_program_run(t, editor_command(), "$VISUAL or $EDITOR", f->path, e);
	if (st != MADO_OK)
		mado_err_prefix(e, "%s", _("the text is unchanged: "));
	else
		st = read_back(f->path, initial, out, &keep, e);
	if (keep)
		user_file_free(f);
	else
		user_file_remove(f);
	return st;
}
