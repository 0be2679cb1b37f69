/* Saving a ticket from its edit form: a form changes fields that several
 * ticket operations own (the draft, ticket_update, ticket_assign), and
 * the operator expects all of it or none. These run those operations as
 * one transaction: every check of every operation still applies, and the
 * first refusal rolls everything back. */
#ifndef MADO_TICKET_SAVE_H
#define MADO_TICKET_SAVE_H

#include <stdint.h>

#include "core/ticket.h"

/* Fields as ticket_update() takes them (names and values, n of them). */
struct ticket_fields {
	const char *const *names;
	const char *const *values;
	int n;
};

/* Creates the ticket d describes and sets f (what the draft cannot
 * carry, such as an incident's impact or occurred time; n may be 0) in
 * the same transaction. id and number as for ticket_create(). */
int ticket_save_new(struct db *db, const struct actor *actor, const struct ticket_draft *d,
	const struct ticket_fields *f, int64_t *id, char number[TICKET_NUMBER_MAX],
	struct mado_err *e);

/* Changes f (n may be 0) and assigns queue and owner (as ticket_assign():
 * NULL leaves each unchanged; both NULL assigns nothing) in one
 * transaction. Nothing at all to change is not an error. */
int ticket_save_edit(struct db *db, const struct actor *actor, int64_t id,
	const struct ticket_fields *f, const char *queue, const char *owner,
	struct mado_err *e);

#endif
