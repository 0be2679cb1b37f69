#include "notify.h"

#include <auth-client.h>
#include <glib.h>
#include <openssl/ssl.h>   /* before libesmtp.h: declares smtp_starttls_set_ctx */
#include <libesmtp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/notify_outbox.h"
#include "daemon/smtp_tls.h"

enum { BATCH_DEFAULT = 100, BATCH_MAX = 1000 };

struct pass {
	struct db *db;
	const struct smtp_config *smtp;
	struct notify_settings s;
	char *user, *password;       /* AUTH, or NULL */
	SSL_CTX *tls;                /* smtp_tls.h; NULL with starttls = no */
	int64_t now;
	struct notify_counts *counts;
	struct notify_due *due;      /* claimed, batch of them */
	int ndue;
	struct notify_item *items;   /* composed, batch of them */
	int nitems;
	struct notify_outcome *out;  /* what came of each row of the batch */
	int nout;
	char session_error[512];     /* what the SMTP session said went wrong */
	bool in_auth;                /* an AUTH command awaits its outcome */
	char auth_refused[256];      /* the server's answer to AUTH when it said
	                              * no, "" when AUTH succeeded or was not tried */
};

/* A row of the batch that was not sent. */
static void
not_sent(struct pass *p, int64_t id, int attempts, bool permanent, const char *why)
{
	struct notify_outcome *o = &p->out[p->nout++];

	*o = (struct notify_outcome){ .outbox_id = id, .attempts = attempts,
		.permanent = permanent };
	g_strlcpy(o->why, why, sizeof o->why);
}

static void
session_event(smtp_session_t session, int event, void *arg, ...)
{
	struct pass *p = arg;
	char *why = p->session_error;
	size_t n = sizeof p->session_error;
	va_list ap;

	va_start(ap, arg);
	switch (event) {
	case SMTP_EV_EXTNA_STARTTLS:
		snprintf(why, n, "%s",
			_("the server does not offer STARTTLS ([smtp] starttls = require)"));
		break;
	case SMTP_EV_INVALID_PEER_CERTIFICATE:
		smtp_tls_refusal(p->smtp, va_arg(ap, long), why, n);
		break;
	case SMTP_EV_NO_PEER_CERTIFICATE:
		snprintf(why, n, "%s", _("the server sent no TLS certificate"));
		break;
	case SMTP_EV_WRONG_PEER_CERTIFICATE:
		(void)va_arg(ap, int *);
		snprintf(why, n, _("the server's TLS certificate is for %s, not for [smtp] host %s"),
			va_arg(ap, const char *), p->smtp->host);
		break;
	default:
		break;
	}
	va_end(ap);
}

/* libesmtp goes on without AUTH when the server refuses it; the protocol
 * as it passes says whether it did, for the error of the mails the server
 * then refuses. Only the start of the lines is looked at (an AUTH line
 * carries the password). */
static void
session_monitor(const char *buf, int len, int writing, void *arg)
{
	struct pass *p = arg;
	int end = 0;

	if (writing == SMTP_CB_WRITING) {
		if (len >= 5 && g_ascii_strncasecmp(buf, "AUTH ", 5) == 0)
			p->in_auth = true;
		return;
	}
	if (writing != SMTP_CB_READING || !p->in_auth || len < 4 || buf[0] == '3')
		return;
	p->in_auth = false;
	if (buf[0] == '2') {
		p->auth_refused[0] = '\0';
		return;
	}
	while (end < len && buf[end] != '\r' && buf[end] != '\n')
		end++;
	snprintf(p->auth_refused, sizeof p->auth_refused, "%.*s", end, buf);
}

static int
auth_interact(auth_client_request_t req, char **result, int fields, void *arg)
{
	struct pass *p = arg;

	for (int i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_USER)
			result[i] = p->user;
		else if (req[i].flags & AUTH_PASS)
			result[i] = p->password;
		else
			return 0;
	}
	return 1;
}

/* The server's answer to a message that was not accepted. */
static void
refusal(smtp_message_t msg, smtp_recipient_t rcpt, char *why, size_t n, bool *permanent)
{
	const smtp_status_t *rs = smtp_reverse_path_status(msg);
	const smtp_status_t *ts = smtp_message_transfer_status(msg);
	const smtp_status_t *use = ts;

	if (rs != NULL && rs->code >= 400)
		use = rs;
	else {
		const smtp_status_t *cs = rcpt != NULL ? smtp_recipient_status(rcpt) : NULL;

		if (cs != NULL && cs->code >= 400)
			use = cs;
	}
	*permanent = use != NULL && use->code >= 500 && use->code < 600;
	if (use != NULL && use->code != 0)
		snprintf(why, n, "%d %s", use->code, use->text ? g_strchomp(use->text) : "");
	else
		snprintf(why, n, "%s", "");
}

