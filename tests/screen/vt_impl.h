/* What the three parts of the screen-test harness share and tests do not
 * see: the state of one terminal and the few functions that cross parts.
 * vt.c runs the child on its pseudo-terminal, vt_keys.c encodes keys,
 * vt_screen.c keeps the libvterm screen and reads it. */
#ifndef MADO_TESTS_VT_IMPL_H
#define MADO_TESTS_VT_IMPL_H

#include "tests/screen/vt.h"

#include <vterm.h>

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

/* realloc that aborts on out of memory (test code). */
void *vt_xrealloc(void *p, size_t size);

/* Queues bytes as input for the child; vt_flush_out writes them all,
 * reading the child's output meanwhile. False, with a message on stderr,
 * if they could not be written within 5 s. */
void vt_out_append(struct vt *vt, const char *s, size_t len);
bool vt_flush_out(struct vt *vt);

/* Makes vt's libvterm terminal and screen of rows x cols: UTF-8, the
 * alternate screen on, its replies queued as input for the child. */
void vt_screen_open(struct vt *vt, int rows, int cols);

#endif
