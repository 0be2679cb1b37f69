/* Taking one message in: exactly once per queue, in one transaction, as
 * the system account. See core/mail_intake.h for what becomes of it. */
#include "mail_intake.h"
#include "mail_intake_impl.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/attachment.h"
#include "core/master.h"
#include "core/ticket.h"
#include "core/workflow.h"
#include "db/attachment_store.h"
#include "db/audit_store.h"
#include "db/mail_store.h"
#include "db/master_store.h"

/* Room left in a ticket's text (1 MiB) for the notes after the body. */
#define TEXT_BODY_MAX 1000000
#define SUBJECT_MAX 200
#define NAME_MAX_CHARS 100
#define TAGS_MAX 8
#define NOTES_MAX 50

static const char *const dispositions[] = {
	[MAIL_NEW] = "new", [MAIL_REPLY] = "reply", [MAIL_ALERT] = "alert",
	[MAIL_RECOVERY] = "recovery", [MAIL_BOUNCE] = "bounce", [MAIL_DUPLICATE] = "duplicate",
	[MAIL_IGNORED] = "ignored",
};

/* s as one line of at most max characters: valid UTF-8, control
 * characters (C0 and C1) as spaces, no surrounding space. Newly allocated. */
static char *
one_line(const char *s, glong max)
{
	char *v = g_utf8_make_valid(s != NULL ? s : "", -1), *out;
	GString *line = g_string_sized_new(strlen(v));

	for (const char *p = v; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_iscntrl(c))
			g_string_append_c(line, ' ');
		else
			g_string_append_unichar(line, c);
	}
	g_free(v);
	v = g_strstrip(g_string_free(line, FALSE));
	if (g_utf8_strlen(v, -1) <= max)
		return v;
	out = g_utf8_substring(v, 0, max);
	g_free(v);
	return out;
}

bool
intake_code_known(struct db *db, const char *kind, const char *code)
{
	const struct master_kind *mk = master_kind_find(kind);
	const char *key[1] = { code };
	struct mado_err ignored = { 0 };
	int64_t id;

	return mk != NULL && code != NULL &&
		master_store_get(db, kind, key, 1, mk->ncols, &id, NULL, &ignored) == MADO_OK;
}

/* The text of a ticket or comment: the body (cut to what a ticket holds;
 * the raw message keeps all of it) and a note for each attachment too
 * large to keep, whose part_fits is left false. */
static int
prepare_text(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	char *body = g_utf8_make_valid(m->body != NULL ? m->body : "", -1);
	GString *t = g_string_new(body);
	int notes = 0, st = MADO_OK;

	g_free(body);
	if (t->len > TEXT_BODY_MAX) {
		size_t cut = TEXT_BODY_MAX;

		while (cut > 0 && ((unsigned char)t->str[cut] & 0xc0) == 0x80)
			cut--;
		g_string_truncate(t, cut);
		g_string_append_printf(t, _("\n\n(The message is longer than %d bytes; all of it"
			" is in the attached message.eml.)"), TEXT_BODY_MAX);
	}
	in->part_fits = g_new0(bool, m->nparts > 0 ? m->nparts : 1);
	for (int i = 0; i < m->nparts && st == MADO_OK; i++) {
		struct mado_err why = { 0 };

		st = attachment_check_size(db, m->parts[i].filename, (int64_t)m->parts[i].size, &why);
		in->part_fits[i] = st == MADO_OK;
		if (st == MADO_EDATA) {
			if (notes++ < NOTES_MAX)
				g_string_append_printf(t, "%s%s%s", notes == 1 ? "\n\n" : "\n",
					_("Not attached: "), why.msg);
			st = MADO_OK;
		} else if (st != MADO_OK)
			*e = why;
	}
	if (notes > NOTES_MAX)
		g_string_append_printf(t, _("\n(%d more attachments not attached)"), notes - NOTES_MAX);
	in->text = g_string_free(t, FALSE);
	return st;
}

