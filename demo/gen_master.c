/* Master data: departments, queues, the phone book, categories, FAQ
 * classes, vendors with their contacts, and the managed systems. Rows are
 * matched by code, so an --append run reuses what is already there and
 * audits only what it adds. */
#include "gen.h"

#include <stdio.h>
#include <string.h>

#include "db/audit_store.h"
#include "demo/gen_text.h"
#include "demo/vocab.h"

/* Inserts with the statement ins (bound by the caller, "... ON CONFLICT
 * DO NOTHING RETURNING id"); when the row exists already, finds its id
 * with find (one parameter: code, the value of the key column). Audits
 * new rows. */
static int
ensure(struct gen *g, sqlite3_stmt *ins, const char *find, const char *entity,
	const char *key, const char *code, int64_t *id, struct mado_err *e)
{
	int rc = sqlite3_step(ins);
	sqlite3_stmt *st;

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(ins, 0);
		sqlite3_reset(ins);
		g->counts.masters++;
		return gen_audit(g, entity, *id, key, code, e);
	}
	sqlite3_reset(ins);
	if (rc != SQLITE_DONE)
		return db_fail(g->db, rc, e, entity);
	st = db_prepare(g->db, find, e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(g->db, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, e, entity);
	return MADO_OK;
}

static int
departments(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_ndepts; i++) {
		const struct v_dept *d = &v_depts[i];
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO department(code, name, name_en, phone, email)"
			" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING RETURNING id", e);
		char phone[32], mail[64];
		int rc;

		if (st == NULL)
			return e->status;
		snprintf(phone, sizeof phone, "内線%d", d->ext);
		snprintf(mail, sizeof mail, "dept%s@%s", d->code, GEN_DOMAIN);
		db_bind_text(st, 1, d->code);
		db_bind_text(st, 2, d->name);
		db_bind_text(st, 3, d->name_en);
		db_bind_text(st, 4, phone);
		db_bind_text(st, 5, mail);
		rc = ensure(g, st,
			"SELECT id FROM department WHERE code = ?1", "department", "code",
			d->code, &g->dept_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

static int
queues(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_nqueues; i++) {
		const struct v_queue *q = &v_queues[i];
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO queue(code, name, department_id, email)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING RETURNING id", e);
		char mail[64];
		int rc;

		if (st == NULL)
			return e->status;
		snprintf(mail, sizeof mail, "%s@%s", q->code, GEN_DOMAIN);
		for (char *p = mail; *p != '@'; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		db_bind_text(st, 1, q->code);
		db_bind_text(st, 2, q->name);
		db_bind_id(st, 3, g->dept_ids[v_dept_index(q->dept)]);
		db_bind_text(st, 4, mail);
		rc = ensure(g, st,
			"SELECT id FROM queue WHERE code = ?1", "queue", "code", q->code,
			&g->queue_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

/* One transfer destination per section (係) of each department. */
static int
phonebook(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_ndepts; i++)
		for (int k = 0; k < 3 && v_depts[i].sections[k] != NULL; k++) {
			const struct v_dept *d = &v_depts[i];
			sqlite3_stmt *st = db_prepare(g->db,
				"INSERT INTO phonebook(code, name, department_id, phone, note)"
				" VALUES (?1, ?2, ?3, ?4, ?5)"
				" ON CONFLICT DO NOTHING RETURNING id", e);
			char code[16], name[128], phone[32];
			int rc;

			if (st == NULL)
				return e->status;
			snprintf(code, sizeof code, "PB%s%d", d->code, k + 1);
			snprintf(name, sizeof name, "%s %s", d->name, d->sections[k]);
			snprintf(phone, sizeof phone, "内線%d", d->ext + 1 + k);
			db_bind_text(st, 1, code);
			db_bind_text(st, 2, name);
			db_bind_id(st, 3, g->dept_ids[i]);
			db_bind_text(st, 4, phone);
			db_bind_text(st, 5, "平日 8:30〜17:15");
			rc = ensure(g, st,
				"SELECT id FROM phonebook WHERE code = ?1", "phonebook", "code",
				code, &g->phonebook_ids[i * 3 + (size_t)k], e);
			if (rc != MADO_OK)
				return rc;
		}
	return MADO_OK;
}

static int
categories(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_ncategories; i++) {
		const struct v_category *c = &v_categories[i];
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO category(code, name, scope, department_id)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING RETURNING id", e);
		int rc;

		if (st == NULL)
			return e->status;
		db_bind_text(st, 1, c->code);
		db_bind_text(st, 2, c->name);
		db_bind_text(st, 3, c->scope);
		db_bind_id(st, 4, g->dept_ids[v_dept_index(c->dept)]);
		rc = ensure(g, st,
			"SELECT id FROM category WHERE code = ?1", "category", "code", c->code,
			&g->category_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

static int
faq_classes(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_nfaq_classes; i++) {
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO faq_class(code, name) VALUES (?1, ?2)"
			" ON CONFLICT DO NOTHING RETURNING id", e);
		int rc;

		if (st == NULL)
			return e->status;
		db_bind_text(st, 1, v_faq_classes[i].code);
		db_bind_text(st, 2, v_faq_classes[i].name);
		rc = ensure(g, st,
			"SELECT id FROM faq_class WHERE code = ?1", "faq_class", "code",
			v_faq_classes[i].code, &g->faq_class_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

static int
vendors(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_nvendors; i++) {
		const struct v_vendor *v = &v_vendors[i];
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO vendor(code, name, phone, email) VALUES (?1, ?2, ?3, ?4)"
			" ON CONFLICT DO NOTHING RETURNING id", e);
		char phone[32], mail[96];
		int rc;

		if (st == NULL)
			return e->status;
		/* 03-0000-NNNN: Tokyo subscriber numbers never start with 0. */
		snprintf(phone, sizeof phone, "03-0000-%04zu", 1000 + i * 10);
		snprintf(mail, sizeof mail, "support@%s", v->domain);
		db_bind_text(st, 1, v->code);
		db_bind_text(st, 2, v->name);
		db_bind_text(st, 3, phone);
		db_bind_text(st, 4, mail);
		rc = ensure(g, st,
			"SELECT id FROM vendor WHERE code = ?1", "vendor", "code", v->code,
			&g->vendor_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

/* Vendor contacts have no code: they are matched by e-mail address. */
static int
contacts(struct gen *g, struct rng *r, struct mado_err *e)
{
	g->ncontacts = 0;
	for (size_t i = 0; i < v_nvendors; i++) {
		int n = (int)rng_range(r, 2, 3);

		for (int k = 0; k < n; k++) {
			struct gen_person *c = &g->contacts[g->ncontacts];
			sqlite3_stmt *st = db_prepare(g->db,
				"INSERT INTO vendor_contact(vendor_id, name, email, phone)"
				" SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS"
				" (SELECT 1 FROM vendor_contact WHERE email = ?3) RETURNING id", e);
			struct person_name p;
			char login[48], phone[32];
			int rc;

			if (st == NULL)
				return e->status;
			person_draw(&p, r);
			person_name(&p, c->name, sizeof c->name);
			person_login(&p, login, sizeof login);
			snprintf(c->email, sizeof c->email, "%s@%s", login, v_vendors[i].domain);
			snprintf(phone, sizeof phone, "03-0000-%04zu",
				1000 + i * 10 + (size_t)k + 1);
			c->dept = i;
			db_bind_id(st, 1, g->vendor_ids[i]);
			db_bind_text(st, 2, c->name);
			db_bind_text(st, 3, c->email);
			db_bind_text(st, 4, phone);
			rc = ensure(g, st, "SELECT id FROM vendor_contact WHERE email = ?1",
				"vendor_contact", "email", c->email, &c->id, e);
			if (rc != MADO_OK)
				return rc;
			g->ncontacts++;
		}
	}
	return MADO_OK;
}

static int
systems(struct gen *g, struct mado_err *e)
{
	for (size_t i = 0; i < v_nsystems; i++) {
		const struct v_system *s = &v_systems[i];
		sqlite3_stmt *st = db_prepare(g->db,
			"INSERT INTO managed_system(code, name, vendor_id, department_id)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING RETURNING id", e);
		char code[32];
		int rc;

		if (st == NULL)
			return e->status;
		snprintf(code, sizeof code, "SYS%03zu", i + 1);
		db_bind_text(st, 1, code);
		db_bind_text(st, 2, s->name);
		db_bind_id(st, 3, g->vendor_ids[v_vendor_index(s->vendor)]);
		db_bind_id(st, 4, g->dept_ids[v_dept_index(s->dept)]);
		rc = ensure(g, st,
			"SELECT id FROM managed_system WHERE code = ?1", "system", "code", code,
			&g->system_ids[i], e);
		if (rc != MADO_OK)
			return rc;
	}
	return MADO_OK;
}

/* The code lists come with the schema; the generator only reads them. */
static int
choices(struct gen *g, struct mado_err *e)
{
	static const char *const types[5] = {
		"inquiry", "request", "complaint", "transfer", "other",
	};
	static const char *const outcomes[4] = { "answered", "transferred", "callback", "other" };
	sqlite3_stmt *st = db_prepare(g->db,
		"SELECT id FROM choice WHERE list = ?1 AND code = ?2", e);

	if (st == NULL)
		return e->status;
	for (int i = 0; i < 9; i++) {
		int64_t *slot = i < 5 ? &g->contact_type_ids[i] : &g->outcome_ids[i - 5];

		sqlite3_reset(st);
		db_bind_text(st, 1, i < 5 ? "contact_type" : "outcome");
		db_bind_text(st, 2, i < 5 ? types[i] : outcomes[i - 5]);
		*slot = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	}
	sqlite3_reset(st);
	return MADO_OK;
}

struct master_run {
	struct gen *g;
	struct rng start;
};

static int
masters_txn(struct db *db, void *p, struct mado_err *e)
{
	struct master_run *m = p;
	struct gen *g = m->g;
	struct rng r = m->start; /* a retry draws the same names again */
	int st;

	(void)db;
	g->counts.masters = g->counts.staff = 0;
	st = departments(g, e);
	if (st == MADO_OK)
		st = queues(g, e);
	if (st == MADO_OK)
		st = phonebook(g, e);
	if (st == MADO_OK)
		st = categories(g, e);
	if (st == MADO_OK)
		st = faq_classes(g, e);
	if (st == MADO_OK)
		st = vendors(g, e);
	if (st == MADO_OK)
		st = contacts(g, &r, e);
	if (st == MADO_OK)
		st = systems(g, e);
	if (st == MADO_OK)
		st = choices(g, e);
	if (st == MADO_OK)
		st = gen_staff_rows(g, &r, e);
	return st;
}

int
gen_masters(struct gen *g, struct mado_err *e)
{
	struct master_run m = { .g = g };
	int st;

	/* The organisation does not depend on --seed: runs with other seeds
	 * (and --append runs) share the same people, and a larger --staff
	 * only adds people after the same first ones. */
	rng_seed(&m.start, GEN_ORG_SEED);
	st = db_txn(g->db, masters_txn, &m, e);
	if (st != MADO_OK)
		return st;
	g->counts.audit += g->counts.masters + g->counts.staff;
	fprintf(stderr, "madogen: masters: %ld new rows, %zu staff (%.1f s)\n",
		g->counts.masters + g->counts.staff, g->nstaff, gen_elapsed(g));
	return MADO_OK;
}
