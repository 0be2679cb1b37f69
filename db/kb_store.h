/* Knowledge articles (FAQ) and their versions: statements only. What may
 * be stored, and who may store it, is decided in core/kb.c. */
#ifndef MADO_KB_STORE_H
#define MADO_KB_STORE_H

#include <stdint.h>

#include "db/db.h"

/* One article with the codes and names of its masters. Strings are newly
 * allocated ("" when none); free with kb_row_clear(). List rows leave
 * question and answer empty. */
struct kb_row {
	int64_t id, faq_no;
	char *title, *question, *answer;
	char *category, *category_name;       /* code, name */
	char *department, *department_name;
	char *faq_class, *faq_class_name;
	char *created_by;                     /* login; "" for the system account */
	char *source_ticket;                  /* number of the ticket it was made from, or "" */
	int public;
	int64_t views, helpful, not_helpful, version;
	int64_t reviewed_at;                  /* 0 when never reviewed */
	int64_t created_at, updated_at;
	int64_t category_id, department_id, faq_class_id;   /* 0: none */
};

void kb_row_clear(struct kb_row *row);

/* The masters an article refers to. */
enum kb_master { KB_MASTER_CATEGORY, KB_MASTER_DEPARTMENT, KB_MASTER_CLASS };

struct kb_master_ref {
	int64_t id;
	int active;
	char scope[16];          /* category only: "any", "kb", "inquiry", ... */
	int64_t department_id;   /* category only: the owning department, 0 if none */
};

/* Looks up a master row by code; MADO_ENOTFOUND (no message) when absent. */
int kb_master_lookup(struct db *db, enum kb_master which, const char *code,
	struct kb_master_ref *out, struct mado_err *e);

/* The highest FAQ number in use plus one (1 for an empty table). Only
 * meaningful inside a write transaction. */
int kb_next_faq_no(struct db *db, int64_t *out, struct mado_err *e);

/* The article id of a FAQ number; MADO_ENOTFOUND (no message) when unused. */
int kb_id_by_faq_no(struct db *db, int64_t faq_no, int64_t *id, struct mado_err *e);

struct kb_insert {
	int64_t faq_no;
	const char *title, *question, *answer;
	int64_t category_id, department_id, faq_class_id;   /* 0: none */
	int public;
	int64_t actor_id;        /* 0: the system account */
	int64_t at;              /* created_at = updated_at */
	int64_t source_ticket_id;   /* the ticket it was made from; 0: none */
};

/* Inserts the article at version 1 and its kb_version row; *id receives
 * the article id. A used FAQ number fails with MADO_EDATA. */
int kb_insert(struct db *db, const struct kb_insert *in, int64_t *id, struct mado_err *e);

/* Fills row with the full article; MADO_ENOTFOUND (no message) if none. */
int kb_by_faq_no(struct db *db, int64_t faq_no, struct kb_row *row, struct mado_err *e);

/* Adds one to the view count; MADO_ENOTFOUND (no message) if no article. */
int kb_count_view(struct db *db, int64_t faq_no, struct mado_err *e);

/* Which articles a list shows. */
struct kb_filter {
	int64_t category_id;     /* 0: any */
	int public;              /* -1: any, 0: internal only, 1: public only */
};

/* The row is valid during the call; a non-zero return stops the list and
 * is returned. */
typedef int (*kb_row_fn)(const struct kb_row *row, void *ctx);

/* Up to limit articles with faq_no > after, in FAQ-number order; with
 * backward, faq_no < after, highest first. */
int kb_list_by_no(struct db *db, const struct kb_filter *f, int64_t after, int backward,
	int limit, kb_row_fn fn, void *ctx, struct mado_err *e);

/* Up to limit articles last reviewed (or, never reviewed, created) before
 * `before`, oldest first, starting after the key (after_at, after_id);
 * pass INT64_MIN and 0 for the first page. */
int kb_list_stale(struct db *db, const struct kb_filter *f, int64_t before,
	int64_t after_at, int64_t after_id, int limit, kb_row_fn fn, void *ctx,
	struct mado_err *e);

/* A new version of article id: the texts, masters and flag it has from
 * now on (in kb_insert's form; faq_no and source_ticket_id are not
 * changed), stored in the article with version and updated_at, and its
 * texts kept as kb_version row `version`. */
int kb_update_row(struct db *db, int64_t id, int64_t version, const struct kb_insert *in,
	struct mado_err *e);

/* Sets the last-reviewed time; updated_at stays (no text changed). */
int kb_set_reviewed(struct db *db, int64_t id, int64_t at, struct mado_err *e);

/* The FAQ number made from ticket_id; MADO_ENOTFOUND (no message) if none. */
int kb_faq_no_by_source(struct db *db, int64_t ticket_id, int64_t *faq_no, struct mado_err *e);

/* Every public article with its texts, in FAQ-number order. */
int kb_each_public(struct db *db, kb_row_fn fn, void *ctx, struct mado_err *e);

/* ---- votes ---- */

/* The vote of staff_id on article id in *helpful (1 or 0); MADO_ENOTFOUND
 * (no message) when none. */
int kb_vote_get(struct db *db, int64_t id, int64_t staff_id, int *helpful, struct mado_err *e);
/* Stores the vote, replacing an earlier one of the same staff member, and
 * moves the article's counters by d_helpful and d_not_helpful (each -1, 0
 * or 1; a counter never goes below 0). */
int kb_vote_put(struct db *db, int64_t id, int64_t staff_id, int helpful, int64_t at,
	int d_helpful, int d_not_helpful, struct mado_err *e);

/* ---- versions ---- */

/* One version of an article's texts. Strings are newly allocated; free
 * with kb_version_clear(). Lists leave question and answer empty. */
struct kb_version_row {
	int64_t version, changed_at;
	char *title, *question, *answer;
	char *changed_by;        /* login; "" for the system account */
};

void kb_version_clear(struct kb_version_row *v);

/* The row is valid during the call; a non-zero return stops the list. */
typedef int (*kb_version_fn)(const struct kb_version_row *v, void *ctx);

/* The versions of article id, newest first. */
int kb_versions_each(struct db *db, int64_t id, kb_version_fn fn, void *ctx, struct mado_err *e);

/* Version `version` of article id with its texts; MADO_ENOTFOUND (no
 * message) when there is no such version. */
int kb_version_get(struct db *db, int64_t id, int64_t version, struct kb_version_row *v,
	struct mado_err *e);

#endif