/* Where the message starts past the trace fields an MTA puts on top of
 * it for each mailbox it delivers to: the same message in two of our
 * mailboxes has the same bytes from there on. */
static size_t
past_trace(const char *raw, size_t len)
{
	static const char *const trace[] = { "Return-Path:", "Received:", "Delivered-To:",
		"X-Original-To:", "X-Delivered-To:", "Envelope-To:" };
	size_t pos = 0;

	for (;;) {
		bool is_trace = false;

		for (size_t i = 0; i < G_N_ELEMENTS(trace) && !is_trace; i++)
			is_trace = len - pos > strlen(trace[i]) &&
				g_ascii_strncasecmp(raw + pos, trace[i], strlen(trace[i])) == 0;
		if (!is_trace)
			return pos;
		/* the field and its continuation lines */
		do {
			const char *nl = memchr(raw + pos, '\n', len - pos);

			if (nl == NULL)
				return pos;
			pos = (size_t)(nl - raw) + 1;
		} while (pos < len && (raw[pos] == ' ' || raw[pos] == '\t'));
	}
}

static int
prepare(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	char *name = one_line(m->from.name, NAME_MAX_CHARS);

	in->raw_sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
		(const guchar *)in->raw, in->len);
	if (m->message_id != NULL && *m->message_id != '\0')
		in->message_id = one_line(m->message_id, 900);
	else {
		size_t off = past_trace(in->raw, in->len);
		char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
			(const guchar *)in->raw + off, in->len - off);

		in->message_id = g_strdup_printf("sha256:%s", sha);
		g_free(sha);
	}
	if (*name != '\0' && m->from.email != NULL && *m->from.email != '\0')
		in->sender = g_strdup_printf("%s <%s>", name, m->from.email);
	else if (*name != '\0')
		in->sender = g_strdup(name);
	else
		in->sender = one_line(m->from.email, 254);
	g_free(name);
	in->subject = one_line(m->subject, SUBJECT_MAX);
	/* Blank as a ticket's subject counts it (ideographic spaces too). */
	if (strspn(in->subject, " \t\xe3\x80\x80") == strlen(in->subject)) {
		g_free(in->subject);
		in->subject = g_strdup(_("(no subject)"));
	}
	identity_system(&in->sys);
	if (in->opts->calendar != NULL)
		in->cal = *in->opts->calendar;
	else
		calendar_default(&in->cal);
	in->now = mado_now();
	return prepare_text(db, in, e);
}

/* The ticket whose number is a tag in the subject ("[INQ-2026-000123]"),
 * whatever the kind's numbering pattern. */
static int
ticket_by_tag(struct db *db, const char *subject, int64_t *id, struct mado_err *e)
{
	const char *p = subject;
	int st = MADO_ENOTFOUND;

	*id = 0;
	for (int n = 0; n < TAGS_MAX && st == MADO_ENOTFOUND && (p = strchr(p, '[')) != NULL; n++) {
		const char *close = strchr(++p, ']');
		size_t len = close != NULL ? (size_t)(close - p) : 0;
		char tag[TICKET_NUMBER_MAX];

		if (len == 0 || len >= sizeof tag || memchr(p, ' ', len) != NULL)
			continue;
		memcpy(tag, p, len);
		tag[len] = '\0';
		st = ticket_id_by_number(db, tag, id, e);
	}
	return st;
}

/* The ticket of a message this one answers (In-Reply-To, then References
 * newest first), sent or received. */
static int
ticket_by_thread(struct db *db, const struct mail_msg *m, int64_t *id, struct mado_err *e)
{
	int st = MADO_ENOTFOUND;

	*id = 0;
	if (m->in_reply_to != NULL && *m->in_reply_to != '\0')
		st = mail_lookup(db, NULL, m->in_reply_to, id, e);
	for (int i = m->nreferences - 1;
	    i >= 0 && (st == MADO_ENOTFOUND || (st == MADO_OK && *id == 0)); i--)
		st = mail_lookup(db, NULL, m->references[i], id, e);
	if (st == MADO_OK && *id == 0)
		st = MADO_ENOTFOUND;
	return st;
}

