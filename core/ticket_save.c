/* One transaction around the ticket operations an edit form needs. The
 * operations open their own transactions; inside ours, db_txn() joins
 * them to the outer one, so a refusal anywhere rolls back all. */
#include "ticket_save.h"

#include <string.h>

struct save_ctx {
	const struct actor *actor;
	const struct ticket_draft *d;
	const struct ticket_fields *f;
	const char *queue, *owner;
	int64_t id;
	char number[TICKET_NUMBER_MAX];
};

static int
update_fields(struct db *db, struct save_ctx *c, struct mado_err *e)
{
	if (c->f == NULL || c->f->n == 0)
		return MADO_OK;
	return ticket_update(db, c->actor, c->id, c->f->names, c->f->values, c->f->n, e);
}

static int
new_txn(struct db *db, void *p, struct mado_err *e)
{
	struct save_ctx *c = p;
	int st = ticket_create(db, c->actor, c->d, &c->id, c->number, e);

	return st != MADO_OK ? st : update_fields(db, c, e);
}

int
ticket_save_new(struct db *db, const struct actor *actor, const struct ticket_draft *d,
	const struct ticket_fields *f, int64_t *id, char number[TICKET_NUMBER_MAX],
	struct mado_err *e)
{
	struct save_ctx c = { .actor = actor, .d = d, .f = f };
	int st = db_txn(db, new_txn, &c, e);

	if (st != MADO_OK)
		return st;
	if (id != NULL)
		*id = c.id;
	if (number != NULL)
		memcpy(number, c.number, TICKET_NUMBER_MAX);
	return MADO_OK;
}

static int
edit_txn(struct db *db, void *p, struct mado_err *e)
{
	struct save_ctx *c = p;
	int st = update_fields(db, c, e);

	if (st == MADO_OK && (c->queue != NULL || c->owner != NULL))
		st = ticket_assign(db, c->actor, c->id, c->queue, c->owner, e);
	return st;
}

int
ticket_save_edit(struct db *db, const struct actor *actor, int64_t id,
	const struct ticket_fields *f, const char *queue, const char *owner,
	struct mado_err *e)
{
	struct save_ctx c = { .actor = actor, .f = f, .queue = queue, .owner = owner, .id = id };

	return db_txn(db, edit_txn, &c, e);
}
