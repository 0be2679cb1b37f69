/* Screen-test harness, the process: a child on a pseudo-terminal, its
 * output read into the libvterm screen (vt_screen.c), its input written,
 * waiting for pictures, resizing, and its end. See vt.h. */
#include "tests/screen/vt_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum {
	READ_CHUNK = 4096,
	PUMP_MAX = 1 << 20,	/* a child that never stops writing must not hold vt_pump */
	SEND_TIMEOUT_MS = 5000,
	HUP_WAIT_MS = 2000,
	TERM_WAIT_MS = 1000,
	KILL_WAIT_MS = 5000,
	REAP_POLL_MS = 10,	/* only without pidfd_open, which wakes us on exit */
};

void *
vt_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL) {
		fputs("vt: out of memory\n", stderr);
		abort();
	}
	return p;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until deadline, as poll() wants them. */
static int
remaining(long long deadline)
{
	long long left = deadline - now_ms();

	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

static long long
deadline_in(int timeout_ms)
{
	return now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
}

/* poll() that carries on after a signal with the time that is left. */
static int
poll_for(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	long long deadline = deadline_in(timeout_ms);
	int r;

	while ((r = poll(fds, n, remaining(deadline))) < 0 && errno == EINTR)
		;
	return r;
}

/* ---- child environment ---- */

static size_t
env_name_len(const char *entry)
{
	return strcspn(entry, "=");
}

/* Removes entry's name from env, then adds entry if it has a value. */
static void
env_apply(const char **env, size_t *n, const char *entry)
{
	size_t len = env_name_len(entry), i, kept = 0;

	for (i = 0; i < *n; i++)
		if (env_name_len(env[i]) != len || strncmp(env[i], entry, len) != 0)
			env[kept++] = env[i];
	*n = kept;
	if (entry[len] == '=')
		env[(*n)++] = entry;
}

static size_t
count_strings(const char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* The parent's environment with the defaults and extra applied; the strings
 * are borrowed. Newly allocated array; caller frees. */
static char **
child_env(const char *const extra[])
{
	static const char *const defaults[] = {
		"COLUMNS", "LINES", "NO_COLOR", "LANGUAGE",
		"TERM=xterm-256color", "LC_ALL=C.UTF-8", NULL,
	};
	size_t n = count_strings((const char *const *)environ), i;
	const char **env = vt_xrealloc(NULL, sizeof *env * (n + count_strings(defaults)
		+ count_strings(extra) + 1));

	memcpy(env, environ, sizeof *env * n);
	for (i = 0; defaults[i] != NULL; i++)
		env_apply(env, &n, defaults[i]);
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		env_apply(env, &n, extra[i]);
	env[n] = NULL;
	return (char **)env;
}

/* ---- spawning ---- */

/* A new pseudo-terminal of the given size: the master (non-blocking) is
 * returned, the slave is opened here too so the master never sees a hang-up
 * before the child has it. */
static int
open_pty(int rows, int cols, int *slave)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	struct termios tio;
	char name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (m < 0)
		return -1;
	if (grantpt(m) < 0 || unlockpt(m) < 0 || ptsname_r(m, name, sizeof name) != 0
	    || ioctl(m, TIOCSWINSZ, &ws) < 0
	    || fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK) < 0
	    || (*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		close(m);
		return -1;
	}
	/* So that the line discipline erases whole UTF-8 characters, as on a
	 * real UTF-8 terminal. */
	if (tcgetattr(*slave, &tio) == 0) {
		tio.c_iflag |= IUTF8;
		tcsetattr(*slave, TCSANOW, &tio);
	}
	return m;
}

static void
child_say(const char *s)
{
	ssize_t r = write(STDERR_FILENO, s, strlen(s));

	(void)r;
}

/* In the child: a new session whose controlling terminal is slave, the
 * signals a test runner may have ignored or blocked restored, then exec. */
static _Noreturn void
child_exec(int slave, const char *const argv[], char *const envp[])
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;
	int sig, err;

	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0
	    || dup2(slave, STDIN_FILENO) < 0 || dup2(slave, STDOUT_FILENO) < 0
	    || dup2(slave, STDERR_FILENO) < 0)
		_exit(126);
	execvpe(argv[0], (char *const *)argv, envp);
	err = errno;
	child_say("vt_spawn: cannot run ");
	child_say(argv[0]);
	child_say(err == ENOENT ? ": not found\r\n" : ": exec failed\r\n");
	_exit(err == ENOENT ? 127 : 126);
}

