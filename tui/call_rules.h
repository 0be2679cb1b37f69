/* The writing rules (core/writing_rules.h) on the call screen
 * (tui/view_call.c): the rules read when a call starts, the findings of
 * its two texts, the notes the text area shows while one is written, and
 * the list of findings drawn under the fields. */
#ifndef MADO_CALL_RULES_H
#define MADO_CALL_RULES_H

#include <glib.h>
#include <stdbool.h>

#include "core/writing_rules.h"
#include "tui/tui.h"

enum call_text { CALL_INQUIRY, CALL_RESPONSE, CALL_TEXTS };

struct call_rules {
	struct writing_rules *rules;   /* NULL: none (turned off, or the file is bad) */
	GArray *found[CALL_TEXTS];     /* a text's struct wr_finding, or NULL: not judged */
};

/* Reads the rules the configuration names. A bad file must not stop a
 * call being taken: the message line says it and the call is recorded
 * without rules. Free with call_rules_free(). */
void call_rules_load(struct call_rules *cr, struct tui *t);
void call_rules_free(struct call_rules *cr);

/* Judges text again: an empty text is not judged unless saving. */
void call_rules_recheck(struct call_rules *cr, enum call_text which, const char *text,
	bool saving);

/* The checks broken by both texts as last judged. */
int call_rules_count(const struct call_rules *cr);

/* The text area's notes for text being written as which: the checks it
 * breaks (once there is text), then the hints it does not follow yet. */
void call_rules_notes(const struct call_rules *cr, enum call_text which, const char *text,
	GArray *notes);

/* From row y: a blank row, a heading and the findings of both texts, as
 * many as fit up to row rows (the last row says how many more there are);
 * nothing when there are none. Returns the next free row. */
int call_rules_draw(const struct call_rules *cr, const struct painter *p, int y, int rows,
	int cols);

#endif