/* A reply on a resolved ticket opens it again when its workflow lets the
 * system account do so; closed tickets stay closed. */
static int
reopen_if_resolved(struct db *db, struct intake *in, int64_t id, struct mado_err *e)
{
	struct ticket_row row;
	struct workflow wf;
	struct mado_err ignored = { 0 };
	int from, to, st = ticket_get(db, id, &row, e);

	if (st == MADO_OK)
		st = workflow_load(&wf, row.kind, e);
	from = st == MADO_OK ? workflow_status(&wf, row.status) : -1;
	ticket_row_clear(&row);
	if (st != MADO_OK || from < 0 || !(wf.statuses[from].flags & WF_RESOLVED) ||
	    (wf.statuses[from].flags & WF_CLOSED))
		return st;
	to = workflow_reopen_target(&wf, from);
	if (to < 0 || workflow_check(&wf, from, to, &in->sys, &ignored) != MADO_OK)
		return MADO_OK;
	return ticket_reopen(db, &in->sys, id, e);
}

int
intake_comment(struct db *db, struct intake *in, int64_t id, const char *body,
	struct mado_err *e)
{
	in->out->ticket_id = id;
	in->attach = true;
	return ticket_incoming(db, &in->sys, id, in->sender, body, &in->comment_id, e);
}

static int
take_reply(struct db *db, struct intake *in, int64_t id, struct mado_err *e)
{
	int st = intake_comment(db, in, id, in->text, e);

	in->out->disposition = MAIL_REPLY;
	/* An automatic answer (a vacation notice) is kept but reopens nothing. */
	if (st != MADO_OK || in->m->auto_submitted || in->m->bulk)
		return st;
	return reopen_if_resolved(db, in, id, e);
}

/* A delivery failure joins the ticket of the message it reports on,
 * without reopening it; a failure of nothing we sent belongs nowhere. */
static int
take_bounce(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	int64_t id = 0;
	char *body;
	int st = MADO_ENOTFOUND;

	if (m->bounce_of != NULL && *m->bounce_of != '\0')
		st = mail_lookup(db, "out", m->bounce_of, &id, e);
	if (st == MADO_ENOTFOUND || (st == MADO_OK && id == 0)) {
		in->out->disposition = MAIL_IGNORED;
		return MADO_OK;
	}
	if (st != MADO_OK)
		return st;
	in->out->disposition = MAIL_BOUNCE;
	body = g_strdup_printf(_("Mail from the help desk could not be delivered (%s).\n\n%s"),
		m->bounce_of, in->text);
	st = intake_comment(db, in, id, body, e);
	g_free(body);
	return st;
}

/* Whether the sender may have an acknowledgement: not an automatic or
 * list message, not a daemon or no-reply address, not one of ours, and
 * within the per-hour limit. */
static int
may_acknowledge(struct db *db, struct intake *in, const char *addr, bool *yes,
	struct mado_err *e)
{
	static const char *const daemons[] = { "mailer-daemon", "postmaster" };
	static const char *const noreply[] = { "no-reply", "noreply", "no_reply", "donotreply",
		"do-not-reply", "do_not_reply" };
	const struct mail_msg *m = in->m;
	const char *at = strchr(addr, '@');
	char *local = g_ascii_strdown(addr, at != NULL ? at - addr : -1);
	int64_t sent = 0;
	bool own = false, robot = false;
	int st = MADO_OK;

	for (size_t i = 0; i < G_N_ELEMENTS(daemons); i++)
		robot = robot || strcmp(local, daemons[i]) == 0;
	for (size_t i = 0; i < G_N_ELEMENTS(noreply); i++)
		robot = robot || g_str_has_prefix(local, noreply[i]);
	g_free(local);
	*yes = false;
	if (*addr == '\0' || robot || m->auto_submitted || m->bulk || m->bounce ||
	    in->opts->autoreply_per_hour <= 0)
		return MADO_OK;
	if ((st = mail_is_queue_address(db, addr, &own, e)) != MADO_OK || own)
		return st;
	if ((st = autoreply_count(db, addr, in->now - 3600, &sent, e)) != MADO_OK)
		return st;
	*yes = sent < in->opts->autoreply_per_hour;
	return *yes ? autoreply_add(db, addr, in->now, e) : MADO_OK;
}

