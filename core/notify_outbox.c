#include "notify_outbox.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/notify_mime.h"
#include "core/notify_render.h"
#include "core/workflow.h"
#include "db/attachment_store.h"
#include "db/staff_store.h"
#include "db/ticket_store.h"

enum { REFERENCES_MAX = 10 };

void
notify_item_clear(struct notify_item *it)
{
	g_free(it->sender);
	g_free(it->recipient);
	g_free(it->subject);
	g_free(it->message_id);
	g_free(it->raw);
	memset(it, 0, sizeof *it);
}

int64_t
notify_backoff(int n)
{
	return n >= 7 ? 3600 : (int64_t)60 << (n > 0 ? n - 1 : 0);
}

/* Whether s has kana or kanji. */
static bool
has_japanese(const char *s)
{
	for (; s != NULL && *s != '\0'; s = g_utf8_next_char(s)) {
		GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(s));

		if (sc == G_UNICODE_SCRIPT_HIRAGANA || sc == G_UNICODE_SCRIPT_KATAKANA ||
		    sc == G_UNICODE_SCRIPT_HAN)
			return true;
	}
	return false;
}

/* The recipient's language: a staff member's own; for someone outside
 * (a vendor, a citizen) the language they wrote the ticket in, which is
 * Japanese when its subject or text has any kana or kanji, since the row's
 * language is that of the operator who caused the mail. */
static void
recipient_lang(struct db *db, const struct outbox_row *r, const struct ticket_row *t,
	char lang[3])
{
	struct staff_row staff = { 0 };
	struct mado_err ignored = { 0 };
	const char *l = r->lang;

	if (staff_by_email(db, r->recipient, &staff, &ignored) == MADO_OK)
		l = staff.lang;
	else if (r->event != NULL && strcmp(r->event, "assign") != 0)
		l = has_japanese(t->subject) || has_japanese(t->body) ? "ja" : "en";
	g_strlcpy(lang, strcmp(l, "en") == 0 ? "en" : "ja", 3);
	staff_row_clear(&staff);
}

/* The Message-IDs of the ticket's mail: In-Reply-To is the newest message
 * from the requester (else the newest we sent); References keeps the
 * first and the newest ones. */
struct thread {
	GPtrArray *ids;
	char *last_in;
};

static void
thread_add(const char *direction, const char *message_id, void *ctx)
{
	struct thread *t = ctx;

	g_ptr_array_add(t->ids, g_strdup(message_id));
	if (strcmp(direction, "in") == 0 && !g_str_has_prefix(message_id, "sha256:")) {
		g_free(t->last_in);
		t->last_in = g_strdup(message_id);
	}
}

static void
thread_clear(struct thread *t)
{
	g_ptr_array_free(t->ids, TRUE);
	g_free(t->last_in);
}

/* The status label in lang, "" when the workflow does not know it. */
static const char *
status_label(struct workflow *wf, const struct ticket_row *row, const char *lang)
{
	struct mado_err ignored = { 0 };
	int i;

	if (workflow_load(wf, row->kind, &ignored) != MADO_OK ||
	    (i = workflow_status(wf, row->status)) < 0)
		return "";
	return workflow_label(wf, i, lang);
}

/* What a template may use: the one-line values first (kept one line in
 * the body too), then the texts. */
static const char *const placeholders[] = {
	"number", "subject", "requester", "requester_email", "queue", "owner", "status",
	"body", "reply",
};
enum { NPLACEHOLDERS = G_N_ELEMENTS(placeholders), NLINE = NPLACEHOLDERS - 2 };

/* The subject and body of the row's template, the tag made sure of. */
static int
render(struct db *db, const struct notify_settings *s, const struct outbox_row *r,
	const struct ticket_row *row, const char *lang, char **subject, char **body,
	struct mado_err *e)
{
	struct workflow wf;
	struct notify_value v[NPLACEHOLDERS];
	char *reply = NULL, *path, *tag;
	int st = MADO_OK;

	if (r->comment_id > 0)
		st = comment_body_get(db, r->comment_id, &reply, e);
	if (st == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_ENOTFOUND, _("outbox #%lld: its comment is gone"),
			(long long)r->id);
	if (st != MADO_OK)
		return st;
	const char *values[NPLACEHOLDERS] = {
		row->number, row->subject,
		*row->requester_name ? row->requester_name : row->requester_email,
		row->requester_email, row->queue_name, row->owner_name,
		status_label(&wf, row, lang), row->body, reply,
	};
	for (int i = 0; i < NPLACEHOLDERS; i++)
		v[i] = (struct notify_value){ placeholders[i],
			i < NLINE ? notify_header_clean(values[i]) : values[i] };
	path = notify_template_path(s->sharedir, lang, r->event);
	st = notify_render(path, v, NPLACEHOLDERS, subject, body, e);
	g_free(path);
	free(reply);
	for (int i = 0; i < NLINE; i++)
		g_free((char *)v[i].value);
	if (st != MADO_OK)
		return st;
	tag = g_strdup_printf("[%s]", row->number);
	if (strstr(*subject, tag) == NULL) {
		char *tagged = g_strdup_printf("%s %s", tag, *subject);

		g_free(*subject);
		*subject = tagged;
	}
	g_free(tag);
	return MADO_OK;
}

