#include "term.h"

#include <curses.h>
#include <stdlib.h>

#include "keymaps/keymap.h"

/* ncurses' SCREEN under a name of ours, so callers need no curses.h. */
struct screen;

struct screen *
term_open(int *rows, int *cols)
{
	SCREEN *s;

	/* Esc alone must not wait a second for a sequence to follow. */
	set_escdelay(25);
	if ((s = newterm(NULL, stdout, stdin)) == NULL)
		return NULL;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	term_size(rows, cols);
	return (struct screen *)s;
}

void
term_close(struct screen *s)
{
	if (!isendwin())
		endwin();
	delscreen((SCREEN *)s);
}

void
term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

static uint32_t
named(int k)
{
	switch (k) {
	case KEY_UP: return MK_UP;
	case KEY_DOWN: return MK_DOWN;
	case KEY_LEFT: return MK_LEFT;
	case KEY_RIGHT: return MK_RIGHT;
	case KEY_PPAGE: return MK_PAGEUP;
	case KEY_NPAGE: return MK_PAGEDOWN;
	case KEY_HOME: return MK_HOME;
	case KEY_END: return MK_END;
	case KEY_ENTER: return MK_ENTER;
	case KEY_BTAB: return MK_BACKTAB;
	case KEY_BACKSPACE: return MK_BACKSPACE;
	case KEY_DC: return MK_DELETE;
	default:
		if (k >= KEY_F(1) && k <= KEY_F(12))
			return MK_F1 + (uint32_t)(k - KEY_F(1));
		return 0;
	}
}

enum term_read
term_read_key(uint32_t *key)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return TERM_NONE;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			return TERM_RESIZE;
		*key = named((int)wc);
		return *key != 0 ? TERM_KEY : TERM_NONE;
	}
	switch (wc) {
	case '\r': case '\n': *key = MK_ENTER; break;
	case 27: *key = MK_ESC; break;
	case '\t': *key = MK_TAB; break;
	case 127: case 8: *key = MK_BACKSPACE; break;
	case 4: /* C-d on an empty screen is not end of input; keep it a key */
	default: *key = (uint32_t)wc; break;
	}
	return TERM_KEY;
}
