#include "calllog_check.h"

#include "base/i18n.h"
#include "core/calllog_export.h"
#include "db/calllog_export_store.h"

int
calllog_check_text(const struct writing_rules *rules, const char *field, const char *text,
	struct mado_err *e)
{
	GArray *found = writing_rules_check(rules, field, text, mado_i18n_lang());
	int st = MADO_OK;

	for (guint i = 0; i < found->len && st == MADO_OK; i++) {
		const struct wr_finding *f = &g_array_index(found, struct wr_finding, i);
		char *said;

		if (f->kind != WR_CHECK || f->severity != WR_ERROR)
			continue;
		said = wr_finding_text(f);
		st = mado_err_set(e, MADO_EDATA, "%s: [%s] %s", field, f->rule, said);
		g_free(said);
	}
	g_array_unref(found);
	return st;
}

struct review {
	const struct writing_rules *rules;
	calllog_finding_fn fn;
	void *ctx;
	int64_t checked;
};

static int
review_text(struct review *rv, const struct calllog_export_row *r, const char *field,
	const char *text, struct mado_err *e)
{
	GArray *found = writing_rules_check(rv->rules, field, text, mado_i18n_lang());
	int st = MADO_OK;

	for (guint i = 0; i < found->len && st == MADO_OK; i++) {
		struct calllog_finding f = { r->receipt_no, r->started_at, field,
			&g_array_index(found, struct wr_finding, i) };

		if (f.finding->kind == WR_CHECK)
			st = rv->fn(&f, rv->ctx, e);
	}
	g_array_unref(found);
	return st;
}

static int
review_row(const struct calllog_export_row *r, void *ctx, struct mado_err *e)
{
	struct review *rv = ctx;
	int st;

	if (r->wrapup_at == 0)
		return MADO_OK;
	rv->checked++;
	st = review_text(rv, r, "inquiry_text", r->inquiry_text, e);
	return st == MADO_OK ? review_text(rv, r, "response_text", r->response_text, e) : st;
}

int
calllog_check_range(struct db *db, const struct actor *actor,
	const struct writing_rules *rules, int64_t from, int64_t to, calllog_finding_fn fn,
	void *ctx, int64_t *checked, struct mado_err *e)
{
	struct review rv = { rules, fn, ctx, 0 };
	int64_t at = 0, id = 0;
	int st = role_require(actor, ROLE_OPERATOR, _("reviewing call logs"), e);

	if (st == MADO_OK && to <= from)
		st = mado_err_set(e, MADO_EUSAGE, _("date range: the end must come after the start"));
	/* Keyset pages, as the export reads them: memory stays one page. */
	for (int n = CALLLOG_EXPORT_PAGE; st == MADO_OK && n == CALLLOG_EXPORT_PAGE;)
		st = calllog_export_page(db, from, to, at, id, CALLLOG_EXPORT_PAGE, review_row, &rv,
			&at, &id, &n, e);
	if (checked != NULL)
		*checked = rv.checked;
	return st;
}