/* Sends the composed items over one SMTP connection; the outcome of each. */
static void
send_batch(struct pass *p)
{
	smtp_session_t session = smtp_create_session();
	smtp_message_t *msgs = g_new0(smtp_message_t, p->nitems);
	smtp_recipient_t *rcpts = g_new0(smtp_recipient_t, p->nitems);
	auth_context_t auth = NULL;
	char server[300], why[512];
	int started;

	snprintf(server, sizeof server, "%s:%d", p->smtp->host, p->smtp->port);
	smtp_set_server(session, server);
	/* A server that hangs must not hold the service for RFC 5321's
	 * minutes: [smtp] timeout for each answer, twice that for the end of
	 * the data (libesmtp counts milliseconds). */
	for (int i = Timeout_GREETING; i <= Timeout_TRANSFER; i++)
		smtp_set_timeout(session, i | Timeout_OVERRIDE_RFC2822_MINIMUM,
			p->smtp->timeout * 1000L);
	smtp_set_timeout(session, Timeout_DATA2 | Timeout_OVERRIDE_RFC2822_MINIMUM,
		p->smtp->timeout * 2000L);
	smtp_starttls_enable(session, p->smtp->starttls == SMTP_STARTTLS_NO ? Starttls_DISABLED
		: p->smtp->starttls == SMTP_STARTTLS_TRY ? Starttls_ENABLED : Starttls_REQUIRED);
	if (p->tls != NULL)
		smtp_starttls_set_ctx(session, p->tls);
	smtp_set_eventcb(session, session_event, p);
	if (p->user != NULL) {
		auth = auth_create_context();
		auth_set_mechanism_flags(auth, AUTH_PLUGIN_PLAIN, 0);
		auth_set_interact_cb(auth, auth_interact, p);
		smtp_auth_set_context(session, auth);
		smtp_set_monitorcb(session, session_monitor, p, 0);
	}
	for (int i = 0; i < p->nitems; i++) {
		msgs[i] = smtp_add_message(session);
		smtp_set_reverse_path(msgs[i], p->items[i].sender);
		rcpts[i] = smtp_add_recipient(msgs[i], p->items[i].recipient);
		smtp_set_message_str(msgs[i], p->items[i].raw);
	}
	p->session_error[0] = p->auth_refused[0] = '\0';
	p->in_auth = false;
	started = smtp_start_session(session);
	if ((!started || smtp_errno() != 0) && p->session_error[0] == '\0') {
		char buf[256];

		snprintf(p->session_error, sizeof p->session_error, "%s: %s", server,
			smtp_strerror(smtp_errno(), buf, sizeof buf));
	}
	for (int i = 0; i < p->nitems; i++) {
		const smtp_status_t *ts = smtp_message_transfer_status(msgs[i]);
		bool permanent = false;

		if (ts != NULL && ts->code >= 200 && ts->code < 300) {
			p->out[p->nout++] = (struct notify_outcome){ .outbox_id = p->items[i].outbox_id,
				.sent = &p->items[i] };
			continue;
		}
		if (p->auth_refused[0] != '\0')
			/* what the server says next (530 authentication required,
			 * or a refused relay) follows from this: wait for a new
			 * password rather than failing for good */
			snprintf(why, sizeof why, _("%s: authentication as %s refused: %s"), server,
				p->user, p->auth_refused);
		else
			refusal(msgs[i], rcpts[i], why, sizeof why, &permanent);
		if (why[0] == '\0')
			snprintf(why, sizeof why, "%s", p->session_error[0] ? p->session_error
				: _("the server did not take the message"));
		not_sent(p, p->items[i].outbox_id, p->items[i].attempts, permanent, why);
	}
	smtp_destroy_session(session);
	if (auth != NULL)
		auth_destroy_context(auth);
	g_free(msgs);
	g_free(rcpts);
}

/* Composes the claimed rows; those that cannot be made count a failed
 * attempt. Only a wrong [smtp] from stops it. */
static int
compose_due(struct pass *p, struct mado_err *e)
{
	p->nitems = p->nout = 0;
	for (int i = 0; i < p->ndue; i++) {
		const struct outbox_row *r = &p->due[i].row;
		struct mado_err ce = { 0 };

		if (notify_compose(p->db, &p->s, r, &p->items[p->nitems], &ce) == MADO_OK) {
			p->nitems++;
			continue;
		}
		notify_item_clear(&p->items[p->nitems]);
		if (ce.status == MADO_ECONFIG) {
			*e = ce;
			return ce.status;
		}
		not_sent(p, r->id, r->attempts, false, ce.msg);
	}
	return MADO_OK;
}

/* Records the batch's outcomes in one transaction and counts them. */
static int
record(struct pass *p, struct mado_err *e)
{
	int st = notify_record(p->db, &p->s, p->out, p->nout, p->now, e);

