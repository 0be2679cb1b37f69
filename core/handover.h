/* The supervisor's handover of a shift: a free-text note and the tickets
 * the next shift must not miss, each with a line of its own. Changing it
 * needs the supervisor role; each change is one transaction with its
 * audit rows (entity "handover"). The daily summary prints both. */
#ifndef MADO_HANDOVER_H
#define MADO_HANDOVER_H

#include "base/err.h"
#include "core/config_shift.h"
#include "core/identity.h"
#include "db/db.h"
#include "db/report_daily_store.h"

/* The day and shift a handover is about: day "YYYY-MM-DD" and a shift of
 * sh ("all" included). MADO_EUSAGE naming --date or --shift when wrong. */
struct handover_key {
	const struct shifts *sh;
	const char *day, *shift;
};

int handover_set_note(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *note, struct mado_err *e);
/* ticket: a ticket number or "#ID"; note may be NULL (none). */
int handover_pick(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *ticket, const char *note, struct mado_err *e);
int handover_unpick(struct db *db, const struct actor *actor, const struct handover_key *k,
	const char *ticket, struct mado_err *e);

/* Reading (operator and above): the note (newly allocated, "" when none;
 * caller frees), who wrote it last (newly allocated) and when (0: never),
 * then the picked tickets oldest first. */
int handover_read(struct db *db, const struct actor *actor, const struct handover_key *k,
	char **note, char **by, int64_t *at, shift_ticket_fn fn, void *ctx, struct mado_err *e);

#endif
