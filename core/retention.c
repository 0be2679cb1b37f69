#include "retention.h"

#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/calllog_export.h"
#include "db/audit_store.h"
#include "db/calllog_export_store.h"

int
retention_calllog_years(struct db *db, int *years, struct mado_err *e)
{
	char *v = NULL, *end = NULL;
	long n;
	int st = setting_get_text(db, RETENTION_CALLLOG_KEY, &v, e);

	*years = RETENTION_CALLLOG_DEFAULT;
	if (st != MADO_OK || v == NULL)
		return st;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < 1 || n > 100)
		st = mado_err_set(e, MADO_ECONFIG,
			_("setting %s: '%s' is not a number of fiscal years (1 or more)"),
			RETENTION_CALLLOG_KEY, v);
	else
		*years = (int)n;
	free(v);
	return st;
}

char *
retention_archive_path(const char *dir, int fy)
{
	char *path = NULL;
	gid_t saved = mado_as_caller();

	for (int n = 1; path == NULL || g_file_test(path, G_FILE_TEST_EXISTS); n++) {
		char *name = n == 1 ? g_strdup_printf("calllog-FY%d.csv", fy)
			: g_strdup_printf("calllog-FY%d-%d.csv", fy, n);

		g_free(path);
		path = g_build_filename(dir, name, NULL);
		g_free(name);
	}
	mado_as_program(saved);
	return path;
}

int
retention_archive(struct db *db, const struct actor *actor, const struct retention_year *y,
	FILE *fp, struct mado_err *e)
{
	return calllog_export_csv(db, actor, y->from, y->to, CSV_UTF8_BOM, fp, NULL, e);
}

struct batch {
	const struct actor *actor;
	int fy, limit;
	int64_t from, to, count;
};

/* One transaction: the batch's rows, their links and the audit row that
 * says which receipt ids went. */
static int
batch_txn(struct db *db, void *ctx, struct mado_err *e)
{
	struct batch *b = ctx;
	char *first = NULL, *last = NULL, field[32], range[2 * 64 + 4], count[24];
	int st = calllog_delete_batch(db, b->from, b->to, b->limit, &b->count, &first, &last, e);

	if (st == MADO_OK && b->count > 0) {
		snprintf(field, sizeof field, "FY%d", b->fy);
		snprintf(range, sizeof range, "%s..%s", first, last);
		snprintf(count, sizeof count, "%" PRId64, b->count);
		st = actor_audit(db, b->actor, &(struct audit_entry){
			.action = "retention_delete", .entity = "calllog", .field = field,
			.old_value = range, .new_value = count }, e);
	}
	free(first);
	free(last);
	return st;
}

static int
purge_year(struct db *db, const struct actor *actor, const struct retention_opts *o,
	struct retention_year *y, struct mado_err *e)
{
	struct batch b = { .actor = actor, .fy = y->fy, .from = y->from, .to = y->to,
		.limit = o->batch > 0 ? o->batch : RETENTION_BATCH };
	int st = o->archive(y, o->ctx, e);

	/* Nothing is deleted unless its archive was written whole. */
	while (st == MADO_OK) {
		st = db_txn(db, batch_txn, &b, e);
		if (st != MADO_OK || b.count == 0)
			break;
		y->batches++;
	}
	return st;
}

int
retention_run(struct db *db, const struct actor *actor, const struct retention_opts *o,
	struct mado_err *e)
{
	int years, found, last_fy;
	int64_t oldest;
	int st = role_require(actor, ROLE_ADMIN, _("running retention"), e);

	if (st == MADO_OK)
		st = retention_calllog_years(db, &years, e);
	if (st == MADO_OK)
		st = calllog_oldest_start(db, &oldest, &found, e);
	if (st != MADO_OK || !found)
		return st;
	last_fy = fiscal_year_at(mado_now()) - years - 1;
	for (int fy = fiscal_year_at(oldest); st == MADO_OK && fy <= last_fy; fy++) {
		struct retention_year y = { .fy = fy };

		fiscal_year_bounds(fy, &y.from, &y.to);
		st = calllog_count_range(db, y.from, y.to, &y.count, e);
		if (st != MADO_OK || y.count == 0)
			continue;
		if (!o->dry_run)
			st = purge_year(db, actor, o, &y, e);
		if (st == MADO_OK && o->done != NULL)
			o->done(&y, o->ctx);
	}
	return st;
}
