/* Screen-test harness: runs a real program in a real pseudo-terminal and
 * reads its screen through libvterm, as tmux regress/ does with a private
 * server and neovim with its screen pictures. Tests wait for text to appear
 * (vt_wait_for) and never sleep and hope.
 *
 * Coordinates are 0-based; a column is a screen cell, not a byte, so a wide
 * (Japanese) character takes two columns. libvterm gives East Asian
 * "ambiguous" characters (○ ※ ① ─) one cell, like xterm by default: programs
 * under test must run with the narrow ambiguous width to match.
 *
 * Reading functions (vt_row, vt_find_row, vt_attr_*, vt_cursor, ...) look at
 * the screen as last pumped; only vt_pump, vt_settle, the vt_wait_* functions
 * and the senders read more of the child's output.
 *
 * Every function aborts on out of memory: this is test code. */
#ifndef MADO_TESTS_VT_H
#define MADO_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct vt;

/* Starts argv (argv[0] looked up in the test's own PATH) as a session
 * leader whose controlling terminal is a new pseudo-terminal of rows x cols,
 * and a libvterm screen of the same size (UTF-8, alternate screen on).
 * The child's environment is the parent's, less what would make a test
 * depend on the developer's shell: COLUMNS and LINES (curses believes them
 * over the real size), NO_COLOR and LANGUAGE (gettext prefers it to LC_ALL);
 * then TERM=xterm-256color and LC_ALL=C.UTF-8; then envp_extra (may be
 * NULL): "NAME=value" sets or overrides, a bare "NAME" removes. The strings
 * are copied by the time vt_spawn returns. When exec fails the child writes
 * why to the terminal and exits 127 (not found) or 126. Returns NULL with a
 * message on stderr if the terminal or the process cannot be made. Owned by
 * the caller: end it with vt_close(). */
struct vt *vt_spawn(const char *const argv[], const char *const envp_extra[],
	int rows, int cols);

pid_t vt_pid(const struct vt *vt);

/* Waits up to timeout_ms for output, then reads all that is waiting (up to
 * 1 MiB) and feeds it to libvterm; answers the child's terminal queries.
 * Returns the number of bytes read: 0 on timeout or when no process holds
 * the terminal any more. */
size_t vt_pump(struct vt *vt, int timeout_ms);

/* Pumps until the child has been silent for quiet_ms; false if that did not
 * happen within timeout_ms. For measuring what one key costs (vt_bytes), not
 * for waiting on a picture: use vt_wait_for for that. */
bool vt_settle(struct vt *vt, int quiet_ms, int timeout_ms);

/* Bytes read from the child since vt_spawn or the last vt_bytes_reset. */
size_t vt_bytes(const struct vt *vt);
void vt_bytes_reset(struct vt *vt);

/* Writes bytes to the terminal as typed input, reading the child's output
 * meanwhile so neither side blocks; false if they could not all be written
 * within 5 s or the terminal is gone. */
bool vt_send(struct vt *vt, const char *bytes);

/* Sends one named key as xterm would, following the cursor-key mode the
 * program set (ncurses' keypad mode switches Up from ESC [ A to ESC O A).
 * Names: Up Down Left Right Home End PageUp PageDown Insert Delete Enter
 * Esc Tab BackSpace Space F1..F12, or one character ("q", "あ"); with any of
 * the prefixes "C-" (control), "M-" (meta: ESC first), "S-" (shift, for named
 * keys): "C-x", "M-x", "S-Tab", "C-Up". False, with a message on stderr, for
 * an unknown name or when the bytes cannot be written. */
bool vt_key(struct vt *vt, const char *name);

/* The text of one row as UTF-8, a wide character once, combining marks with
 * their base, blank cells as spaces, trailing spaces trimmed. NULL if row is
 * off the screen. Newly allocated; caller frees. */
char *vt_row(const struct vt *vt, int row);

/* The column (cell index) where the first occurrence of text (non-empty)
 * starts on row, or -1: how tests check alignment in cells. */
int vt_col_of(const struct vt *vt, int row, const char *text);

/* The first row (top down) containing text, or -1. */
int vt_find_row(const struct vt *vt, const char *text);

/* All rows as vt_row gives them, joined with '\n' (none after the last).
 * Newly allocated; caller frees. */
char *vt_screen(const struct vt *vt);

/* Prints the screen, its size and the cursor as TAP comments ("# ...") on
 * stdout: call it when an assertion fails. */
void vt_dump(const struct vt *vt);

/* Pumps until text is on some row (true) or timeout_ms has passed or the
 * terminal was closed by the child without it (false). Checks the screen
 * first: after a key, wait for text that the key brings, not text already
 * there. */
bool vt_wait_for(struct vt *vt, const char *text, int timeout_ms);

/* Pumps until text is on no row; false on timeout or when the terminal was
 * closed with it still shown. */
bool vt_wait_gone(struct vt *vt, const char *text, int timeout_ms);

/* Cell attributes; false for cells off the screen. For the right half of a
 * wide character they are those of the character. vt_attr_colored: the
 * foreground or the background is not the default one. */
bool vt_attr_reverse(const struct vt *vt, int row, int col);
bool vt_attr_bold(const struct vt *vt, int row, int col);
bool vt_attr_underline(const struct vt *vt, int row, int col);
bool vt_attr_colored(const struct vt *vt, int row, int col);

void vt_cursor(const struct vt *vt, int *row, int *col);
bool vt_cursor_visible(const struct vt *vt);

/* Bells (BEL) the child has rung so far. */
int vt_bells(const struct vt *vt);

void vt_size(const struct vt *vt, int *rows, int *cols);

/* Sets the terminal's size; the kernel sends SIGWINCH to the foreground
 * process group. libvterm takes the same size. False for a size below 1x1
 * or when the terminal is gone. */
bool vt_resize(struct vt *vt, int rows, int cols);

/* Pumps until the child has exited and been reaped (and its last output
 * read); false if it is still running after timeout_ms. Call it before
 * vt_close to see the status of a child that quits by itself. */
bool vt_wait_exit(struct vt *vt, int timeout_ms);

/* Closes the terminal without sending anything (the kernel hangs it up:
 * SIGHUP), waits for the child up to 2 s, then sends SIGTERM to its process
 * group and waits 1 s, then SIGKILL. Frees vt (NULL is ignored). Returns the
 * exit status, 128 + the signal number if a signal ended it, or -1 for NULL. */
int vt_close(struct vt *vt);

#endif
