/* TAP checks for screen tests: a failed check shows the screen in the log
 * (as "# " comments), so that a failure can be read without running it
 * again. Includes tests/tap.h. */
#ifndef MADO_TESTS_SCREEN_TAP_H
#define MADO_TESTS_SCREEN_TAP_H

#include "tests/tap.h"

#include "tests/screen/vt.h"

/* The longest a screen test waits for anything (the bound). */
enum { SCREEN_WAIT_MS = 10000 };

/* ok() that dumps vt's screen when cond is false. */
#define screen_ok(vt, cond, ...) \
	((void)(ok((cond), __VA_ARGS__) || (vt_dump(vt), 0)))

/* Waits for text on the screen as a check. */
#define waits_for(vt, text, ...) \
	screen_ok((vt), vt_wait_for((vt), (text), SCREEN_WAIT_MS), __VA_ARGS__)

#endif
