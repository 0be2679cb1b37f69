/* Tickets: inquiries, incidents and requests. Every function checks the
 * actor's role, runs as one transaction and writes the audit trail (and
 * the outbox, when someone must be told) in that same transaction. */
#ifndef MADO_TICKET_H
#define MADO_TICKET_H

#include <stdbool.h>
#include <stdint.h>

#include "core/identity.h"
#include "db/ticket_store.h"

#define TICKET_NUMBER_MAX 64

struct ticket_draft {
	const char *kind;           /* inquiry, incident, request */
	const char *subject;        /* one line */
	const char *body;
	int priority;               /* 1 (highest) – 5; 0 means 3 */
	const char *queue, *owner, *category;
	const char *requester_name, *requester_email;
	const char *source;         /* phone, mail, alert, counter, web, other */
	const char *system;         /* incident: managed system code */
	const char *request_kind;   /* request: choice code, required */
	/* request: the fields of its kind's form (share/forms/KIND.xml); all
	 * are checked, every problem is reported, and nothing is written
	 * unless all are valid. persons, work_start and work_end also fill the
	 * request's own columns. */
	const char *const *field_names;
	const char *const *field_values;
	int nfields;
	/* The requester as matched by their mail address (0: not known), and
	 * no acknowledgement mail to the requester (mail intake's loop and
	 * noise protection: auto-replies, lists, the rate limit). */
	int64_t requester_staff_id, requester_contact_id;
	bool no_ack;
	/* incident: when it happened (0: now) and whether outside office hours */
	int64_t occurred_at;
	bool after_hours;
};

/* Creates a ticket and returns its id and number (out may be NULL). */
int ticket_create(struct db *db, const struct actor *actor, const struct ticket_draft *d,
	int64_t *id, char number[TICKET_NUMBER_MAX], struct mado_err *e);

/* A ticket number ("INQ-2026-000123") or "#ID" to its id. */
int ticket_resolve(struct db *db, const char *ref, int64_t *id, struct mado_err *e);

/* Reading needs any registered role. Free row with ticket_row_clear(). */
int ticket_read(struct db *db, const struct actor *actor, int64_t id, struct ticket_row *row,
	struct mado_err *e);

/* Changes n fields ("subject", "priority", "category", "due", "impact", ...)
 * in one transaction; every value is checked before anything is written.
 * A NULL or "" value clears the field. Statuses, queue and owner have
 * their own operations below. */
int ticket_update(struct db *db, const struct actor *actor, int64_t id,
	const char *const *fields, const char *const *values, int n, struct mado_err *e);
/* The fields ticket_update() accepts for a kind, for help and completion:
 * fills out with up to max - 1 static names and a NULL; returns the count. */
int ticket_update_fields(const char *kind, const char **out, int max);

/* queue NULL: unchanged. owner NULL: unchanged; "" unassigns. Operators may
 * take a ticket themselves; giving it to someone else needs a supervisor. */
int ticket_assign(struct db *db, const struct actor *actor, int64_t id, const char *queue,
	const char *owner, struct mado_err *e);

/* The statuses this actor may move ticket id to from where it is, for a
 * picker: names and labels in lang ("ja"/"en"), up to max of each (static
 * strings from the workflow, valid while wf lives). Returns the count. */
struct workflow;
int ticket_next_statuses(struct db *db, const struct actor *actor, int64_t id,
	struct workflow *wf, const char **names, const char **labels, int max, const char *lang,
	struct mado_err *e);

int ticket_set_status(struct db *db, const struct actor *actor, int64_t id,
	const char *status, struct mado_err *e);
int ticket_close(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e);
int ticket_reopen(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e);

/* A reply goes to the requester by mail (outbox); a note stays internal. */
int ticket_comment(struct db *db, const struct actor *actor, int64_t id, bool note,
	const char *body, struct mado_err *e);
/* Mail that came in about the ticket, as an 'incoming' comment by author
 * (the sender as shown); nobody is notified. *comment_id may be NULL. */
int ticket_incoming(struct db *db, const struct actor *actor, int64_t id, const char *author,
	const char *body, int64_t *comment_id, struct mado_err *e);

/* An incident raised by monitoring: the same failure alerted again (one
 * more occurrence), and the time it recovered. Both audited. */
int ticket_alert_repeat(struct db *db, const struct actor *actor, int64_t id,
	struct mado_err *e);
int ticket_alert_recovered(struct db *db, const struct actor *actor, int64_t id, int64_t at,
	struct mado_err *e);

/* rel: related, duplicate-of, caused-by, answered-with-faq; target is a
 * ticket reference, or an FAQ number ("FAQ-12" or "12") for answered-with-faq. */
int ticket_link(struct db *db, const struct actor *actor, int64_t id, const char *rel,
	const char *target, struct mado_err *e);

#define TICKET_LIST_MAX 1000

/* One page of tickets (see struct ticket_filter; limit 1 to
 * TICKET_LIST_MAX); open_only keeps the statuses that are neither resolved
 * nor closed in their workflow. *more tells whether another page follows. */
int ticket_list(struct db *db, const struct actor *actor, struct ticket_filter *f,
	bool open_only, ticket_brief_fn fn, void *ctx, bool *more, struct mado_err *e);

/* The conversation of a ticket, oldest first: replies, incoming mail and
 * internal notes — notes only for operators and above, since staff who
 * file tickets must not read the desk's internal notes. */
int ticket_conversation(struct db *db, const struct actor *actor, int64_t id,
	comment_fn fn, void *ctx, struct mado_err *e);

/* What the client's status line counts for the actor: their open
 * tickets, new tickets nobody owns yet, and notifications that failed to
 * send (shown to supervisors and above; 0 for others). */
/* The statuses of kind (NULL: every kind) that have some of flags (enum
 * wf_flag) when want, or none of them when !want, from the workflows, as
 * a JSON array for the stores: ["new","waiting"], or with pairs the kind
 * with each, [["inquiry","new"],["incident","new"]], exact when one name
 * means different things in two workflows. Caller frees with g_free();
 * NULL with e set when a workflow cannot be read. */
char *ticket_statuses_json(const char *kind, unsigned flags, bool want, bool pairs,
	struct mado_err *e);

struct desk_counts {
	int64_t mine_open, unowned_new, mail_failed;
};
int desk_counts(struct db *db, const struct actor *actor, struct desk_counts *out,
	struct mado_err *e);

/* The change history of a ticket from the audit trail. */
struct audit_row;
int ticket_history(struct db *db, const struct actor *actor, int64_t id,
	void (*fn)(const struct audit_row *r, void *ctx), void *ctx, struct mado_err *e);

#endif