	for (int i = 0; i < p->nout && st == MADO_OK; i++) {
		const struct notify_outcome *o = &p->out[i];

		if (o->sent != NULL)
			p->counts->sent++;
		else {
			if (o->gave_up)
				p->counts->failed++;
			else
				p->counts->retry++;
			g_strlcpy(p->counts->last_error, o->why, sizeof p->counts->last_error);
		}
	}
	return st;
}

static int
pass_setup(struct pass *p, const struct notify_cfg *cfg, struct mado_err *e)
{
	static gsize auth_ready;
	const struct smtp_config *c = cfg->smtp;

	if (c == NULL || c->from == NULL)
		return mado_err_set(e, MADO_ECONFIG,
			_("[smtp] from: not configured; notifications cannot be sent"));
	p->smtp = c;
	p->s.sharedir = cfg->sharedir != NULL ? cfg->sharedir : mado_sharedir();
	p->s.from = c->from;
	p->s.domain = c->domain;
	p->s.max_attempts = c->max_attempts;
	p->s.timeout = c->timeout;
	if (smtp_tls_ctx(c, &p->tls, e) != MADO_OK)
		return e->status;
	if (c->user == NULL)
		return MADO_OK;
	if (g_once_init_enter(&auth_ready)) {
		auth_client_init();
		g_once_init_leave(&auth_ready, 1);
	}
	p->user = g_strdup(c->user);
	return config_smtp_password(c, &p->password, e);
}

int
notify_run(struct db *db, const struct notify_cfg *cfg, struct notify_counts *out,
	struct mado_err *e)
{
	struct pass p = { .db = db, .counts = out, .now = mado_now() };
	int batch = cfg->batch > 0 && cfg->batch <= BATCH_MAX ? cfg->batch : BATCH_DEFAULT;
	int st;

	memset(out, 0, sizeof *out);
	st = pass_setup(&p, cfg, e);
	p.due = g_new0(struct notify_due, batch);
	p.items = g_new0(struct notify_item, batch);
	p.out = g_new0(struct notify_outcome, batch);
	while (st == MADO_OK && (cfg->stop == NULL || !*cfg->stop)) {
		notify_due_clear(p.due, p.ndue);
		p.ndue = 0;
		st = notify_claim(db, &p.s, p.now, p.due, batch, &p.ndue, e);
		if (st != MADO_OK || p.ndue == 0)
			break;
		st = compose_due(&p, e);
		if (st == MADO_OK && p.nitems > 0)
			send_batch(&p);
		if (st == MADO_OK)
			st = record(&p, e);
		else {
			/* nothing was sent: the rows are free for the next pass */
			struct mado_err ignored = { 0 };

			notify_release(db, p.due, p.ndue, &ignored);
		}
		for (int i = 0; i < p.nitems; i++)
			notify_item_clear(&p.items[i]);
	}
	notify_due_clear(p.due, p.ndue);
	g_free(p.due);
	g_free(p.items);
	g_free(p.out);
	g_free(p.user);
	SSL_CTX_free(p.tls);
	if (p.password != NULL)
		explicit_bzero(p.password, strlen(p.password));
	g_free(p.password);
	return st;
}

static void
print_problem(const struct mado_err *e, void *ctx)
{
	fprintf(stderr, "madod: %s\n", e->msg);
}

int
notify_check(const struct smtp_config *smtp, const char *sharedir)
{
	static const char *const tls[] = { "no", "try", "require" };
	struct mado_err e = { 0 };
	char *password = NULL;
	SSL_CTX *ctx = NULL;
	int bad = notify_templates_check(sharedir != NULL ? sharedir : mado_sharedir(),
		print_problem, NULL);

	if (smtp->from == NULL) {
		printf(_("notifications: not sent ([smtp] from is not set)\n"));
		return bad;
	}
	printf(_("notifications: from %s through %s:%d, starttls %s%s%s\n"), smtp->from,
		smtp->host, smtp->port, tls[smtp->starttls], smtp->user ? _(", AUTH as ") : "",
		smtp->user ? smtp->user : "");
	if (smtp->user != NULL && config_smtp_password(smtp, &password, &e) != MADO_OK) {
		print_problem(&e, NULL);
		bad++;
	}
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		g_free(password);
	}
	if (smtp_tls_ctx(smtp, &ctx, &e) != MADO_OK) {
		print_problem(&e, NULL);
		bad++;
	}
	SSL_CTX_free(ctx);
	return bad;
}

int
notify_run_once(struct db *db, const struct notify_cfg *cfg, int *sent, struct mado_err *e)
{
	struct notify_counts counts;
	int st = notify_run(db, cfg, &counts, e);

	*sent = counts.sent;
	return st;
}
