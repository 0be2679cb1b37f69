#include "calllog.h"

#include <string.h>

#include "base/i18n.h"
#include "db/staff_store.h"

/* A page is read with one row more than asked for; that row is not
 * passed on but tells that another page follows. */
struct list_page {
	calllog_brief_fn fn;
	void *ctx;
	int left;
	bool *more;
};

static void
list_page_row(const struct calllog_brief *b, void *p)
{
	struct list_page *pg = p;

	if (pg->left == 0) {
		*pg->more = true;
		return;
	}
	pg->left--;
	pg->fn(b, pg->ctx);
}

/* An operator filter must name someone: a typo would otherwise show an
 * empty list that looks like a quiet day. */
static int
check_operator(struct db *db, const char *login, struct mado_err *e)
{
	struct staff_row row;
	int st = staff_by_login(db, login, &row, e);

	if (st == MADO_OK)
		staff_row_clear(&row);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EUSAGE, _("operator: no staff with login '%s'"), login);
	return st;
}

static int
check_filter(struct db *db, const struct calllog_filter *f, struct mado_err *e)
{
	if (f->limit < 1 || f->limit > CALLLOG_LIST_MAX)
		return mado_err_set(e, MADO_EUSAGE, _("limit: %d is out of range (1 to %d)"),
			f->limit, CALLLOG_LIST_MAX);
	if (f->since != 0 && f->until != 0 && f->until <= f->since)
		return mado_err_set(e, MADO_EUSAGE,
			_("date range: the end must come after the start"));
	return f->operator != NULL ? check_operator(db, f->operator, e) : MADO_OK;
}

int
calllog_list(struct db *db, const struct actor *actor, const struct calllog_filter *f,
	calllog_brief_fn fn, void *ctx, bool *more, struct mado_err *e)
{
	struct calllog_filter page = *f;
	struct list_page pg = { fn, ctx, f->limit, more };
	int st = role_require(actor, ROLE_OPERATOR, _("reading call logs"), e);

	*more = false;
	if (st == MADO_OK)
		st = check_filter(db, f, e);
	if (st != MADO_OK)
		return st;
	page.limit++;
	return calllog_list_page(db, &page, mado_i18n_lang(), list_page_row, &pg, e);
}

int
calllog_read(struct db *db, const struct actor *actor, int64_t id, struct calllog_row *row,
	struct mado_err *e)
{
	int st;

	memset(row, 0, sizeof *row);
	st = role_require(actor, ROLE_OPERATOR, _("reading call logs"), e);
	if (st == MADO_OK)
		st = calllog_by_id(db, id, mado_i18n_lang(), row, e);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_ENOTFOUND, _("no call log with id %lld"), (long long)id);
	return st;
}
