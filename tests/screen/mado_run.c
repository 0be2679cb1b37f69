/* Around the harness: temporary directories, the mado programs run to
 * completion or in a terminal, waiting for a condition. See mado_run.h. */
#include "tests/screen/mado_run.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_ARGS = 64, READ_CHUNK = 4096 };

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fputs("mado_run: out of memory\n", stderr);
		abort();
	}
	return p;
}

static _Noreturn void
bail_out(const char *what, const char *detail)
{
	printf("Bail out! %s%s%s\n", what, detail[0] ? ": " : "", detail);
	fflush(stdout);
	exit(1);
}

const char *
mr_env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL || v[0] == '\0')
		bail_out("the test runner did not set", name);
	return v;
}

long long
mr_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *
mr_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *
mr_tempdir(const char *prefix)
{
	const char *base = getenv("TMPDIR");
	char *dir, *name;
	size_t n;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	n = strlen(prefix) + sizeof "-XXXXXX";
	name = xmalloc(n);
	snprintf(name, n, "%s-XXXXXX", prefix);
	dir = mr_path(base, name);
	free(name);
	if (mkdtemp(dir) == NULL)
		bail_out("cannot make a temporary directory", strerror(errno));
	return dir;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (remove(path) != 0)
		fprintf(stderr, "mado_run: cannot remove %s: %s\n", path, strerror(errno));
	return 0;
}

void
mr_remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

bool
mr_write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	size_t len = strlen(text), done = 0;
	ssize_t n;

	if (fd < 0) {
		fprintf(stderr, "mado_run: cannot write %s: %s\n", path, strerror(errno));
		return false;
	}
	while (done < len && ((n = write(fd, text + done, len - done)) > 0 || errno == EINTR))
		if (n > 0)
			done += (size_t)n;
	/* The mode asked for, whatever the umask took away. */
	if (fchmod(fd, mode) != 0 || close(fd) != 0 || done < len) {
		fprintf(stderr, "mado_run: cannot write %s\n", path);
		return false;
	}
	return true;
}

/* A settings file XDG_CONFIG_HOME/madoguchi/mado.conf under dir/name.
 * Returns "XDG_CONFIG_HOME=..." for mado's environment; caller frees. */
char *
mr_settings(const char *dir, const char *name, const char *text)
{
	char *home = mr_path(dir, name), *sub = mr_path(home, "madoguchi");
	char *file = mr_path(sub, "mado.conf");
	char *env = malloc(strlen(home) + 32);

	if (env == NULL || mkdir(home, 0700) != 0 || mkdir(sub, 0700) != 0 ||
	    !mr_write_file(file, text, 0600))
		abort();
	sprintf(env, "XDG_CONFIG_HOME=%s", home);
	free(file);
	free(sub);
	free(home);
	return env;
}

/* ---- running programs to completion ---- */

static _Noreturn void
exec_child(const char *const argv[], int in, int out)
{
	if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0)
		_exit(126);
	execvp(argv[0], (char *const *)argv);
	_exit(errno == ENOENT ? 127 : 126);
}

static void
append(char **buf, size_t *len, const char *s, size_t n)
{
	char *p = realloc(*buf, *len + n + 1);

	if (p == NULL) {
		fputs("mado_run: out of memory\n", stderr);
		abort();
	}
	memcpy(p + *len, s, n);
	*len += n;
	p[*len] = '\0';
	*buf = p;
}

/* Writes input to fd_in and reads fd_out to its end at the same time, so
 * that neither the child nor we block on a full pipe. Closes both. */
static char *
exchange(int fd_in, const char *input, int fd_out)
{
	size_t in_len = input != NULL ? strlen(input) : 0, in_done = 0, len = 0;
	char *buf = NULL, chunk[READ_CHUNK];
	bool reading = true;

	append(&buf, &len, "", 0);
	if (in_len == 0) {
		close(fd_in);
		fd_in = -1;
	}
	while (reading || fd_in >= 0) {
		struct pollfd p[2] = { { .fd = reading ? fd_out : -1, .events = POLLIN },
			{ .fd = fd_in, .events = POLLOUT } };
		ssize_t n;

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents) {
			n = read(fd_out, chunk, sizeof chunk);
			if (n > 0)
				append(&buf, &len, chunk, (size_t)n);
			else if (n == 0 || errno != EINTR)
				reading = false;
		}
		if (fd_in >= 0 && p[1].revents) {
			n = write(fd_in, input + in_done, in_len - in_done);
			if (n > 0)
				in_done += (size_t)n;
			if ((n < 0 && errno != EINTR && errno != EAGAIN) || in_done == in_len) {
				close(fd_in);
				fd_in = -1;
			}
		}
	}
	if (fd_in >= 0)
		close(fd_in);
	close(fd_out);
	return buf;
}

static int
exit_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

