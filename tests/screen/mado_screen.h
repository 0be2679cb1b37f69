/* Reading mado's screen as the operator sees it: the title on the first
 * row, a view below it (a list: its header on row 1, its rows from row 2),
 * the status line on the last row but one and the message line on the
 * last. Built on vt.h; no TAP here, so the benchmark can use it too. */
#ifndef MADO_TESTS_MADO_SCREEN_H
#define MADO_TESTS_MADO_SCREEN_H

#include <stdbool.h>

#include "tests/screen/vt.h"

/* The first row of a list's records, the row of its header. */
enum { MS_HEADER_ROW = 1, MS_FIRST_ROW = 2 };

int ms_status_row(const struct vt *vt);
int ms_message_row(const struct vt *vt);
/* The last row a list can use (above the status line). */
int ms_last_row(const struct vt *vt);

/* Whether text is on the given row. */
bool ms_row_has(const struct vt *vt, int row, const char *text);

/* Whether every cell of row is in reverse video. */
bool ms_row_reverse(const struct vt *vt, int row);

/* The list row shown selected (in reverse video across the screen), or
 * -1 when none is. */
int ms_selected_row(const struct vt *vt);

/* The first word of row (up to the first space): a record's number in a
 * list. Newly allocated; caller frees; "" for a blank row. */
char *ms_first_word(const struct vt *vt, int row);

/* Pumps until the selected row is row; false after timeout_ms. */
bool ms_wait_selected(struct vt *vt, int row, int timeout_ms);

/* Pumps until text is on row; false after timeout_ms. */
bool ms_wait_row(struct vt *vt, int row, const char *text, int timeout_ms);

/* Pumps until the first row holding key also holds text (a record's
 * number and its new status, a field's label and its value); false after
 * timeout_ms. */
bool ms_wait_row_with(struct vt *vt, const char *key, const char *text, int timeout_ms);

/* Pumps until shown is on the screen and gone is not (a picture that
 * replaces another); false after timeout_ms. */
bool ms_wait_swap(struct vt *vt, const char *shown, const char *gone, int timeout_ms);

/* Pumps until text is on the message line (the last row, painted last:
 * once a notice is there the rest of that picture is too); false after
 * timeout_ms. */
bool ms_wait_message(struct vt *vt, const char *text, int timeout_ms);

/* Pumps until text is on the status line; false after timeout_ms. */
bool ms_wait_status(struct vt *vt, const char *text, int timeout_ms);

/* Selects the n-th row (from 0) of the view shown: Home, then Down n
 * times (the fields of a form, the call screen). Sends keys only: wait
 * for what the selection shows. */
void ms_select_nth(struct vt *vt, int n);

/* The first n characters of s (fewer if s is shorter): what a test looks
 * for where a long text may be cut. Newly allocated; caller frees. */
char *ms_prefix(const char *s, int n);

#endif
