/* Screen-test harness: a child on a pseudo-terminal, its output fed to a
 * libvterm screen, keys encoded by libvterm so they follow the modes the
 * program sets. See vt.h. */
#include "tests/screen/vt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

enum {
	READ_CHUNK = 4096,
	PUMP_MAX = 1 << 20,	/* a child that never stops writing must not hold vt_pump */
	SEND_TIMEOUT_MS = 5000,
	HUP_WAIT_MS = 2000,
	TERM_WAIT_MS = 1000,
	KILL_WAIT_MS = 5000,
	REAP_POLL_MS = 10,	/* only without pidfd_open, which wakes us on exit */
	CELL_BYTES = VTERM_MAX_CHARS_PER_CELL * 4,
};

struct vt {
	pid_t pid;
	int master;		/* -1 once closed */
	int pidfd;		/* -1 when the kernel has no pidfd_open */
	bool eof;		/* no process holds the terminal any more */
	bool reaped;
	int status;		/* valid once reaped */
	VTerm *term;
	VTermScreen *screen;
	size_t bytes;
	int bells;
	bool cursor_visible;
	char *out;		/* input for the child, from vt_send, vt_key and libvterm's replies */
	size_t out_len, out_cap;
};

static void *
xrealloc(void *p, size_t size)
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

/* ---- UTF-8 ---- */

