/* The screen-test harness checked on /bin/sh, without mado: text and wide
 * characters in cells, attributes, waiting, keys as xterm sends them,
 * resizing, byte counts, the environment and exit statuses. */
#include "tests/tap.h"

#include "tests/screen/vt.h"

#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void);

enum { WAIT_MS = 5000 };

static struct vt *
spawn_sh(const char *script, const char *const extra[], int rows, int cols)
{
	const char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct vt *vt = vt_spawn(argv, extra, rows, cols);

	if (vt == NULL) {
		printf("Bail out! vt_spawn failed\n");
		exit(1);
	}
	return vt;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Shows the screen in the TAP log when a check since failed_before failed. */
static void
dump_if_failed(struct vt *vt, int failed_before)
{
	if (tap_failed > failed_before)
		vt_dump(vt);
}

static void
row_is(struct vt *vt, int row, const char *want, const char *name)
{
	char *got = vt_row(vt, row);
	int failed = tap_failed;

	is_str(got, want, "%s", name);
	dump_if_failed(vt, failed);
	free(got);
}

static void
waits_for(struct vt *vt, const char *text, const char *name)
{
	if (!ok(vt_wait_for(vt, text, WAIT_MS), "%s", name))
		vt_dump(vt);
}

/* Lets the child finish, then closes: want is its exit status. */
static void
exits_with(struct vt *vt, int want, const char *name)
{
	bool ended = vt_wait_exit(vt, WAIT_MS);
	int status;

	if (!ended) {
		printf("# still running after %d ms\n", WAIT_MS);
		vt_dump(vt);
	}
	status = vt_close(vt);
	is_int(status, want, "%s", name);
}

static int
count_lines(const char *s)
{
	int n = 0;

	while ((s = strchr(s, '\n')) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* What vt_dump prints, caught through a temporary file. */
static char *
dump_text(struct vt *vt)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDOUT_FILENO);
	char *text = calloc(1, 4096);

	fflush(stdout);
	dup2(fileno(tmp), STDOUT_FILENO);
	vt_dump(vt);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(tmp);
	if (fread(text, 1, 4095, tmp) == 0)
		text[0] = '\0';
	fclose(tmp);
	return text;
}

static void
test_text(void)
{
	struct vt *vt = spawn_sh(
		"printf '漢字abc\\nplain\\n"
		"\\033[7mREV\\033[0m norm \\033[1mBOLD\\033[0m \\033[4mU\\033[0m \\033[31mRED\\033[0m\\n"
		"\\033[5;10Hmoved\\nＡｱx\\ne\\314\\201|\\n\\033[7m漢\\033[0m\\n'; printf done",
		NULL, 12, 40);
	int failed = tap_failed, row, col;
	char *s;

	waits_for(vt, "done", "text: the output arrives");
	row_is(vt, 0, "漢字abc", "text: a row with wide characters reads once each");
	is_int(vt_col_of(vt, 0, "abc"), 4, "text: abc after two wide characters is at column 4");
	is_int(vt_col_of(vt, 0, "字"), 2, "text: the second wide character is at column 2");
	is_int(vt_col_of(vt, 0, "漢字"), 0, "text: text at the start is at column 0");
	is_int(vt_col_of(vt, 0, "xyz"), -1, "text: absent text has column -1");
	row_is(vt, 1, "plain", "text: a plain row");
	is_int(vt_find_row(vt, "plain"), 1, "text: vt_find_row finds the row");
	is_int(vt_find_row(vt, "absent"), -1, "text: vt_find_row gives -1 for absent text");
	ok(vt_attr_reverse(vt, 2, 0) && !vt_attr_reverse(vt, 2, 4),
		"text: reverse video where \\e[7m was, not after \\e[0m");
	col = vt_col_of(vt, 2, "BOLD");
	ok(vt_attr_bold(vt, 2, col) && !vt_attr_reverse(vt, 2, col) && !vt_attr_bold(vt, 2, 0),
		"text: bold where \\e[1m was only");
	ok(vt_attr_underline(vt, 2, vt_col_of(vt, 2, "U")) && !vt_attr_underline(vt, 2, col),
		"text: underline where \\e[4m was only");
	ok(vt_attr_colored(vt, 2, vt_col_of(vt, 2, "RED")) && !vt_attr_colored(vt, 2, col)
		&& !vt_attr_colored(vt, 2, 0), "text: colour where \\e[31m was; reverse is not colour");
	row_is(vt, 4, "         moved", "text: cursor movement puts text at row 5 column 10");
	is_int(vt_col_of(vt, 5, "x"), 3, "text: full-width Ａ takes 2 cells, half-width ｱ one");
	row_is(vt, 6, "e\xcc\x81|", "text: a combining mark stays with its base");
	is_int(vt_col_of(vt, 6, "|"), 1, "text: a combining mark takes no cell");
	ok(vt_attr_reverse(vt, 7, 0) && vt_attr_reverse(vt, 7, 1) && !vt_attr_reverse(vt, 7, 2),
		"text: both halves of a reversed wide character are reverse");
	vt_cursor(vt, &row, &col);
	ok(row == 8 && col == 4, "text: the cursor is after 'done' (row %d col %d)", row, col);
	s = vt_screen(vt);
	ok(strncmp(s, "漢字abc\nplain\n", strlen("漢字abc\nplain\n")) == 0 && count_lines(s) == 11,
		"text: vt_screen joins the 12 rows with 11 newlines");
	free(s);
	s = dump_text(vt);
	ok(strstr(s, "# screen 12x40, cursor at row 8 col 4\n#  0|漢字abc\n#  1|plain\n") != NULL,
		"text: vt_dump prints the screen as TAP comments");
	free(s);
	s = vt_row(vt, 12);
	ok(vt_row(vt, -1) == NULL && s == NULL && !vt_attr_bold(vt, 12, 0) && !vt_attr_bold(vt, 0, 40),
		"text: rows and cells off the screen are refused");
	dump_if_failed(vt, failed);
	exits_with(vt, 0, "text: the child exits 0");
}

static void
test_waiting(void)
{
	struct vt *vt = spawn_sh("printf first; sleep 0.2; printf ' late'; sleep 0.2; "
		"printf '\\033[2J\\033[Hafter'", NULL, 5, 20);
	long long start = now_ms();

	ok(vt_wait_for(vt, "first late", WAIT_MS) && now_ms() - start >= 150,
		"wait: vt_wait_for waits for a delayed print");
	ok(vt_wait_gone(vt, "first", WAIT_MS), "wait: vt_wait_gone sees the screen cleared");
	waits_for(vt, "after", "wait: the text after the clear arrives");
	start = now_ms();
	ok(!vt_wait_for(vt, "never", WAIT_MS) && now_ms() - start < WAIT_MS - 1000,
		"wait: vt_wait_for gives up once the child has closed the terminal");
	exits_with(vt, 0, "wait: the child exits 0");

	vt = spawn_sh("printf xyz; read x", NULL, 5, 20);
	ok(vt_settle(vt, 100, WAIT_MS) && vt_find_row(vt, "xyz") == 0,
		"wait: vt_settle returns once the child is quiet");
	is_int(vt_close(vt), 128 + SIGHUP, "wait: closing the terminal hangs up a reading shell");

	{
		const char *argv[] = { "yes", NULL };

		vt = vt_spawn(argv, NULL, 5, 20);
		ok(vt != NULL && !vt_settle(vt, 100, 500), "wait: vt_settle fails on a child that never stops");
		ok(vt_close(vt) != 0, "wait: a never-ending child is ended by vt_close");
	}
}

static void
test_bytes(void)
{
	struct vt *vt = spawn_sh("stty -echo; printf 0123456789; read x; printf abcde", NULL, 5, 40);

	waits_for(vt, "0123456789", "bytes: the first output arrives");
	is_int(vt_bytes(vt), 10, "bytes: 10 bytes counted");
	vt_bytes_reset(vt);
	is_int(vt_bytes(vt), 0, "bytes: the count resets");
	vt_key(vt, "Enter");
	waits_for(vt, "0123456789abcde", "bytes: the second output arrives");
	exits_with(vt, 0, "bytes: the child exits 0");
}

static void
test_line_input(void)
{
	struct vt *vt = spawn_sh("read x; printf '[%s]' \"$x\"", NULL, 5, 40);

	ok(vt_send(vt, "hello 漢字字") && vt_key(vt, "BackSpace") && vt_key(vt, "Enter"),
		"input: text and keys are written");
	waits_for(vt, "[hello 漢字]", "input: the child read the line; BackSpace erased a whole wide character");
	exits_with(vt, 0, "input: the child exits 0");
}

/* A child that shows, as hex, each piece of input it reads: one key each
 * since every key is awaited before the next is sent. */
static struct vt *
spawn_key_reader(bool app_cursor)
{
	return spawn_sh(app_cursor
		? "stty raw -echo; printf '\\033[?1hready'; "
		  "while :; do x=$(dd bs=64 count=1 2>/dev/null | od -An -tx1); printf '\\033[H\\033[2J<%s>' \"$x\"; done"
		: "stty raw -echo; printf ready; "
		  "while :; do x=$(dd bs=64 count=1 2>/dev/null | od -An -tx1); printf '\\033[H\\033[2J<%s>' \"$x\"; done",
		NULL, 5, 60);
}

struct key_case {
	const char *name, *hex;
};

static void
keys_send(struct vt *vt, const char *mode, const struct key_case *keys, size_t n)
{
	char want[64];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(want, sizeof want, "<%s>", keys[i].hex);
		if (!ok(vt_key(vt, keys[i].name) && vt_wait_for(vt, want, WAIT_MS),
			"keys (%s): %s sends%s", mode, keys[i].name, keys[i].hex))
			vt_dump(vt);
	}
}

