/* Inside the transaction: what needs the database (rows to update or
 * delete, references to other masters), then the changes with an audit
 * row per changed field. master_import() reads and applies a file. */
#include "master.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/master_load.h"
#include "db/audit_store.h"
#include "db/master_store.h"

/* Problems by line, then left to right, then in the order found. */
static int
problem_cmp(gconstpointer a, gconstpointer b)
{
	const struct problem *x = *(struct problem *const *)a, *y = *(struct problem *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
add_ref(const char *table, int64_t count, void *ctx)
{
	g_string_append_printf(ctx, "%s%s (%lld)", ((GString *)ctx)->len ? ", " : "", table,
		(long long)count);
}

static int
check_delete(struct load *l, struct record *r, struct mado_err *e)
{
	GString *users;
	char *key;
	int st;

	if (r->id == 0) {
		key = load_key_text(l, r);
		load_add_problem(l, r->line, l->order[0], l->k->cols[0].key,
			_("there is no %s '%s' to delete"), l->k->name, key);
		g_free(key);
		return MADO_OK;
	}
	users = g_string_new(NULL);
	st = master_store_references(l->db, l->k->name, r->id, add_ref, users, e);
	if (st == MADO_OK && users->len > 0) {
		key = load_key_text(l, r);
		load_add_problem(l, r->line, l->order[l->k->ncols], MASTER_DELETE_COLUMN,
			_("%s '%s' is still used by %s; set active to 0 instead"),
			l->k->name, key, users->str);
		g_free(key);
	}
	g_string_free(users, TRUE);
	return st;
}

/* Looks up the row r names, then checks what depends on the database:
 * that it exists (or not) as the mode wants, that every reference names
 * an existing row, and that a row to delete is no longer used. */
static int
check_in_db(struct load *l, struct record *r, struct mado_err *e)
{
	const struct master_kind *k = l->k;
	int st = master_store_get(l->db, k->name, (const char *const *)r->val, l->nkey,
		k->ncols, &r->id, &r->old, e);

	if (st == MADO_ENOTFOUND)
		mado_err_clear(e);
	else if (st != MADO_OK)
		return st;
	if (r->del)
		return check_delete(l, r, e);
	if (l->mode != PUT_UPSERT && (r->id != 0) != (l->mode == PUT_UPDATE)) {
		char *key = load_key_text(l, r);

		if (r->id != 0)
			load_add_problem(l, r->line, l->order[0], k->cols[0].key,
				_("%s '%s' already exists"), k->name, key);
		else {
			load_add_problem(l, r->line, l->order[0], k->cols[0].key,
				_("there is no %s '%s'"), k->name, key);
			l->notfound = true;
		}
		g_free(key);
		return MADO_OK;
	}
	for (size_t i = 0; i < k->ncols; i++) {
		const struct master_column *c = &k->cols[i];
		const struct master_kind *to;
		int64_t id;

		if (r->id == 0 && r->val[i] == NULL && (c->flags & MC_REQUIRED))
			load_add_problem(l, r->line, l->order[i], c->key, _("a value is required"));
		/* A key that found its row needs no look-up of what it refers to. */
		if (c->ref == NULL || r->val[i] == NULL || r->bad[i] || r->val[i][0] == '\0'
			|| (i < l->nkey && r->id != 0))
			continue;
		to = master_kind_find(c->ref);
		st = master_store_get(l->db, to->name, (const char *const *)&r->val[i], 1,
			to->ncols, &id, NULL, e);
		if (st == MADO_ENOTFOUND) {
			mado_err_clear(e);
			load_add_problem(l, r->line, l->order[i], c->key,
				_("there is no %s with code '%s'"), to->name, r->val[i]);
		} else if (st != MADO_OK)
			return st;
	}
	return MADO_OK;
}

static int
audit_field(struct load *l, const char *action, int64_t id, const char *field,
	const char *old, const char *new_value, struct mado_err *e)
{
	struct audit_entry a = {
		.action = action, .entity = l->k->name, .entity_id = id, .field = field,
		.old_value = old, .new_value = new_value,
	};

	return actor_audit(l->db, l->actor, &a, e);
}

static int
apply_delete(struct load *l, struct record *r, struct mado_err *e)
{
	int st = MADO_OK;

	/* The audit keeps what the row held, so a deletion can be undone. */
	for (size_t i = 0; i < l->k->ncols && st == MADO_OK; i++)
		if (r->old[i][0] != '\0')
			st = audit_field(l, "delete", r->id, l->k->cols[i].key, r->old[i], NULL, e);
	if (st == MADO_OK)
		st = master_store_delete(l->db, l->k->name, r->id, e);
	if (st == MADO_OK)
		l->sum.deleted++;
	return st;
}

/* Inserts or updates r: columns the file leaves out keep their stored
 * value (or take the default in a new row). */
static int
apply_put(struct load *l, struct record *r, struct mado_err *e)
{
	const struct master_kind *k = l->k;
	const char **v = g_new(const char *, k->ncols);
	size_t changed = 0;
	int st = MADO_OK;

	for (size_t i = 0; i < k->ncols; i++) {
		v[i] = r->val[i] ? r->val[i]
			: r->old ? r->old[i] : k->cols[i].def ? k->cols[i].def : "";
		changed += r->old == NULL || strcmp(v[i], r->old[i]) != 0;
	}
	if (r->id == 0) {
		st = master_store_insert(l->db, k->name, v, k->ncols, &r->id, e);
		for (size_t i = 0; i < k->ncols && st == MADO_OK; i++)
			if (v[i][0] != '\0')
				st = audit_field(l, "create", r->id, k->cols[i].key, NULL, v[i], e);
		l->sum.added += st == MADO_OK;
	} else if (changed > 0) {
		st = master_store_update(l->db, k->name, r->id, v, k->ncols, e);
		for (size_t i = 0; i < k->ncols && st == MADO_OK; i++)
			if (strcmp(v[i], r->old[i]) != 0)
				st = audit_field(l, "update", r->id, k->cols[i].key, r->old[i], v[i], e);
		l->sum.updated += st == MADO_OK;
	} else
		l->sum.unchanged++;
	g_free(v);
	return st;
}

/* The unit of work. db_txn() may run it again after a busy database, so
 * it first forgets whatever an earlier attempt found. */
static int
load_txn(struct db *db, void *p, struct mado_err *e)
{
	struct load *l = p;
	int st = MADO_OK;

	g_ptr_array_set_size(l->probs, l->nstatic);
	memset(&l->sum, 0, sizeof l->sum);
	l->notfound = false;
	for (guint i = 0; i < l->recs->len; i++) {
		struct record *r = l->recs->pdata[i];

		master_values_free(r->old);
		r->old = NULL;
		r->id = 0;
	}
	for (guint i = 0; i < l->recs->len && st == MADO_OK; i++) {
		struct record *r = l->recs->pdata[i];

		if (!r->key_bad)
			st = check_in_db(l, r, e);
	}
	if (st == MADO_OK && l->probs->len > 0)
		return mado_err_set(e, MADO_EDATA, "%u problems", l->probs->len);
	for (guint i = 0; i < l->recs->len && st == MADO_OK; i++) {
		struct record *r = l->recs->pdata[i];

		st = r->del ? apply_delete(l, r, e) : apply_put(l, r, e);
	}
	return st;
}

int
load_run(struct load *l, struct mado_err *e)
{
	int st;

	l->nstatic = l->probs->len;
	st = db_txn(l->db, load_txn, l, e);
	g_ptr_array_sort(l->probs, problem_cmp);
	return st;
}

int
master_import(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, const char *name, enum csv_encoding enc, master_error_fn on_error,
	void *ctx, struct master_summary *sum, struct mado_err *e)
{
	struct load l;
	bool usable, read_ok;
	int st = master_may_import(actor, e);

	memset(sum, 0, sizeof *sum);
	if (st != MADO_OK)
		return st;
	load_init(&l, db, actor, kind, PUT_UPSERT);
	st = load_read_file(&l, fp, name, enc, &usable, e);
	read_ok = st == MADO_OK;
	if (read_ok && usable)
		st = load_run(&l, e);
	else
		g_ptr_array_sort(l.probs, problem_cmp);
	for (guint i = 0; i < l.probs->len; i++) {
		const struct problem *pr = l.probs->pdata[i];

		on_error(pr->line, pr->field, pr->msg, ctx);
	}
	/* A CSV syntax error keeps its own message, as does a database failure. */
	if (read_ok && l.probs->len > 0 && (st == MADO_OK || st == MADO_EDATA))
		st = mado_err_set(e, MADO_EDATA,
			ngettext("%s: %u error; nothing was imported",
				"%s: %u errors; nothing was imported", l.probs->len),
			name, l.probs->len);
	if (st == MADO_OK)
		*sum = l.sum;
	load_free(&l);
	return st;
}