struct vt *
vt_spawn(const char *const argv[], const char *const envp_extra[], int rows, int cols)
{
	struct vt *vt;
	char **env;
	int slave;

	if (argv == NULL || argv[0] == NULL || rows < 1 || cols < 1
	    || rows > USHRT_MAX || cols > USHRT_MAX) {
		fputs("vt_spawn: no program or a bad size\n", stderr);
		return NULL;
	}
	vt = vt_xrealloc(NULL, sizeof *vt);
	*vt = (struct vt){ .pidfd = -1 };
	vt->master = open_pty(rows, cols, &slave);
	if (vt->master < 0) {
		fprintf(stderr, "vt_spawn: no pseudo-terminal: %s\n", strerror(errno));
		free(vt);
		return NULL;
	}
	/* Built before fork: the child only calls what is safe after fork. */
	env = child_env(envp_extra);
	vt->pid = fork();
	if (vt->pid == 0)
		child_exec(slave, argv, env);
	free(env);
	close(slave);
	if (vt->pid < 0) {
		fprintf(stderr, "vt_spawn: fork: %s\n", strerror(errno));
		close(vt->master);
		free(vt);
		return NULL;
	}
#ifdef SYS_pidfd_open
	vt->pidfd = (int)syscall(SYS_pidfd_open, vt->pid, 0);
#endif
	vt_screen_open(vt, rows, cols);
	return vt;
}

pid_t
vt_pid(const struct vt *vt)
{
	return vt->pid;
}

/* ---- output of the child, input for it ---- */

void
vt_out_append(struct vt *vt, const char *s, size_t len)
{
	if (vt->out_len + len > vt->out_cap) {
		vt->out_cap = (vt->out_len + len) * 2;
		vt->out = vt_xrealloc(vt->out, vt->out_cap);
	}
	memcpy(vt->out + vt->out_len, s, len);
	vt->out_len += len;
}

/* Reads what is waiting, up to about max bytes, into libvterm. A read error
 * on the master (EIO) means no process holds the terminal any more. */
static size_t
feed_waiting(struct vt *vt, size_t max)
{
	char buf[READ_CHUNK];
	size_t total = 0;
	ssize_t n;

	while (!vt->eof && total < max) {
		n = read(vt->master, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(vt->term, buf, (size_t)n);
			vt->bytes += (size_t)n;
			total += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		} else {
			vt->eof = true;
		}
	}
	return total;
}

/* Writes the pending input, reading the child's output meanwhile: a child
 * blocked writing to a full terminal reads no input. */
bool
vt_flush_out(struct vt *vt)
{
	long long deadline = deadline_in(SEND_TIMEOUT_MS);
	size_t done = 0;
	bool sent = true;

	while (sent && done < vt->out_len) {
		struct pollfd p = { .fd = vt->master, .events = POLLOUT | (vt->eof ? 0 : POLLIN) };
		ssize_t n;

		if (poll_for(&p, 1, remaining(deadline)) <= 0) {
			sent = false;
			break;
		}
		if (p.revents & POLLIN)
			feed_waiting(vt, PUMP_MAX);
		if (p.revents & POLLOUT) {
			n = write(vt->master, vt->out + done, vt->out_len - done);
			if (n > 0)
				done += (size_t)n;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				sent = false;
		} else if (!(p.revents & POLLIN)) {
			sent = false;
		}
	}
	vt->out_len = 0;
	if (!sent)
		fputs("vt: could not write input to the terminal\n", stderr);
	return sent;
}

size_t
vt_pump(struct vt *vt, int timeout_ms)
{
	struct pollfd p = { .fd = vt->master, .events = POLLIN };
	size_t n;

	if (vt->eof || poll_for(&p, 1, timeout_ms) <= 0)
		return 0;
	n = feed_waiting(vt, PUMP_MAX);
	if (vt->out_len > 0 && !vt->eof)
		vt_flush_out(vt);
	return n;
}

bool
vt_settle(struct vt *vt, int quiet_ms, int timeout_ms)
{
	long long deadline = deadline_in(timeout_ms);

	while (!vt->eof) {
		if (remaining(deadline) < quiet_ms)
			return false;
		if (vt_pump(vt, quiet_ms) == 0)
			return true;
	}
	return true;
}