/* A new inquiry in the queue, from the sender. */
static int
take_new(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	struct mado_err bad = { 0 };
	char *name = one_line(m->from.name, NAME_MAX_CHARS);
	const char *addr = m->from.email != NULL ? m->from.email : "";
	struct ticket_draft d = {
		.kind = "inquiry", .subject = in->subject, .body = in->text, .queue = in->queue,
		.requester_name = name, .source = "mail",
	};
	bool ack = false;
	int st = MADO_OK;

	/* An address a reply could not go to is no requester's address. */
	if (*addr != '\0' && strlen(addr) <= 254 && strpbrk(addr, " <>,;\"\r\n") == NULL &&
	    strchr(addr, '@') != NULL)
		d.requester_email = addr;
	if (d.requester_email != NULL)
		st = mail_sender_match(db, addr, &d.requester_staff_id, &d.requester_contact_id, e);
	if (st == MADO_OK)
		st = may_acknowledge(db, in, d.requester_email ? addr : "", &ack, e);
	d.no_ack = !ack;
	if (st == MADO_OK) {
		st = ticket_create(db, &in->sys, &d, &in->out->ticket_id, NULL, &bad);
		/* An address our own checks refuse: keep the message, drop the address. */
		if (st == MADO_EDATA && d.requester_email != NULL) {
			d.requester_email = NULL;
			d.no_ack = true;
			st = ticket_create(db, &in->sys, &d, &in->out->ticket_id, NULL, e);
		} else if (st != MADO_OK)
			*e = bad;
	}
	g_free(name);
	in->out->disposition = MAIL_NEW;
	in->attach = true;
	return st;
}

/* What the message is: a bounce, a reply by tag, an alert, a reply by
 * thread, or new. */
static int
take(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	struct alert_match am;
	int64_t id = 0;
	int st;

	if (m->bounce)
		return take_bounce(db, in, e);
	if ((st = ticket_by_tag(db, in->subject, &id, e)) != MADO_ENOTFOUND)
		return st != MADO_OK ? st : take_reply(db, in, id, e);
	if (in->opts->alerts != NULL &&
	    alert_rules_match(in->opts->alerts, m->from.email ? m->from.email : "", in->subject,
	    &am)) {
		st = intake_alert(db, in, &am, e);
		alert_match_clear(&am);
		return st;
	}
	if ((st = ticket_by_thread(db, m, &id, e)) != MADO_ENOTFOUND)
		return st != MADO_OK ? st : take_reply(db, in, id, e);
	return take_new(db, in, e);
}

/* The raw message and the parts that fit, kept with the ticket. */
static int
attach_all(struct db *db, struct intake *in, struct mado_err *e)
{
	const struct mail_msg *m = in->m;
	int64_t aid;
	int st = attachment_record(db, &in->sys, "ticket", in->out->ticket_id, "message.eml",
		"message/rfc822", in->raw_sha256, (int64_t)in->len, &aid, e);

	for (int i = 0; i < m->nparts && st == MADO_OK; i++)
		if (in->part_fits[i])
			st = attachment_add(db, &in->sys, "ticket", in->out->ticket_id,
				m->parts[i].filename, m->parts[i].data, m->parts[i].size, &aid, e);
	return st;
}

static int
record(struct db *db, struct intake *in, struct mado_err *e)
{
	struct mail_intake_result *out = in->out;
	struct mail_insert row = {
		.direction = "in", .queue = in->queue, .message_id = in->message_id,
		.ticket_id = out->ticket_id, .comment_id = in->comment_id,
		.sender = in->m->from.email, .subject = in->subject,
		.disposition = dispositions[out->disposition], .raw_sha256 = in->raw_sha256,
		.at = in->now,
	};
	struct audit_entry a = {
		.action = "mail_in", .entity = "mail_message", .field = row.disposition,
		.new_value = in->message_id,
	};
	int st = mail_insert(db, &row, &out->mail_id, e);