int
notify_templates_check(const char *sharedir, void (*fn)(const struct mado_err *e, void *ctx),
	void *ctx)
{
	static const char *const langs[] = { "ja", "en" };
	static const char *const events[] = { "ack", "reply", "status", "assign" };
	struct notify_value v[NPLACEHOLDERS];
	int bad = 0;

	for (int i = 0; i < NPLACEHOLDERS; i++)
		v[i] = (struct notify_value){ placeholders[i], "x" };
	for (size_t l = 0; l < G_N_ELEMENTS(langs); l++)
		for (size_t k = 0; k < G_N_ELEMENTS(events); k++) {
			char *path = notify_template_path(sharedir, langs[l], events[k]);
			char *subject = NULL, *body = NULL;
			struct mado_err e = { 0 };

			if (notify_render(path, v, NPLACEHOLDERS, &subject, &body, &e) != MADO_OK) {
				fn(&e, ctx);
				bad++;
			}
			g_free(subject);
			g_free(body);
			g_free(path);
		}
	return bad;
}

static const char *
auto_submitted(const char *event)
{
	if (strcmp(event, "ack") == 0)
		return "auto-replied";
	return strcmp(event, "reply") == 0 ? NULL : "auto-generated";
}

int
notify_compose(struct db *db, const struct notify_settings *s, const struct outbox_row *r,
	struct notify_item *out, struct mado_err *e)
{
	struct ticket_row row = { 0 };
	struct thread t = { g_ptr_array_new_with_free_func(g_free), NULL };
	const char *refs[REFERENCES_MAX];
	char lang[3], *body = NULL;
	int st, nrefs = 0;

	memset(out, 0, sizeof *out);
	out->outbox_id = r->id;
	out->ticket_id = r->ticket_id;
	out->comment_id = r->comment_id;
	out->attempts = r->attempts;
	out->recipient = g_strdup(r->recipient);
	out->sender = notify_address_of(s->from);
	if (out->sender == NULL) {
		thread_clear(&t);
		return mado_err_set(e, MADO_ECONFIG, _("[smtp] from: '%s' is not a mail address"),
			s->from ? s->from : "");
	}
	out->message_id = notify_message_id_new(s->domain ? s->domain
		: strchr(out->sender, '@') + 1);
	st = ticket_get(db, r->ticket_id, &row, e);
	if (st == MADO_OK)
		recipient_lang(db, r, &row, lang);
	if (st == MADO_OK)
		st = render(db, s, r, &row, lang, &out->subject, &body, e);
	if (st == MADO_OK)
		st = mail_ids_of_ticket(db, r->ticket_id, thread_add, &t, e);
	if (st == MADO_OK) {
		/* the first message, then the newest */
		for (guint i = 0; i < t.ids->len && nrefs < REFERENCES_MAX; i++)
			if (i == 0 || t.ids->len - i < REFERENCES_MAX)
				refs[nrefs++] = g_ptr_array_index(t.ids, i);
		struct notify_mail m = {
			.from = s->from, .to = r->recipient, .subject = out->subject, .body = body,
			.lang = lang, .message_id = out->message_id,
			.in_reply_to = t.last_in != NULL ? t.last_in
				: nrefs > 0 ? refs[nrefs - 1] : NULL,
			.references = refs, .nreferences = nrefs,
			.auto_submitted = auto_submitted(r->event), .date = mado_now(),
		};
		st = notify_mime_build(&m, &out->raw, &out->len, e);
	}
	if (st != MADO_OK)
		mado_err_prefix(e, _("outbox #%lld: "), (long long)r->id);
	g_free(body);
	thread_clear(&t);
	ticket_row_clear(&row);
	return st;
}

void
notify_due_clear(struct notify_due *due, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < (int)G_N_ELEMENTS(due[i].strings); k++)
			g_free(due[i].strings[k]);
}

int64_t
notify_lease(int timeout, int rows)
{
	int64_t lease = (int64_t)timeout * (6 + 5 * (int64_t)rows);

	return lease < 86400 ? lease : 86400;
}

struct claim_ctx {
	const struct notify_settings *s;
	int64_t now;
	struct notify_due *due;
	int max, n;
};

static bool
ticket_taken(const struct claim_ctx *c, int64_t ticket_id)
{
	for (int i = 0; i < c->n; i++)
		if (ticket_id != 0 && c->due[i].row.ticket_id == ticket_id)
			return true;
	return false;
}