static void
test_keys(void)
{
	static const struct key_case normal[] = {
		{ "Up", " 1b 5b 41" }, { "Down", " 1b 5b 42" }, { "Right", " 1b 5b 43" },
		{ "Left", " 1b 5b 44" }, { "Home", " 1b 5b 48" }, { "End", " 1b 5b 46" },
		{ "PageUp", " 1b 5b 35 7e" }, { "PageDown", " 1b 5b 36 7e" },
		{ "Delete", " 1b 5b 33 7e" }, { "F1", " 1b 4f 50" }, { "F5", " 1b 5b 31 35 7e" },
		{ "F12", " 1b 5b 32 34 7e" }, { "BackSpace", " 7f" }, { "Enter", " 0d" },
		{ "Tab", " 09" }, { "S-Tab", " 1b 5b 5a" }, { "Esc", " 1b" }, { "C-x", " 18" },
		{ "C-m", " 0d" }, { "M-x", " 1b 78" }, { "C-Up", " 1b 5b 31 3b 35 41" },
		{ "あ", " e3 81 82" }, { "Space", " 20" }, { "q", " 71" },
	};
	static const struct key_case app[] = {
		{ "Up", " 1b 4f 41" }, { "Home", " 1b 4f 48" }, { "End", " 1b 4f 46" },
		{ "PageUp", " 1b 5b 35 7e" },
	};
	struct vt *vt = spawn_key_reader(false);

	waits_for(vt, "ready", "keys: the normal-mode reader is ready");
	keys_send(vt, "normal", normal, sizeof normal / sizeof normal[0]);
	ok(!vt_key(vt, "Bogus") && !vt_key(vt, "S-a") && !vt_key(vt, "C-é") && !vt_key(vt, "F13"),
		"keys: unknown names are refused");
	vt_close(vt);

	vt = spawn_key_reader(true);
	waits_for(vt, "ready", "keys: the application-mode reader is ready");
	keys_send(vt, "application cursor", app, sizeof app / sizeof app[0]);
	vt_close(vt);
}

