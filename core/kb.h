/* Knowledge articles (ナレッジ/FAQ): numbered answers the desk gives again
 * and again, classified by category (the owning department) and FAQ class,
 * public (may be read out to citizens) or internal. Every change is
 * audited and kept as a version; reading is counted but not audited. */
#ifndef MADO_KB_H
#define MADO_KB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "db/db.h"
#include "db/kb_store.h"

/* Limits, in characters. Answers are long (procedures, fee tables);
 * titles must stay short enough to read in one line of a list. */
enum {
	KB_TITLE_MAX = 200,
	KB_QUESTION_MAX = 10000,
	KB_ANSWER_MAX = 50000,
};
/* FAQ numbers are what callers and printed manuals quote: 1 to 8 digits. */
#define KB_FAQ_NO_MAX INT64_C(99999999)

/* A new article as typed or read from files. Text must be UTF-8. */
struct kb_draft {
	const char *title;       /* required; surrounding spaces are dropped */
	const char *question;    /* NULL or "" for none */
	const char *answer;      /* NULL or "" for none */
	const char *category;    /* master codes; NULL or "" for none */
	const char *department;  /* none: the category's owning department */
	const char *faq_class;
	bool public;
	int64_t faq_no;          /* 0: one more than the highest in use */
};

/* Checks and stores d as version 1 with its audit rows, in one
 * transaction; *faq_no receives the article's number. Needs the operator
 * role. MADO_EDATA names the field at fault ("category: ..."). */
int kb_add(struct db *db, const struct actor *actor, const struct kb_draft *d,
	int64_t *faq_no, struct mado_err *e);

/* Fills row with article faq_no (free with kb_row_clear()) and counts the
 * view. Needs the staff role. MADO_ENOTFOUND when there is no such FAQ. */
int kb_show(struct db *db, const struct actor *actor, int64_t faq_no,
	struct kb_row *row, struct mado_err *e);
/* The same without counting a view: for a screen reading again what it
 * already shows (after another user's change), which is no new reading. */
int kb_read(struct db *db, const struct actor *actor, int64_t faq_no,
	struct kb_row *row, struct mado_err *e);

/* One page of a list. Pages are keyset-based (no OFFSET, so a page costs
 * the same however deep it is): pass the key of the last row of the
 * previous page, its faq_no or, for stale lists, kb_reviewed_at() and id. */
struct kb_query {
	const char *category;    /* code, NULL or "" for any */
	int public;              /* -1 any, 0 internal only, 1 public only */
	int stale_days;          /* 0 .. KB_STALE_DAYS_MAX: only articles not
	                            reviewed for this many days, oldest first;
	                            -1: all, by FAQ number */
	int limit;               /* rows wanted, 1 .. KB_LIST_MAX */
	bool has_after;          /* false for the first page */
	int64_t after_no;        /* by FAQ number: the last row's faq_no */
	bool backward;           /* by FAQ number only: the articles before
	                            after_no (without has_after: from the
	                            last), nearest first */
	int64_t after_at, after_id; /* stale: the last row's reviewed time and id */
};
enum {
	KB_LIST_MAX = 1000,
	KB_STALE_DAYS_MAX = 36500, /* a century: more is a typo */
};

/* The moment an article counts as last reviewed: reviewed_at, or
 * created_at when it was never reviewed. */
int64_t kb_reviewed_at(const struct kb_row *row);

/* Calls fn for each article of the page; *more tells whether another
 * page follows. Needs the staff role. An unknown category is MADO_EDATA. */
int kb_list(struct db *db, const struct actor *actor, const struct kb_query *q,
	kb_row_fn fn, void *ctx, bool *more, struct mado_err *e);

#endif