static int
take_row(const struct outbox_row *r, void *ctx)
{
	struct claim_ctx *c = ctx;
	struct notify_due *d = &c->due[c->n];
	const char **fields[] = { &d->row.event, &d->row.recipient, &d->row.lang, &d->row.state,
		&d->row.last_error, &d->row.message_id, &d->row.ticket_number };

	if (ticket_taken(c, r->ticket_id))
		return MADO_OK;
	d->row = *r;
	for (int i = 0; i < (int)G_N_ELEMENTS(fields); i++)
		*fields[i] = d->strings[i] = g_strdup(*fields[i] != NULL ? *fields[i] : "");
	c->n++;
	return MADO_OK;
}

static int
claim_txn(struct db *db, void *p, struct mado_err *e)
{
	struct claim_ctx *c = p;
	int64_t until;
	int st;

	/* db_txn() runs this again when the database was busy */
	notify_due_clear(c->due, c->n);
	c->n = 0;
	st = outbox_due(db, c->now, c->max, take_row, c, e);
	/* from the present: a long pass selects as of its start */
	until = mado_now() + notify_lease(c->s->timeout, c->n);
	for (int i = 0; i < c->n && st == MADO_OK; i++)
		st = outbox_claim(db, c->due[i].row.id, until, e);
	return st;
}

int
notify_claim(struct db *db, const struct notify_settings *s, int64_t now,
	struct notify_due *due, int max, int *n, struct mado_err *e)
{
	struct claim_ctx c = { s, now, due, max, 0 };
	int st = db_txn(db, claim_txn, &c, e);

	if (st != MADO_OK) {
		notify_due_clear(due, c.n);
		c.n = 0;
	}
	*n = c.n;
	return st;
}

struct release_ctx {
	const struct notify_due *due;
	int n;
};

static int
release_txn(struct db *db, void *p, struct mado_err *e)
{
	const struct release_ctx *c = p;
	int st = MADO_OK;

	for (int i = 0; i < c->n && st == MADO_OK; i++)
		st = outbox_claim(db, c->due[i].row.id, 0, e);
	return st;
}

int
notify_release(struct db *db, const struct notify_due *due, int n, struct mado_err *e)
{
	struct release_ctx c = { due, n };

	return n > 0 ? db_txn(db, release_txn, &c, e) : MADO_OK;
}

/* The server accepted it: sent, its Message-ID, the raw message kept. */
static int
record_sent(struct db *db, const struct notify_item *it, int64_t now, struct mado_err *e)
{
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)it->raw, it->len);
	struct mail_out m = {
		.ticket_id = it->ticket_id, .comment_id = it->comment_id, .outbox_id = it->outbox_id,
		.message_id = it->message_id, .sender = it->sender, .subject = it->subject,
		.raw_sha256 = sha, .at = now,
	};
	int st = outbox_set_sent(db, it->outbox_id, it->message_id, now, e);

	/* Another pass (a second madod, madod send) sent and recorded the row
	 * meanwhile. This copy went out too: it is kept, so a reply to it
	 * threads, and the rest of the batch is recorded, not sent again. */
	if (st == MADO_ENOTFOUND)
		st = MADO_OK;
	if (st == MADO_OK)
		st = blob_put(db, sha, it->raw, it->len, e);
	if (st == MADO_OK)
		st = mail_out_insert(db, &m, e);
	g_free(sha);
	return st;
}

/* A failed attempt: counted, the next one later, or given up. */
static int
record_failure(struct db *db, const struct notify_settings *s, struct notify_outcome *o,
	int64_t now, struct mado_err *e)
{
	int attempts = o->attempts + 1;

	o->gave_up = o->permanent || attempts >= s->max_attempts;
	return outbox_set_attempt(db, o->outbox_id, attempts, now + notify_backoff(attempts),
		o->gave_up ? "failed" : "pending", o->why, e);
}

struct record_ctx {
	const struct notify_settings *s;
	struct notify_outcome *o;
	int n;
	int64_t now;
};

static int
record_txn(struct db *db, void *p, struct mado_err *e)
{
	struct record_ctx *c = p;
	int st = MADO_OK;

	for (int i = 0; i < c->n && st == MADO_OK; i++)
		st = c->o[i].sent != NULL ? record_sent(db, c->o[i].sent, c->now, e)
			: record_failure(db, c->s, &c->o[i], c->now, e);
	return st;
}

int
notify_record(struct db *db, const struct notify_settings *s, struct notify_outcome *o, int n,
	int64_t now, struct mado_err *e)
{
	struct record_ctx c = { s, o, n, now };

	return n > 0 ? db_txn(db, record_txn, &c, e) : MADO_OK;
}
