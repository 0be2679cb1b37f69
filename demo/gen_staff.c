/* Staff with logins: the demo user as an administrator, then fictional
 * people with unique logins such as s.tanaka. Roles: two admins, about a
 * tenth supervisors, a fifth ward staff (requesters), the rest operators
 * split between the IT help desk and the citizen contact center. */
#include "gen.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "demo/gen_text.h"
#include "demo/vocab.h"

static const char *const role_names[] = {
	[ROLE_G_STAFF] = "staff", [ROLE_G_OPERATOR] = "operator",
	[ROLE_G_SUPERVISOR] = "supervisor", [ROLE_G_ADMIN] = "admin",
};

/* Inserts one person unless the login exists; either way fills p->id. */
static int
staff_row(struct gen *g, struct gen_person *p, const char *login, const char *kana,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO staff(login, name, name_kana, email, department_id, role)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING RETURNING id", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, kana);
	db_bind_text(st, 4, p->email);
	db_bind_id(st, 5, g->dept_ids[p->dept]);
	db_bind_text(st, 6, role_names[p->role]);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		g->counts.staff++;
		return gen_audit(g, "staff", p->id, "login", login, e);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(g->db, rc, e, "staff");
	/* The login exists (an --append run): use that row as it is. */
	st = db_prepare(g->db, "SELECT id, name, role FROM staff WHERE login = ?1", e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 2);

		p->id = sqlite3_column_int64(st, 0);
		g_strlcpy(p->name, (const char *)sqlite3_column_text(st, 1), sizeof p->name);
		for (int r = ROLE_G_STAFF; r <= ROLE_G_ADMIN; r++)
			if (strcmp(role, role_names[r]) == 0)
				p->role = r;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MADO_OK : db_fail(g->db, rc, e, "staff");
}

static int
role_for(long i, long n)
{
	long supervisors = n / 10 > 2 ? n / 10 : 2, staff = n / 5;

	if (i < 2)
		return ROLE_G_ADMIN;
	if (i < 2 + supervisors)
		return ROLE_G_SUPERVISOR;
	if (i < 2 + supervisors + staff)
		return ROLE_G_STAFF;
	return ROLE_G_OPERATOR;
}

/* A login not yet taken in this run: s.tanaka, s.tanaka2, ... */
static void
unique_login(GHashTable *taken, const struct person_name *pn, char *out, size_t outsz)
{
	char base[48];

	person_login(pn, base, sizeof base);
	g_strlcpy(out, base, outsz);
	for (int k = 2; g_hash_table_contains(taken, out); k++)
		snprintf(out, outsz, "%s%d", base, k);
	g_hash_table_add(taken, g_strdup(out));
}

static size_t
dept_for(int role, long i, struct rng *r)
{
	if (role == ROLE_G_STAFF)
		return rng_below(r, v_ndepts);
	/* Operators alternate between the IT desk and the contact center. */
	return v_dept_index(role == ROLE_G_OPERATOR && i % 2 ? "1060" : "1030");
}

static int
demo_user(struct gen *g, struct mado_err *e)
{
	struct gen_person *p = &g->staff[g->nstaff];

	memset(p, 0, sizeof *p);
	g_strlcpy(p->name, g->o.me, sizeof p->name);
	snprintf(p->email, sizeof p->email, "%s@%s", g->o.me, GEN_DOMAIN);
	p->role = ROLE_G_ADMIN;
	p->dept = v_dept_index("1030");
	if (staff_row(g, p, g->o.me, "", e) != MADO_OK)
		return e->status;
	g->nstaff++;
	return MADO_OK;
}

/* The role lists later phases draw people from. */
static void
index_roles(struct gen *g)
{
	g->nworkers = g->noperators = g->napprovers = 0;
	for (size_t i = 0; i < g->nstaff; i++) {
		int role = g->staff[i].role;

		if (role != ROLE_G_STAFF)
			g->workers[g->nworkers++] = i;
		if (role == ROLE_G_OPERATOR)
			g->operators[g->noperators++] = i;
		if (role == ROLE_G_SUPERVISOR || role == ROLE_G_ADMIN)
			g->approvers[g->napprovers++] = i;
	}
}

int
gen_staff_rows(struct gen *g, struct rng *r, struct mado_err *e)
{
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int st;

	g->nstaff = 0;
	g_hash_table_add(taken, g_strdup(g->o.me));
	st = demo_user(g, e);
	for (long i = 0; st == MADO_OK && i < g->o.staff; i++) {
		struct gen_person *p = &g->staff[g->nstaff];
		struct person_name pn;
		char login[64], kana[64];

		memset(p, 0, sizeof *p);
		person_draw(&pn, r);
		unique_login(taken, &pn, login, sizeof login);
		person_name(&pn, p->name, sizeof p->name);
		person_kana(&pn, kana, sizeof kana);
		snprintf(p->email, sizeof p->email, "%s@%s", login, GEN_DOMAIN);
		p->role = role_for(i, g->o.staff);
		p->dept = dept_for(p->role, i, r);
		st = staff_row(g, p, login, kana, e);
		if (st == MADO_OK)
			g->nstaff++;
	}
	g_hash_table_destroy(taken);
	if (st == MADO_OK)
		index_roles(g);
	return st;
}