static void
test_env(void)
{
	static const char script[] = "printf '%s|%s|%s|%s|%s%s%s|%s|%s' \"$TERM\" \"$LC_ALL\" "
		"\"${NO_COLOR-unset}\" \"${VT_SELFTEST-unset}\" "
		"\"${COLUMNS-unset}\" \"${LINES-unset}\" \"${LANGUAGE-unset}\" \"$(stty size)\" "
		"\"$( (exec 3</dev/tty) 2>/dev/null && echo ctty)\"";
	const char *const removed[] = { "VT_SELFTEST", NULL };
	const char *const added[] = { "TERM=vt100", "NO_COLOR=1", NULL };
	struct vt *vt;

	setenv("COLUMNS", "999", 1);
	setenv("LINES", "99", 1);
	setenv("NO_COLOR", "1", 1);
	setenv("LANGUAGE", "ja", 1);
	setenv("VT_SELFTEST", "inherited", 1);
	vt = spawn_sh(script, removed, 24, 80);
	waits_for(vt, "xterm-256color|C.UTF-8|unset|unset|unsetunsetunset|24 80|ctty",
		"env: default TERM and LC_ALL, the developer's settings dropped, a bare name removes, "
		"the size set, a controlling terminal");
	exits_with(vt, 0, "env: the child exits 0");
	vt = spawn_sh(script, added, 24, 80);
	waits_for(vt, "vt100|C.UTF-8|1|inherited|unsetunsetunset|24 80|ctty",
		"env: the parent's environment is inherited; envp_extra overrides and adds");
	exits_with(vt, 0, "env: the child exits 0");
	unsetenv("COLUMNS");
	unsetenv("LINES");
	unsetenv("NO_COLOR");
	unsetenv("LANGUAGE");
	unsetenv("VT_SELFTEST");
}