int
mr_run(const char *const argv[], const char *input, char **out)
{
	int to_child[2], from_child[2], st;
	void (*old_pipe)(int);
	pid_t pid;
	char *text;

	if (pipe2(to_child, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(from_child, O_CLOEXEC) != 0) {
		close(to_child[0]);
		close(to_child[1]);
		return -1;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exec_child(argv, to_child[0], from_child[1]);
	close(to_child[0]);
	close(from_child[1]);
	if (pid < 0) {
		close(to_child[1]);
		close(from_child[0]);
		return -1;
	}
	/* A child that exits without reading its input must not kill us. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	text = exchange(to_child[1], input, from_child[0]);
	signal(SIGPIPE, old_pipe);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (out != NULL)
		*out = text;
	else
		free(text);
	return exit_status(st);
}

/* prefix... followed by rest...: a new NULL-terminated vector of borrowed
 * strings; caller frees the vector. */
static const char **
join_args(const char *const prefix[], const char *const rest[])
{
	const char **v = xmalloc(sizeof *v * MAX_ARGS);
	int n = 0;

	for (int i = 0; prefix[i] != NULL && n < MAX_ARGS - 1; i++)
		v[n++] = prefix[i];
	for (int i = 0; rest != NULL && rest[i] != NULL && n < MAX_ARGS - 1; i++)
		v[n++] = rest[i];
	v[n] = NULL;
	return v;
}

bool
mr_generate(const char *db, const char *const args[])
{
	/* "Today" pinned for madogen alone, so that a seed makes the same
	 * data on every day the tests run; mado keeps the real clock. */
	const char *const prefix[] = { "env", "MADO_NOW=" MR_GENERATED_AT, mr_env("MADOGEN"), "--db",
		db, NULL };
	const char **argv = join_args(prefix, args);
	char *out = NULL;
	/* Collected: a report on stdout would break the TAP stream. */
	int st = mr_run(argv, NULL, &out);

	free(argv);
	if (st != 0)
		fprintf(stderr, "madogen exited %d:\n%s", st, out != NULL ? out : "");
	free(out);
	return st == 0;
}

/* name=dir/sub in this process's environment. */
static void
set_dir(const char *name, const char *dir, const char *sub)
{
	char *path = mr_path(dir, sub);

	setenv(name, path, 1);
	free(path);
}

void
mr_fixture_new(struct mr_fixture *f, const char *prefix, const char *const gen_args[])
{
	f->dir = mr_tempdir(prefix);
	f->db = mr_path(f->dir, "test.db");
	setenv("HOME", f->dir, 1);
	set_dir("XDG_CONFIG_HOME", f->dir, "config");
	set_dir("XDG_DATA_HOME", f->dir, "data");
	set_dir("XDG_STATE_HOME", f->dir, "state");
	if (!mr_generate(f->db, gen_args)) {
		mr_remove_tree(f->dir);
		bail_out("madogen could not make the test database", f->db);
	}
}

void
mr_fixture_free(struct mr_fixture *f)
{
	mr_remove_tree(f->dir);
	free(f->dir);
	free(f->db);
	f->dir = f->db = NULL;
}

int
mr_cli(const char *db, const char *const args[], char **out)
{
	const char *const prefix[] = { mr_env("MADO"), "--db", db, NULL };
	const char **argv = join_args(prefix, args);
	int st = mr_run(argv, NULL, out);

	free(argv);
	return st;
}

bool
mr_set_role(const char *db, const char *role)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *const args[] = { "admin", "user", "role", pw != NULL ? pw->pw_name : "?",
		role, NULL };

	return pw != NULL && mr_cli(db, args, NULL) == 0;
}

char *
mr_sql(const char *db, const char *sql)
{
	const char *const argv[] = { "sqlite3", "-separator", "\t", db, sql, NULL };
	char *out = NULL;

	if (mr_run(argv, NULL, &out) != 0 || out == NULL)
		bail_out("sqlite3 could not read", db);
	return out;
}

struct vt *
mr_mado(const char *db, const char *const args[], const char *const env[], int rows, int cols)
{
	const char *const suffix[] = { "--db", db, NULL };
	const char **opts = join_args((const char *const[]){ mr_env("MADO"), NULL }, args);
	const char **argv = join_args(opts, suffix);
	struct vt *vt = vt_spawn(argv, env, rows, cols);

	free(opts);

	free(argv);
	if (vt == NULL)
		bail_out("cannot start mado in a terminal", "");
	return vt;
}

bool
mr_wait(struct vt *vt, bool (*cond)(struct vt *vt, void *arg), void *arg, int timeout_ms)
{
	long long deadline = mr_now_ms() + timeout_ms, left;

	while (!cond(vt, arg)) {
		left = deadline - mr_now_ms();
		if (left <= 0)
			return false;
		/* Nothing came: either the time is up or the child is gone;
		 * a last look decides. */
		if (vt_pump(vt, (int)left) == 0)
			return cond(vt, arg);
	}
	return true;
}

char *
mr_csv_field(const char *line, int index)
{
	const char *p = line;
	char *field = xmalloc(strlen(line) + 1);
	size_t n;

	for (int i = 0;; i++) {
		bool quoted = *p == '"';

		n = 0;
		if (quoted)
			p++;
		while (*p != '\0' && *p != '\n' && *p != '\r' && (quoted || *p != ',')) {
			if (quoted && *p == '"') {
				if (p[1] != '"') {
					p++;
					quoted = false;
					continue;
				}
				p++;
			}
			field[n++] = *p++;
		}
		field[n] = '\0';
		if (i == index)
			return field;
		if (*p != ',')
			break;
		p++;
	}
	free(field);
	return NULL;
}