static size_t
utf8_encode(uint32_t c, char *s)
{
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xC0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (char)(0xE0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	s[0] = (char)(0xF0 | c >> 18);
	s[1] = (char)(0x80 | (c >> 12 & 0x3F));
	s[2] = (char)(0x80 | (c >> 6 & 0x3F));
	s[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Decodes one character at s; returns its length, 0 if s is empty or not
 * UTF-8 (overlong forms are not worth refusing in a test's key name). */
static size_t
utf8_decode(const char *s, uint32_t *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] < 0xE0) {
		len = 2;
		*c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] < 0xF0) {
		len = 3;
		*c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] < 0xF5) {
		len = 4;
		*c = u[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		*c = *c << 6 | (u[i] & 0x3F);
	}
	return len;
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
	const char **env = xrealloc(NULL, sizeof *env * (n + count_strings(defaults)
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

static void on_output(const char *s, size_t len, void *user);

static int
on_bell(void *user)
{
	struct vt *vt = user;

	vt->bells++;
	return 1;
}

static int
on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	struct vt *vt = user;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		vt->cursor_visible = val->boolean != 0;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.bell = on_bell,
	.settermprop = on_termprop,
};

static void
open_screen(struct vt *vt, int rows, int cols)
{
	vt->term = vterm_new(rows, cols);
	if (vt->term == NULL) {
		fputs("vt: out of memory\n", stderr);
		abort();
	}
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, on_output, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
	/* ncurses switches to the alternate screen and back, as on xterm. */
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	vt->cursor_visible = true;
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
	vt = xrealloc(NULL, sizeof *vt);
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
	open_screen(vt, rows, cols);
	return vt;
}

pid_t
vt_pid(const struct vt *vt)
{
	return vt->pid;
}

/* ---- output of the child, input for it ---- */

static void
out_append(struct vt *vt, const char *s, size_t len)
{
	if (vt->out_len + len > vt->out_cap) {
		vt->out_cap = (vt->out_len + len) * 2;
		vt->out = xrealloc(vt->out, vt->out_cap);
	}
	memcpy(vt->out + vt->out_len, s, len);
	vt->out_len += len;
}

/* libvterm's replies to the child's queries (cursor position, device
 * attributes) and the keys it encodes: all go to the child as input. */
static void
on_output(const char *s, size_t len, void *user)
{
	out_append(user, s, len);
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
static bool
flush_out(struct vt *vt)
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
		flush_out(vt);
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
	out_append(vt, bytes, strlen(bytes));
	return flush_out(vt);
}

/* ---- keys ---- */

static const struct {
	const char *name;
	VTermKey key;
} named_keys[] = {
	{ "Up", VTERM_KEY_UP }, { "Down", VTERM_KEY_DOWN },
	{ "Left", VTERM_KEY_LEFT }, { "Right", VTERM_KEY_RIGHT },
	{ "Home", VTERM_KEY_HOME }, { "End", VTERM_KEY_END },
	{ "PageUp", VTERM_KEY_PAGEUP }, { "PageDown", VTERM_KEY_PAGEDOWN },
	{ "Insert", VTERM_KEY_INS }, { "Delete", VTERM_KEY_DEL },
	{ "Enter", VTERM_KEY_ENTER }, { "Esc", VTERM_KEY_ESCAPE },
	{ "Tab", VTERM_KEY_TAB }, { "BackSpace", VTERM_KEY_BACKSPACE },
};

static VTermKey
key_by_name(const char *name)
{
	size_t i;
	char *end;
	long n;

	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(name, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n <= 12)
			return VTERM_KEY_FUNCTION(n);
	}
	return VTERM_KEY_NONE;
}

static VTermModifier
modifier_of(char c)
{
	switch (c) {
	case 'C': return VTERM_MOD_CTRL;
	case 'M': return VTERM_MOD_ALT;
	case 'S': return VTERM_MOD_SHIFT;
	default: return VTERM_MOD_NONE;
	}
}

/* Consumes the "C-", "M-", "S-" prefixes of *name; "C" or "-" alone stay
 * keys. */
static VTermModifier
strip_modifiers(const char **name)
{
	VTermModifier mod = VTERM_MOD_NONE;
	const char *s = *name;

	while (s[0] != '\0' && s[1] == '-' && s[2] != '\0' && modifier_of(s[0]) != VTERM_MOD_NONE) {
		mod |= modifier_of(s[0]);
		s += 2;
	}
	*name = s;
	return mod;
}

/* What xterm sends for Ctrl with c, or -1. libvterm's own encoding would
 * send CSI u for C-i, C-j, C-m and C-[, which ncurses does not read. */
static int
control_byte(uint32_t c)
{
	if (c == '?')
		return 0x7F;
	if (c == ' ')
		return 0;
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 1);
	if (c >= '@' && c <= '_')
		return (int)(c - '@');
	return -1;
}

/* One character with Ctrl and Meta (ESC first) as xterm sends them. */
static bool
key_char(struct vt *vt, const char *name, VTermModifier mod)
{
	char buf[8];
	size_t n = 0, len;
	uint32_t c;
	int ctl;

	len = utf8_decode(name, &c);
	if (len == 0 || name[len] != '\0' || (mod & VTERM_MOD_SHIFT))
		return false;
	if (mod & VTERM_MOD_ALT)
		buf[n++] = '\033';
	if (mod & VTERM_MOD_CTRL) {
		if ((ctl = control_byte(c)) < 0)
			return false;
		buf[n++] = (char)ctl;
	} else {
		n += utf8_encode(c, buf + n);
	}
	out_append(vt, buf, n);
	return true;
}

bool
vt_key(struct vt *vt, const char *name)
{
	const char *base = name;
	VTermModifier mod = strip_modifiers(&base);
	VTermKey key = key_by_name(base);

	if (strcmp(base, "Space") == 0)
		base = " ";
	if (key != VTERM_KEY_NONE) {
		vterm_keyboard_key(vt->term, key, mod);
	} else if (!key_char(vt, base, mod)) {
		fprintf(stderr, "vt_key: unknown key '%s'\n", name);
		return false;
	}
	return flush_out(vt);
}

/* ---- reading the screen ---- */

/* One row's text and, for each of its bytes, the column it is drawn in. */
struct row_text {
	char *s;
	int *col;
	size_t len;
};

static bool
get_cell(const struct vt *vt, int row, int col, VTermScreenCell *cell)
{
	int rows, cols;

	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows || col < 0 || col >= cols)
		return false;
	return vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, cell) != 0;
}

/* The right half of a wide character: libvterm marks it with chars[0] ==
 * (uint32_t)-1; a width of 0 after a wide cell means the same. */
static bool
is_continuation(const VTermScreenCell *cell, int prev_width)
{
	return cell->chars[0] == (uint32_t)-1 || (cell->width == 0 && prev_width == 2);
}

