/* The supervisors' dashboard (db side): fixed aggregate statements, each
 * read through an index so that SQLite counts and no ticket passes
 * through C. Which tickets are open is the workflows' business (core):
 * it comes in as a JSON array of [kind, status] pairs, matched against
 * the index ticket_kind_status_updated, so only the tickets asked for are
 * read. What the figures mean and who may read them is in
 * core/dashboard.h. Run them inside one db_read() for one snapshot. */
#ifndef MADO_DASHBOARD_STORE_H
#define MADO_DASHBOARD_STORE_H

#include <stdint.h>

#include "db/db.h"

/* Strings are valid during the callback only. */

/* Tickets whose (kind, status) is in pairs_json, per kind: how many, how
 * many are due at or before now, and how many are due in (now, soon]. */
typedef void (*dash_kind_fn)(const char *kind, int64_t n, int64_t overdue, int64_t due_soon,
	void *ctx);
int dash_store_by_kind(struct db *db, const char *pairs_json, int64_t now, int64_t soon,
	dash_kind_fn fn, void *ctx, struct mado_err *e);

/* Tickets created (closed) in [from, from + weeks weeks), per kind and
 * week: week 0 starts at from. Weeks with none are not reported. */
typedef void (*dash_week_fn)(const char *kind, int week, int64_t n, void *ctx);
int dash_store_created_weekly(struct db *db, int64_t from, int weeks, dash_week_fn fn,
	void *ctx, struct mado_err *e);
int dash_store_closed_weekly(struct db *db, int64_t from, int weeks, dash_week_fn fn,
	void *ctx, struct mado_err *e);

/* Tickets whose (kind, status) is in pairs_json per queue, or per the
 * department owning their queue, most first, then code; code "" for
 * none. Department names in lang ("en": the English name where the
 * master has one). */
typedef void (*dash_group_fn)(const char *code, const char *name, int64_t n, void *ctx);
int dash_store_by_queue(struct db *db, const char *pairs_json, dash_group_fn fn, void *ctx,
	struct mado_err *e);
int dash_store_by_department(struct db *db, const char *pairs_json, const char *lang,
	dash_group_fn fn, void *ctx, struct mado_err *e);

/* Tickets whose (kind, status) is in pairs_json, oldest created first, at
 * most limit. */
struct dash_item_row {
	int64_t id, created_at, due_at;   /* due_at 0 for none */
	const char *number, *kind, *subject, *queue;  /* queue: its code or "" */
};
typedef void (*dash_item_fn)(const struct dash_item_row *r, void *ctx);
int dash_store_oldest(struct db *db, const char *pairs_json, int limit, dash_item_fn fn,
	void *ctx, struct mado_err *e);

/* Knowledge: every article's counters summed (one pass over kb_article,
 * the size of the FAQ), and the most viewed articles, most first, at
 * most limit, only those viewed at all. */
struct dash_kb_sums {
	int64_t articles, views, helpful, not_helpful;
};
int dash_store_kb_sums(struct db *db, struct dash_kb_sums *out, struct mado_err *e);
typedef void (*dash_article_fn)(int64_t faq_no, const char *title, int64_t views,
	int64_t helpful, int64_t not_helpful, void *ctx);
int dash_store_top_viewed(struct db *db, int limit, dash_article_fn fn, void *ctx,
	struct mado_err *e);

/* Articles last reviewed (or, never reviewed, created) before `before`,
 * through the kb_stale index: how many, and the oldest of them
 * (*oldest_faq_no 0 and *oldest_title NULL when there is none; the
 * caller frees the title with free()). */
int dash_store_stale(struct db *db, int64_t before, int64_t *count, int64_t *oldest_faq_no,
	char **oldest_title, int64_t *oldest_at, struct mado_err *e);

/* What the FAQ resolved in [from, to): call logs started then, and of
 * them those answered by the operator (outcome 'answered') with at least
 * one FAQ used; inquiries created then that have been answered
 * (answered_at set), and of them those linked answered_with_faq to an
 * article other than one made from the inquiry itself. */
struct dash_faq_sums {
	int64_t calls, calls_faq;
	int64_t inquiries_answered, inquiries_faq;
};
int dash_store_faq_sums(struct db *db, int64_t from, int64_t to, struct dash_faq_sums *out,
	struct mado_err *e);

#endif