static void
test_resize(void)
{
	struct vt *vt = spawn_sh("trap 'printf \"now %s\\n\" \"$(stty size)\"; exit 0' WINCH; "
		"printf 'was %s\\nready\\n' \"$(stty size)\"; "
		"i=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; exit 1", NULL, 24, 80);
	int rows, cols;

	waits_for(vt, "was 24 80", "resize: the child starts at 24x80");
	waits_for(vt, "ready", "resize: the child traps SIGWINCH");
	ok(vt_resize(vt, 30, 100), "resize: vt_resize succeeds");
	waits_for(vt, "now 30 100", "resize: the child got SIGWINCH and sees 30x100");
	vt_size(vt, &rows, &cols);
	ok(rows == 30 && cols == 100, "resize: the screen is 30x100 too (%dx%d)", rows, cols);
	ok(!vt_resize(vt, 0, 10), "resize: a size of 0 rows is refused");
	exits_with(vt, 0, "resize: the child exits 0 from its trap");
}

static void
test_exit(void)
{
	const char *missing[] = { "/nonexistent/vt-selftest-program", NULL };
	struct vt *vt = spawn_sh("printf bye; exit 3", NULL, 5, 40);
	long long start;

	ok(vt_wait_exit(vt, WAIT_MS) && vt_find_row(vt, "bye") == 0,
		"exit: vt_wait_exit reads the last output");
	is_int(vt_close(vt), 3, "exit: vt_close returns the exit status");

	vt = vt_spawn(missing, NULL, 5, 80);
	waits_for(vt, "not found", "exit: a program that cannot run says so on the screen");
	exits_with(vt, 127, "exit: and exits 127");

	vt = spawn_sh("trap '' HUP; printf ready; sleep 30", NULL, 5, 40);
	waits_for(vt, "ready", "exit: a child ignoring SIGHUP has started");
	start = now_ms();
	is_int(vt_close(vt), 128 + SIGTERM, "exit: vt_close falls back to SIGTERM");
	ok(now_ms() - start < 4000, "exit: within the close timeouts");
	is_int(vt_close(NULL), -1, "exit: vt_close(NULL) is -1");
}

static void
test_screen_modes(void)
{
	struct vt *vt = spawn_sh("printf 'main\\a\\a\\033[?25l'; printf '\\033[?1049h\\033[Halt'; read x; "
		"printf '\\033[?1049l\\033[?25hback'; read y", NULL, 5, 40);

	waits_for(vt, "alt", "modes: the alternate screen shows");
	is_int(vt_bells(vt), 2, "modes: two bells counted");
	ok(!vt_cursor_visible(vt), "modes: the cursor is hidden");
	is_int(vt_find_row(vt, "main"), -1, "modes: the main screen is hidden");
	vt_key(vt, "Enter");
	waits_for(vt, "back", "modes: back on the main screen");
	is_int(vt_find_row(vt, "main"), 0, "modes: the main screen's text is back");
	ok(vt_cursor_visible(vt), "modes: the cursor shows again");
	vt_key(vt, "Enter");
	exits_with(vt, 0, "modes: the child exits 0");
}

int
main(void)
{
	test_text();
	test_waiting();
	test_bytes();
	test_line_input();
	test_keys();
	test_env();
	test_resize();
	test_exit();
	test_screen_modes();
	return tap_done();
}
