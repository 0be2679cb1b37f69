/* Ticket rows and what hangs off them (detail, comments, links, outbox).
 * No rules here: the core decides who may do what and writes the audit. */
#ifndef MADO_TICKET_STORE_H
#define MADO_TICKET_STORE_H

#include <stdint.h>

#include "db/db.h"

struct ticket_insert {
	const char *kind, *number, *subject, *body, *status, *source;
	int priority;
	const char *queue, *owner, *category;   /* codes / login; NULL for none */
	const char *requester_name, *requester_email;
	int64_t requester_staff_id, requester_contact_id, created_by, created_at, due_at;
	/* detail of the kind */
	const char *request_kind, *system;      /* codes */
	int64_t occurred_at;                    /* incident: 0 means created_at */
	int after_hours;
};

/* Inserts the ticket and its detail row. Unknown codes -> MADO_EDATA
 * naming the field. */
int ticket_insert(struct db *db, const struct ticket_insert *t, int64_t *id,
	struct mado_err *e);

/* Sets a form field of the ticket (request kinds' own fields). */
int ticket_field_put(struct db *db, int64_t id, const char *name, const char *value,
	struct mado_err *e);

/* Stamps updated_at (a change that touches no field, such as a comment). */
int ticket_touch(struct db *db, int64_t id, int64_t now, struct mado_err *e);

/* The article id of an FAQ number given as text; MADO_ENOTFOUND if none. */
int faq_id_by_no(struct db *db, const char *no, int64_t *id, struct mado_err *e);

int ticket_id_by_number(struct db *db, const char *number, int64_t *id, struct mado_err *e);

/* A ticket as shown: codes and names of what it refers to. Strings are
 * newly allocated; free with ticket_row_clear(). */
struct ticket_row {
	int64_t id;
	char *kind, *number, *subject, *body, *status, *source;
	int priority;
	char *queue, *queue_name, *owner, *owner_name, *category, *category_name;
	char *requester_name, *requester_email, *created_by;
	int64_t created_at, updated_at, due_at, closed_at;
};
int ticket_get(struct db *db, int64_t id, struct ticket_row *row, struct mado_err *e);
void ticket_row_clear(struct ticket_row *row);

/* Named fields a change can touch, each with its own fixed SQL. The value
 * of a reference is its code (queue, category, system) or login (owner).
 * ticket_value_get gives NULL for an empty value; caller frees *out. */
int ticket_value_known(const char *field);
int ticket_value_get(struct db *db, int64_t id, const char *field, char **out,
	struct mado_err *e);
/* Unknown code or login -> MADO_EDATA naming the field and value. Also
 * stamps updated_at = now. */
int ticket_value_set(struct db *db, int64_t id, const char *field, const char *value,
	int64_t now, struct mado_err *e);

/* Calls fn(field, value) for every field known for the ticket's kind that
 * has a value (detail columns and form fields), in a fixed order. */
typedef void (*ticket_kv_fn)(const char *field, const char *value, void *ctx);
int ticket_detail_each(struct db *db, int64_t id, ticket_kv_fn fn, void *ctx,
	struct mado_err *e);

int comment_insert(struct db *db, int64_t ticket_id, const char *kind, int64_t author_id,
	const char *author_name, const char *body, int64_t at, int64_t *id, struct mado_err *e);
/* The body of comment id, newly allocated (free()); MADO_ENOTFOUND. */
int comment_body_get(struct db *db, int64_t id, char **body, struct mado_err *e);
struct comment_row {
	int64_t id, at;
	const char *kind, *author, *body;
};
typedef void (*comment_fn)(const struct comment_row *c, void *ctx);
int comment_each(struct db *db, int64_t ticket_id, comment_fn fn, void *ctx,
	struct mado_err *e);

/* rel: related, duplicate_of, caused_by, answered_with_faq. Returns
 * MADO_EDATA when the same link exists. */
int link_insert(struct db *db, const char *src_type, int64_t src_id, const char *dst_type,
	int64_t dst_id, const char *rel, int64_t by, int64_t at, struct mado_err *e);
struct link_row {
	const char *rel, *other_type, *other_ref, *other_title;
	int outgoing;   /* 1: this ticket -> other; 0: other -> this ticket */
};
typedef void (*link_fn)(const struct link_row *l, void *ctx);
int link_each_of_ticket(struct db *db, int64_t ticket_id, link_fn fn, void *ctx,
	struct mado_err *e);

/* Counts for the client's status line: open tickets of an owner (the open
 * statuses as a JSON array), tickets waiting in an initial status with no
 * owner, and notifications that failed to send. */
int ticket_count_owned(struct db *db, const char *login, const char *statuses_json,
	int64_t *n, struct mado_err *e);
int ticket_count_unowned(struct db *db, const char *statuses_json, int64_t *n,
	struct mado_err *e);
int outbox_count_failed(struct db *db, int64_t *n, struct mado_err *e);

/* A notification to send: event ack, reply (comment_id: the reply),
 * assign or status; lang is the language to use when the recipient is no
 * staff member (whose own language wins). comment_id 0: none. */
int outbox_add(struct db *db, const char *event, int64_t ticket_id, int64_t comment_id,
	const char *recipient, const char *lang, int64_t at, struct mado_err *e);

/* The orders a list can take, each served by its own indexes. */
enum ticket_sort {
	TICKET_SORT_UPDATED,  /* newest change first: key updated_at */
	TICKET_SORT_CREATED,  /* newest first: key created_at */
	/* SLA first: the earliest due date, then the tickets without one by
	 * oldest change (key: that order negated). Needs an owner, and lists
	 * only tickets not closed: its index leaves closed ones out. */
	TICKET_SORT_DUE,
};

/* One page of a list in the sort's order (keyset: rows strictly after
 * the cursor (key, id), where key is the sort's key, given back in
 * ticket_brief.key; a zero after_id starts at the top). With backward
 * set, the rows strictly before the cursor, nearest first: the page above
 * (a zero cursor: the very bottom). */
struct ticket_filter {
	const char *kind;          /* NULL: all kinds */
	const char *status;        /* one status, or NULL */
	const char *statuses_json; /* JSON array of statuses, or NULL */
	const char *queue;         /* queue code, or NULL */
	const char *owner;         /* login, or NULL */
	const char *category;      /* category code, or NULL */
	int64_t created_from;      /* created at or after (Unix seconds), 0: no bound */
	int64_t created_to;        /* created at or before, 0: no bound */
	/* Words in the subject, matched literally (% and _ are no wildcards),
	 * or NULL. Read row by row: full-text search comes later. */
	const char *text;
	enum ticket_sort sort;
	int64_t after_updated;     /* the cursor's key (updated_at unless sorted otherwise) */
	int64_t after_id;
	int limit;
	int backward;
};
struct ticket_brief {
	int64_t id, updated_at, created_at, due_at; /* due_at 0: none */
	int64_t key;               /* the sort's key: the cursor after this row */
	const char *kind, *number, *subject, *status, *queue, *owner;
	int priority;
};
typedef void (*ticket_brief_fn)(const struct ticket_brief *b, void *ctx);
int ticket_list_page(struct db *db, const struct ticket_filter *f, ticket_brief_fn fn,
	void *ctx, struct mado_err *e);

#endif
