/* Contact-center figures (db side): fixed aggregate statements over call
 * logs started in [from, to), each read through the calllog_started index
 * range and summed by SQLite, so no call log passes through C. Who may
 * read them and what the figures mean is in core/report_calls.h. */
#ifndef MADO_REPORT_STORE_H
#define MADO_REPORT_STORE_H

#include <stdint.h>

#include "db/db.h"

/* Sums over a set of calls; the C side derives rates and averages. */
struct calls_sums {
	int64_t received;     /* every call log started in the range */
	int64_t transferred;  /* outcome 'transferred' */
	int64_t one_stop;     /* outcome 'answered' (no transfer, no callback) */
	int64_t open;         /* no wrapup_at: the record is not finished */
	int64_t talk_n, talk_s;       /* calls with ended_at; sum of ended - started */
	int64_t handle_n, handle_s;   /* calls with wrapup_at; sum of wrapup - started */
};

enum calls_grouping {
	CALLS_BY_DAY,        /* key "2026-11-02" (JST date) */
	CALLS_BY_HOUR,       /* key "09" (JST hour of day) */
	CALLS_BY_DEPARTMENT, /* key department code, "" when none */
	CALLS_BY_CATEGORY,   /* key category code */
	CALLS_BY_OPERATOR,   /* key operator login */
};

/* Strings valid during the callback only. */
typedef void (*calls_group_fn)(const char *key, const char *name,
	const struct calls_sums *s, void *ctx);
typedef void (*calls_faq_fn)(int64_t faq_no, const char *title, int64_t calls, void *ctx);
typedef void (*calls_open_fn)(const char *receipt_no, const char *operator_name,
	int64_t started_at, void *ctx);

int report_store_totals(struct db *db, int64_t from, int64_t to, struct calls_sums *out,
	struct mado_err *e);
/* One callback per group, in key order (day, hour) or by calls received,
 * most first, then key (the others). Names in lang ("en": English name
 * where the master has one). */
int report_store_groups(struct db *db, enum calls_grouping by, int64_t from, int64_t to,
	const char *lang, calls_group_fn fn, void *ctx, struct mado_err *e);
/* The FAQs used on the most calls (faq1..3; a call naming one FAQ twice
 * counts once), most first, then FAQ number; at most limit. */
int report_store_top_faqs(struct db *db, int64_t from, int64_t to, int limit,
	calls_faq_fn fn, void *ctx, struct mado_err *e);
/* Calls with no wrapup_at, oldest first; at most limit. */
int report_store_open(struct db *db, int64_t from, int64_t to, int limit,
	calls_open_fn fn, void *ctx, struct mado_err *e);

#endif