size_t
vt_bytes(const struct vt *vt)
{
	return vt->bytes;
}

void
vt_bytes_reset(struct vt *vt)
{
	vt->bytes = 0;
}

bool
vt_send(struct vt *vt, const char *bytes)
{
	vt_out_append(vt, bytes, strlen(bytes));
	return vt_flush_out(vt);
}

/* ---- waiting ---- */

static bool
wait_until(struct vt *vt, const char *text, bool shown, int timeout_ms)
{
	long long deadline = deadline_in(timeout_ms);
	int left;

	for (;;) {
		if ((vt_find_row(vt, text) >= 0) == shown)
			return true;
		left = remaining(deadline);
		if (vt->eof || left == 0)
			return false;
		vt_pump(vt, left);
	}
}

bool
vt_wait_for(struct vt *vt, const char *text, int timeout_ms)
{
	return wait_until(vt, text, true, timeout_ms);
}

bool
vt_wait_gone(struct vt *vt, const char *text, int timeout_ms)
{
	return wait_until(vt, text, false, timeout_ms);
}

bool
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	if (rows < 1 || cols < 1 || rows > USHRT_MAX || cols > USHRT_MAX
	    || ioctl(vt->master, TIOCSWINSZ, &ws) < 0) {
		fprintf(stderr, "vt_resize: cannot set %dx%d\n", rows, cols);
		return false;
	}
	vterm_set_size(vt->term, rows, cols);
	return true;
}

/* ---- the end of the child ---- */

static int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

static bool
try_reap(struct vt *vt)
{
	pid_t r;
	int st;

	if (vt->reaped)
		return true;
	while ((r = waitpid(vt->pid, &st, WNOHANG)) < 0 && errno == EINTR)
		;
	if (r == vt->pid) {
		vt->reaped = true;
		vt->status = status_of(st);
	} else if (r < 0) {
		/* Reaped elsewhere (SIGCHLD ignored): the status is lost. */
		vt->reaped = true;
		vt->status = -1;
	}
	return vt->reaped;
}

static bool
terminal_open(const struct vt *vt)
{
	return vt->master >= 0 && !vt->eof;
}

/* Waits up to timeout_ms for the child to end, reading its output while the
 * terminal is open so that it is never stuck writing. */
static bool
reap_within(struct vt *vt, int timeout_ms)
{
	long long deadline = deadline_in(timeout_ms);
	struct pollfd p[2];
	nfds_t n;
	int left;

	while (!try_reap(vt)) {
		left = remaining(deadline);
		if (left == 0)
			return false;
		n = 0;
		if (vt->pidfd >= 0)
			p[n++] = (struct pollfd){ .fd = vt->pidfd, .events = POLLIN };
		else if (left > REAP_POLL_MS)
			left = REAP_POLL_MS;
		if (terminal_open(vt))
			p[n++] = (struct pollfd){ .fd = vt->master, .events = POLLIN };
		poll_for(p, n, left);
		if (terminal_open(vt))
			feed_waiting(vt, PUMP_MAX);
	}
	return true;
}

bool
vt_wait_exit(struct vt *vt, int timeout_ms)
{
	if (!reap_within(vt, timeout_ms))
		return false;
	/* The last output may still be on its way: a read of the master
	 * flushes it. Once only, since a grandchild may keep writing. */
	if (terminal_open(vt))
		feed_waiting(vt, PUMP_MAX);
	vt->out_len = 0;
	return true;
}

/* pid leads its own process group (setsid), so its children get sig too. */
static void
signal_group(const struct vt *vt, int sig)
{
	if (kill(-vt->pid, sig) < 0)
		kill(vt->pid, sig);
}

int
vt_close(struct vt *vt)
{
	int status;

	if (vt == NULL)
		return -1;
	if (vt->master >= 0)
		close(vt->master);
	vt->master = -1;
	if (!reap_within(vt, HUP_WAIT_MS)) {
		signal_group(vt, SIGTERM);
		if (!reap_within(vt, TERM_WAIT_MS)) {
			signal_group(vt, SIGKILL);
			if (!reap_within(vt, KILL_WAIT_MS))
				fprintf(stderr, "vt_close: process %ld does not end\n", (long)vt->pid);
		}
	}
	status = vt->reaped ? vt->status : -1;
	if (vt->pidfd >= 0)
		close(vt->pidfd);
	vterm_free(vt->term);
	free(vt->out);
	free(vt);
	return status;
}
