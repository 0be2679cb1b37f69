/* Private to the ticket module (core/ticket*.c): the checks and helpers
 * its operations share. Not for use outside core/ticket*.c. */
#ifndef MADO_TICKET_IMPL_H
#define MADO_TICKET_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/identity.h"

#define TICKET_SUBJECT_MAX 200

extern const char *const ticket_kinds[3];

bool ticket_kind_valid(const char *kind);

/* One line of text: valid UTF-8, no control characters (so it can never
 * break a mail header), not blank when required, at most max characters. */
int ticket_check_line(const char *field, const char *s, size_t max, bool required,
	struct mado_err *e);
/* Long text: valid UTF-8 and not too large. */
int ticket_check_text(const char *field, const char *s, struct mado_err *e);
/* A plain mail address, or empty. */
int ticket_check_email(const char *field, const char *s, struct mado_err *e);

/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (JST) to Unix seconds. */
bool ticket_parse_time(const char *s, int64_t *out);

/* One audit row about ticket id, in the caller's transaction. */
int ticket_audit(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *old_value, const char *new_value, struct mado_err *e);

/* Reads a field's old value, writes the new one and audits both, in the
 * caller's transaction; an unchanged value writes nothing. */
int ticket_change_value(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *value, struct mado_err *e);

#endif
