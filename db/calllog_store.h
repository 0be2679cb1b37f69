/* Call logs (応対履歴): statements only. Who may read them is decided in
 * core/calllog.c. */
#ifndef MADO_CALLLOG_STORE_H
#define MADO_CALLLOG_STORE_H

#include <stdint.h>

#include "db/db.h"

/* One page of call logs, newest call first: the rows strictly after the
 * cursor (started_at, id) in that order; after_id 0 starts at the newest.
 * With backward set, the rows strictly before the cursor, nearest first
 * (oldest-first order; after_id 0 starts at the oldest). */
struct calllog_filter {
	const char *operator;          /* login, or NULL for every operator */
	int64_t since, until;          /* started_at in [since, until); 0: open */
	int64_t after_started, after_id;
	int limit;
	int backward;
};

/* What a list shows; strings valid during the callback only, "" when
 * the record has none. */
struct calllog_brief {
	int64_t id, started_at;
	const char *receipt_no;        /* 受付ID */
	const char *operator_name;     /* 受付者氏名 */
	const char *contact_type;      /* 受付区分 */
	const char *department;        /* 問い合わせ受付区分 */
	const char *outcome;           /* 対応区分 */
	const char *category;          /* カテゴリー */
	const char *first_line;        /* 受付内容, its first line */
};
typedef void (*calllog_brief_fn)(const struct calllog_brief *b, void *ctx);

/* Master names come in lang ("en" takes the English name where the master
 * has one, else the Japanese). */
int calllog_list_page(struct db *db, const struct calllog_filter *f, const char *lang,
	calllog_brief_fn fn, void *ctx, struct mado_err *e);

/* One FAQ used on a call (利用FAQ). */
struct calllog_faq {
	int64_t faq_no;                /* 0: none */
	char *title;
};

/* Every field of one call log, with the codes and names of its masters.
 * Strings are newly allocated ("" when none); free with calllog_row_clear(). */
struct calllog_row {
	int64_t id;
	char *receipt_no;                          /* 受付ID */
	char *operator, *operator_name;            /* 受付者氏名: login, name */
	int64_t started_at;                        /* 受付開始日時 */
	int64_t ended_at;                          /* 受付終了日時, 0 while on the call */
	int64_t wrapup_at;                         /* 後処理終了, 0 until finished */
	char *contact_type, *contact_type_name;    /* 受付区分 */
	char *department, *department_name;        /* 問い合わせ受付区分 */
	char *outcome, *outcome_name;              /* 対応区分 */
	struct calllog_faq faq[3];                 /* 利用FAQ, up to three */
	char *category, *category_name;            /* カテゴリー */
	char *inquiry_text;                        /* 受付内容 */
	char *response_text;                       /* 対応内容 */
	char *transfer_to, *transfer_to_name;      /* 転送先: phone book code, name */
	char *transfer_to_phone;
};

/* Fills row; MADO_ENOTFOUND (no message) when there is no such call log. */
int calllog_by_id(struct db *db, int64_t id, const char *lang, struct calllog_row *row,
	struct mado_err *e);
void calllog_row_clear(struct calllog_row *row);

#endif
