/* Knowledge articles (ナレッジ/FAQ): numbered answers the desk gives again
 * and again, classified by category (the owning department) and FAQ class,
 * public (may be read out to citizens) or internal. Every change is
 * audited and kept as a version; reading is counted but not audited. */
#ifndef MADO_KB_H
#define MADO_KB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/csv.h"
#include "core/identity.h"
#include "core/ticket.h"
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

/* ---- changing (core/kb_edit.c) ---- */

/* A change to an article. NULL leaves a field as it is; "" clears it
 * (the title cannot be cleared). Texts are checked and tidied as for
 * kb_add(). A new category without a department moves the article to the
 * category's owning department, when it has one, as kb_add() files it. */
struct kb_change {
	const char *title, *question, *answer;
	const char *category, *department, *faq_class;
	int public;              /* -1 unchanged, 0 internal, 1 public */
	int64_t base_version;    /* the version the change was made on, so that a
	                            change saved by someone else meanwhile is not
	                            overwritten unseen (MADO_EDATA); 0: no check */
};

/* Applies c as a new version: the article's version goes up by one, its
 * texts are kept as a kb_version row, and each changed field is audited,
 * in one transaction. *version receives the new version, or 0 when every
 * value was already as given (then nothing is written). Needs the
 * operator role. */
int kb_update(struct db *db, const struct actor *actor, int64_t faq_no,
	const struct kb_change *c, int64_t *version, struct mado_err *e);

/* Marks the article reviewed now (kb_list's stale lists start from this
 * date; *at receives it), audited. Needs the operator role. */
int kb_review(struct db *db, const struct actor *actor, int64_t faq_no, int64_t *at,
	struct mado_err *e);

/* What a vote did. */
enum kb_vote_result {
	KB_VOTE_COUNTED,         /* a first vote of this staff member */
	KB_VOTE_CHANGED,         /* their earlier vote was the other way: moved */
	KB_VOTE_UNCHANGED,       /* the same vote again: counted once, nothing written */
};

/* Records the actor's helpful or not-helpful vote on an article they may
 * read; the article's counters follow, and the vote is audited. One vote
 * per staff member and article: voting again replaces it. Needs a staff
 * record (any role); the built-in administrator without one is refused. */
int kb_vote(struct db *db, const struct actor *actor, int64_t faq_no, bool helpful,
	enum kb_vote_result *result, struct mado_err *e);

/* The actor's vote on an article: 1 helpful, 0 not helpful, -1 none. */
int kb_my_vote(struct db *db, const struct actor *actor, int64_t faq_no, int *vote,
	struct mado_err *e);

/* The versions of an article, newest first, without their texts.
 * Needs the operator role: earlier texts are the desk's working drafts,
 * which staff reading the current public answer need not see. */
int kb_history(struct db *db, const struct actor *actor, int64_t faq_no,
	kb_version_fn fn, void *ctx, struct mado_err *e);

/* One version with its texts (free v with kb_version_clear()). Operator
 * role; MADO_ENOTFOUND names the version when there is none. */
int kb_history_version(struct db *db, const struct actor *actor, int64_t faq_no,
	int64_t version, struct kb_version_row *v, struct mado_err *e);

/* ---- making a ticket an FAQ (core/kb_faq.c) ---- */

/* An article prefilled from a ticket, for a form to show before saving:
 * the subject as title, the body as question (the subject when the body
 * is empty), the last reply as answer. Internal notes and incoming mail
 * never go in. Strings are newly allocated and tidied as kb_add() would
 * store them (control characters other than newline and tab dropped);
 * free with kb_prefill_clear(). Lengths are not checked here: saving
 * does, after the operator has shortened what is too long. */
struct kb_prefill {
	char *title, *question, *answer;
	char *category;          /* the ticket's category when articles may be
	                            filed under it (in use, for kb or any), else "" */
	char ticket_number[TICKET_NUMBER_MAX];
	int64_t ticket_id;
	int64_t faq_no;          /* the FAQ already made from the ticket, 0 if none */
	bool answered;           /* the ticket has a reply */
};

void kb_prefill_clear(struct kb_prefill *p);

/* Fills p from ticket (a number or "#ID") without saving anything.
 * Needs the operator role. */
int kb_draft_from_ticket(struct db *db, const struct actor *actor, const char *ticket,
	struct kb_prefill *p, struct mado_err *e);

/* Saves d (typically a prefill, edited) as a new internal article made
 * from ticket_id, whatever d->public says: a ticket's text may name
 * people, so publishing is a later, deliberate kb_update(). In the same
 * transaction the ticket is linked to the article (answered_with_faq),
 * the article records its source ticket, and both are audited. A ticket
 * already made into an FAQ is refused (MADO_EDATA naming it). Needs the
 * operator role. */
int kb_add_from_ticket(struct db *db, const struct actor *actor, int64_t ticket_id,
	const struct kb_draft *d, int64_t *faq_no, struct mado_err *e);

/* ---- export for the citizen site (core/kb_export.c) ---- */

enum kb_export_format { KB_EXPORT_CSV, KB_EXPORT_JSON };

/* MADO_OK when actor may export (supervisor and above): callers check
 * before they create any file. */
int kb_may_export(const struct actor *actor, struct mado_err *e);

/* Writes every public article, never an internal one, in FAQ-number
 * order: FAQ number, category name, title, question, answer and the
 * date of the last change (YYYY-MM-DD, JST). CSV: a header row of keys,
 * then one row per article, in enc (core/csv.h). JSON: UTF-8 only (enc
 * must be CSV_UTF8 or CSV_AUTO), an array of objects, escaped so it can
 * also be embedded in a web page's script (another enc: MADO_EUSAGE).
 * *rows receives the count. */
int kb_export_public(struct db *db, const struct actor *actor, FILE *fp,
	enum kb_export_format fmt, enum csv_encoding enc, size_t *rows, struct mado_err *e);

#endif
