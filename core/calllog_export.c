#include "calllog_export.h"

#include <inttypes.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "db/calllog_export_store.h"

/* The DOMAIN.md fields in their order; 利用FAQ takes three columns, one
 * FAQ number each, so Excel can filter and count them. Japanese on
 * purpose: the file is read by the office in Japanese Excel whatever the
 * language of the person who exported it. */
static const char *const header[CALLLOG_EXPORT_COLS] = {
	"受付ID", "受付者氏名", "受付開始日時", "受付終了日時", "後処理終了", "受付区分",
	"問い合わせ受付区分", "対応区分", "利用FAQ1", "利用FAQ2", "利用FAQ3", "カテゴリー",
	"受付内容", "対応内容", "転送先",
};

struct export {
	struct csv_writer *w;
	int64_t rows;
};

static int
write_row(const struct calllog_export_row *r, void *ctx, struct mado_err *e)
{
	struct export *x = ctx;
	char started[20], ended[20], wrapup[20], faq[3][24];
	const char *cells[CALLLOG_EXPORT_COLS];

	jst_format(r->started_at, started);
	jst_format(r->ended_at, ended);
	jst_format(r->wrapup_at, wrapup);
	for (int i = 0; i < 3; i++) {
		faq[i][0] = '\0';
		if (r->faq_no[i] != 0)
			snprintf(faq[i], sizeof faq[i], "%" PRId64, r->faq_no[i]);
	}
	cells[0] = r->receipt_no;
	cells[1] = r->operator_name;
	cells[2] = started;
	cells[3] = ended;
	cells[4] = wrapup;
	cells[5] = r->contact_type;
	cells[6] = r->department;
	cells[7] = r->outcome;
	cells[8] = faq[0];
	cells[9] = faq[1];
	cells[10] = faq[2];
	cells[11] = r->category;
	cells[12] = r->inquiry_text;
	cells[13] = r->response_text;
	cells[14] = r->transfer_to;
	x->rows++;
	return csv_write_row(x->w, cells, CALLLOG_EXPORT_COLS, e);
}

int
calllog_export_csv(struct db *db, const struct actor *actor, int64_t from, int64_t to,
	enum csv_encoding enc, FILE *fp, int64_t *rows, struct mado_err *e)
{
	struct export x = { 0 };
	int64_t at = 0, id = 0;
	int st = role_require(actor, ROLE_SUPERVISOR, _("exporting call logs"), e);

	if (st != MADO_OK)
		return st;
	x.w = csv_writer_new(fp, enc);
	st = csv_write_row(x.w, header, CALLLOG_EXPORT_COLS, e);
	/* Keyset pages: each page starts right after the last row written,
	 * so memory stays one page whatever the period. */
	for (int n = CALLLOG_EXPORT_PAGE; st == MADO_OK && n == CALLLOG_EXPORT_PAGE;)
		st = calllog_export_page(db, from, to, at, id, CALLLOG_EXPORT_PAGE, write_row, &x,
			&at, &id, &n, e);
	if (csv_writer_free(x.w, e) != MADO_OK && st == MADO_OK)
		st = e->status;
	if (rows != NULL)
		*rows = x.rows;
	return st;
}