static bool
row_text(const struct vt *vt, int row, struct row_text *rt)
{
	VTermScreenCell cell;
	int rows, cols, c, prev_width = 1;
	size_t start, i;

	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows)
		return false;
	rt->s = xrealloc(NULL, (size_t)cols * CELL_BYTES + 1);
	rt->col = xrealloc(NULL, sizeof *rt->col * ((size_t)cols * CELL_BYTES + 1));
	rt->len = 0;
	for (c = 0; c < cols; c++) {
		if (!get_cell(vt, row, c, &cell) || is_continuation(&cell, prev_width)) {
			prev_width = 1;
			continue;
		}
		prev_width = cell.width;
		start = rt->len;
		if (cell.chars[0] == 0)
			rt->s[rt->len++] = ' ';
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0; i++)
			rt->len += utf8_encode(cell.chars[i], rt->s + rt->len);
		while (start < rt->len)
			rt->col[start++] = c;
	}
	while (rt->len > 0 && rt->s[rt->len - 1] == ' ')
		rt->len--;
	rt->s[rt->len] = '\0';
	return true;
}

char *
vt_row(const struct vt *vt, int row)
{
	struct row_text rt;

	if (!row_text(vt, row, &rt))
		return NULL;
	free(rt.col);
	return rt.s;
}

int
vt_col_of(const struct vt *vt, int row, const char *text)
{
	struct row_text rt;
	const char *at;
	int col = -1;

	if (text[0] == '\0' || !row_text(vt, row, &rt))
		return -1;
	at = strstr(rt.s, text);
	if (at != NULL)
		col = rt.col[at - rt.s];
	free(rt.s);
	free(rt.col);
	return col;
}

int
vt_find_row(const struct vt *vt, const char *text)
{
	int rows, cols, row;
	char *s;
	bool found;

	vterm_get_size(vt->term, &rows, &cols);
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		found = strstr(s, text) != NULL;
		free(s);
		if (found)
			return row;
	}
	return -1;
}

char *
vt_screen(const struct vt *vt)
{
	int rows, cols, row;
	char *all = NULL, *s;
	size_t len = 0, n;

	vterm_get_size(vt->term, &rows, &cols);
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		n = strlen(s);
		all = xrealloc(all, len + n + 2);
		memcpy(all + len, s, n);
		len += n;
		if (row + 1 < rows)
			all[len++] = '\n';
		free(s);
	}
	all = xrealloc(all, len + 1);
	all[len] = '\0';
	return all;
}

void
vt_dump(const struct vt *vt)
{
	int rows, cols, row, crow, ccol;
	char *s;

	vterm_get_size(vt->term, &rows, &cols);
	vt_cursor(vt, &crow, &ccol);
	printf("# screen %dx%d, cursor at row %d col %d%s\n", rows, cols, crow, ccol,
		vt->cursor_visible ? "" : " (hidden)");
	for (row = 0; row < rows; row++) {
		s = vt_row(vt, row);
		printf("# %2d|%s\n", row, s);
		free(s);
	}
	fflush(stdout);
}

/* The attributes of the cell, or of the character whose right half it is:
 * libvterm does not keep them on the right half. */
static bool
cell_at(const struct vt *vt, int row, int col, VTermScreenCell *cell)
{
	if (!get_cell(vt, row, col, cell))
		return false;
	if (col > 0 && cell->chars[0] == (uint32_t)-1)
		return get_cell(vt, row, col - 1, cell);
	return true;
}

bool
vt_attr_reverse(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.reverse;
}

bool
vt_attr_bold(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.bold;
}

bool
vt_attr_underline(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell) && cell.attrs.underline != VTERM_UNDERLINE_OFF;
}

bool
vt_attr_colored(const struct vt *vt, int row, int col)
{
	VTermScreenCell cell;

	return cell_at(vt, row, col, &cell)
		&& (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
}

void
vt_cursor(const struct vt *vt, int *row, int *col)
{
	VTermPos pos;

	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

bool
vt_cursor_visible(const struct vt *vt)
{
	return vt->cursor_visible;
}

int
vt_bells(const struct vt *vt)
{
	return vt->bells;
}

void
vt_size(const struct vt *vt, int *rows, int *cols)
{
	vterm_get_size(vt->term, rows, cols);
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