	a.entity_id = out->mail_id;
	if (st == MADO_OK)
		st = actor_audit(db, &in->sys, &a, e);
	if (st == MADO_OK && in->occurrence != NULL)
		st = alert_occurrence_add(db, out->ticket_id, in->occurrence, in->occurred_at,
			in->after_hours, out->mail_id, e);
	if (st == MADO_OK && in->attach && out->ticket_id > 0)
		st = attach_all(db, in, e);
	return st;
}

/* The number of the ticket the message went to, for the caller. */
static int
ticket_number(struct db *db, struct mail_intake_result *out, struct mado_err *e)
{
	struct ticket_row row;
	int st;

	if (out->ticket_id <= 0)
		return MADO_OK;
	if ((st = ticket_get(db, out->ticket_id, &row, e)) == MADO_OK)
		g_strlcpy(out->number, row.number, sizeof out->number);
	ticket_row_clear(&row);
	return st;
}

static int
intake_txn(struct db *db, void *p, struct mado_err *e)
{
	struct intake *in = p;
	struct mail_intake_result *out = in->out;
	int64_t ticket = 0;
	int st;

	memset(out, 0, sizeof *out);
	in->comment_id = 0;
	in->attach = false;
	in->occurrence = NULL;
	st = mail_find_in(db, in->queue, in->message_id, &out->mail_id, &out->ticket_id, e);
	if (st == MADO_OK)
		out->disposition = MAIL_DUPLICATE;
	if (st != MADO_ENOTFOUND)
		return st != MADO_OK ? st : ticket_number(db, out, e);
	/* A mail we sent, come back to one of our addresses (a requester
	 * address that is ours): nobody's reply. */
	st = mail_lookup(db, "out", in->message_id, &ticket, e);
	/* The same message reached another of our addresses first: one ticket. */
	if (st == MADO_ENOTFOUND)
		st = mail_lookup(db, "in", in->message_id, &ticket, e);
	if (st == MADO_OK) {
		out->disposition = MAIL_DUPLICATE;
		out->ticket_id = ticket;
	} else if (st == MADO_ENOTFOUND)
		st = take(db, in, e);
	if (st == MADO_OK)
		st = blob_put(db, in->raw_sha256, in->raw, in->len, e);
	if (st == MADO_OK)
		st = record(db, in, e);
	return st != MADO_OK ? st : ticket_number(db, out, e);
}

int
mail_intake(struct db *db, const struct mail_intake_opts *opts, const char *queue,
	const char *raw, size_t len, struct mail_intake_result *out, struct mado_err *e)
{
	struct mail_msg m = { 0 };
	struct intake in = {
		.opts = opts, .queue = queue, .raw = raw, .len = len, .m = &m, .out = out,
	};
	int st;

	memset(out, 0, sizeof *out);
	if (len == 0)
		return mado_err_set(e, MADO_EDATA, _("the message is empty"));
	if (!intake_code_known(db, "queue", queue))
		return mado_err_set(e, MADO_ENOTFOUND, _("no queue '%s'"), queue);
	if ((st = mail_parse(raw, len, &m, e)) != MADO_OK)
		return st;
	st = prepare(db, &in, e);
	if (st == MADO_OK)
		st = db_txn(db, intake_txn, &in, e);
	/* Not found is the queue's answer alone: anything else missing on
	 * the way is a failure to try again. */
	if (st == MADO_ENOTFOUND)
		st = MADO_EFAIL;
	mail_msg_clear(&m);
	g_free(in.message_id);
	g_free(in.raw_sha256);
	g_free(in.sender);
	g_free(in.subject);
	g_free(in.text);
	g_free(in.part_fits);
	return st;
}
