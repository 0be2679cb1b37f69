/* Users: single staff records through the same checks as an import. */
#include "master.h"

#include <glib.h>

#include "base/i18n.h"
#include "core/master_load.h"

#define USER_PAGE 500  /* staff rows fetched per statement by user_list() */

/* Puts one staff record given as (key, value) pairs; values left NULL are
 * not given. Problems become one message, "field: problem; ...". */
static int
put_staff(struct db *db, const struct actor *actor, enum put_mode mode,
	const char *const pairs[][2], size_t npairs, struct master_summary *sum,
	struct mado_err *e)
{
	const struct master_kind *k = master_kind_find("staff");
	struct load l;
	struct record *r;
	int st;

	load_init(&l, db, actor, k, mode);
	r = load_new_record(&l, 0);
	for (size_t p = 0; p < npairs; p++) {
		int i = master_column_index(k, pairs[p][0]);

		if (i >= 0 && pairs[p][1] != NULL)
			r->val[i] = g_strdup(pairs[p][1]);
	}
	load_check_record(&l, r, NULL);
	st = load_run(&l, e);
	if (l.probs->len > 0 && (st == MADO_OK || st == MADO_EDATA)) {
		GString *msg = g_string_new(NULL);

		for (guint i = 0; i < l.probs->len; i++) {
			const struct problem *pr = l.probs->pdata[i];

			g_string_append_printf(msg, "%s%s: %s", i ? "; " : "", pr->field, pr->msg);
		}
		st = mado_err_set(e, l.notfound ? MADO_ENOTFOUND : MADO_EDATA, "%s", msg->str);
		g_string_free(msg, TRUE);
	}
	*sum = l.sum;
	load_free(&l);
	return st;
}

int
user_add(struct db *db, const struct actor *actor, const struct user_spec *u,
	struct mado_err *e)
{
	const char *const pairs[][2] = {
		{ "login", u->login }, { "name", u->name }, { "name_kana", u->kana },
		{ "email", u->email }, { "department", u->department }, { "role", u->role },
		{ "lang", u->lang },
	};
	struct master_summary sum;
	int st = role_require(actor, ROLE_ADMIN, _("adding a user"), e);

	if (st != MADO_OK)
		return st;
	if (u->login == NULL || u->name == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("a user needs a login and a name"));
	return put_staff(db, actor, PUT_CREATE, pairs, sizeof pairs / sizeof pairs[0], &sum, e);
}

int
user_set_role(struct db *db, const struct actor *actor, const char *login, const char *role,
	bool *changed, struct mado_err *e)
{
	const char *const pairs[][2] = { { "login", login }, { "role", role } };
	struct master_summary sum;
	int st = role_require(actor, ROLE_ADMIN, _("changing a role"), e);

	*changed = false;
	if (st != MADO_OK)
		return st;
	/* An empty role would silently mean the default; say what is wrong instead. */
	if (role_parse(role) == ROLE_NONE)
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a role (staff, operator,"
			" supervisor, admin)"), role);
	st = put_staff(db, actor, PUT_UPDATE, pairs, sizeof pairs / sizeof pairs[0], &sum, e);
	*changed = st == MADO_OK && sum.updated > 0;
	return st;
}

struct user_page {
	staff_row_fn fn;
	void *ctx;
	char *last;  /* login of the last row seen (g_free) */
	int rows;
};

static int
user_page_row(const struct staff_row *row, void *p)
{
	struct user_page *pg = p;

	pg->rows++;
	g_free(pg->last);
	pg->last = g_strdup(row->login);
	return pg->fn(row, pg->ctx);
}

int
user_list(struct db *db, const struct actor *actor, staff_row_fn fn, void *ctx,
	struct mado_err *e)
{
	struct user_page pg = { .fn = fn, .ctx = ctx };
	int st = role_require(actor, ROLE_SUPERVISOR, _("listing users"), e);

	/* Page by login so no statement stays open while fn works. */
	while (st == MADO_OK) {
		pg.rows = 0;
		st = staff_list(db, pg.last ? pg.last : "", USER_PAGE, user_page_row, &pg, e);
		if (pg.rows < USER_PAGE)
			break;
	}
	g_free(pg.last);
	return st;
}

