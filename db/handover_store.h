/* The supervisor's handover of a shift (table handover, one row per day
 * and shift) and the tickets it points out (handover_item). Writes run
 * inside the caller's db_txn(). */
#ifndef MADO_HANDOVER_STORE_H
#define MADO_HANDOVER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/report_daily_store.h"

/* The handover of (day, shift), made (empty) when missing: its id and
 * its note (newly allocated, caller frees). */
int handover_store_open(struct db *db, const char *day, const char *shift, int64_t staff_id,
	int64_t now, int64_t *id, char **note, struct mado_err *e);
int handover_store_set_note(struct db *db, int64_t id, const char *note, int64_t staff_id,
	int64_t now, struct mado_err *e);
/* Adds a ticket or changes its note; *old_note (newly allocated) is the
 * note it had, NULL when it was not there. */
int handover_store_pick(struct db *db, int64_t id, int64_t ticket_id, const char *note,
	char **old_note, struct mado_err *e);
/* MADO_ENOTFOUND (no message) when the ticket was not picked. */
int handover_store_unpick(struct db *db, int64_t id, int64_t ticket_id, struct mado_err *e);

/* The note of (day, shift) (newly allocated; "" when none), who wrote it
 * last (name, newly allocated) and when (0: never). */
int handover_store_note(struct db *db, const char *day, const char *shift, char **note,
	char **by, int64_t *at, struct mado_err *e);
/* The picked tickets, oldest first, each with its note. */
int handover_store_items(struct db *db, const char *day, const char *shift,
	shift_ticket_fn fn, void *ctx, struct mado_err *e);

#endif
