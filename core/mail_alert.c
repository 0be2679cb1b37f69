/* Monitoring alerts on their way in: repeated problems of one failure
 * fold into its open incident, a recovery notes recovery on it. */
#include "mail_intake_impl.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "core/ticket.h"
#include "core/workflow.h"
#include "db/mail_store.h"

/* How far a Date: may lie behind arrival and still be when it happened. */
#define DATE_PAST_MAX (7 * 86400)
#define DATE_FUTURE_MAX 300

/* When the monitoring system saw it: the Date: the alert was written
 * with, unless that is missing or implausible; else its arrival. */
static int64_t
alert_time(const struct intake *in)
{
	int64_t d = in->m->date;

	return d > 0 && d >= in->now - DATE_PAST_MAX && d <= in->now + DATE_FUTURE_MAX
		? d : in->now;
}

/* Whether the incident has been resolved or closed by hand since the
 * failure opened: a new problem then is a new incident. */
static int
incident_ended(struct db *db, int64_t id, bool *ended, struct mado_err *e)
{
	struct ticket_row row;
	struct workflow wf;
	int from, st = ticket_get(db, id, &row, e);

	*ended = false;
	if (st == MADO_OK)
		st = workflow_load(&wf, row.kind, e);
	from = st == MADO_OK ? workflow_status(&wf, row.status) : -1;
	ticket_row_clear(&row);
	if (from >= 0)
		*ended = (wf.statuses[from].flags & (WF_RESOLVED | WF_CLOSED)) != 0;
	return st;
}

/* A new incident for the failure, in the rule's queue (else the one the
 * mail came to); codes the masters do not know are named in its text. */
static int
open_incident(struct db *db, struct intake *in, const struct alert_match *am, int64_t *id,
	struct mado_err *e)
{
	GString *body = g_string_new(in->text);
	struct ticket_draft d = {
		.kind = "incident", .subject = in->subject, .source = "alert",
		.queue = am->queue != NULL && intake_code_known(db, "queue", am->queue)
			? am->queue : in->queue,
		.priority = am->priority, .no_ack = true,
		.occurred_at = in->occurred_at, .after_hours = in->after_hours,
	};
	int st;

	if (am->system != NULL && intake_code_known(db, "system", am->system))
		d.system = am->system;
	else if (am->system != NULL)
		g_string_append_printf(body, _("\n\n(alert rule %s: no managed system '%s')"),
			am->rule, am->system);
	if (am->category != NULL && intake_code_known(db, "category", am->category))
		d.category = am->category;
	else if (am->category != NULL)
		g_string_append_printf(body, _("\n\n(alert rule %s: no category '%s')"),
			am->rule, am->category);
	if (am->queue != NULL && d.queue == in->queue)
		g_string_append_printf(body, _("\n\n(alert rule %s: no queue '%s')"),
			am->rule, am->queue);
	d.body = body->str;
	st = ticket_create(db, &in->sys, &d, id, NULL, e);
	if (st == MADO_OK)
		st = alert_open_insert(db, *id, am->rule, am->host, am->check, in->occurred_at, e);
	g_string_free(body, TRUE);
	return st;
}

static int
problem(struct db *db, struct intake *in, const struct alert_match *am, struct mado_err *e)
{
	int64_t id = 0;
	bool ended = false;
	int st = alert_open_find(db, am->rule, am->host, am->check, &id, e);

	if (st == MADO_OK)
		st = incident_ended(db, id, &ended, e);
	if (st == MADO_OK && ended) {
		st = alert_close(db, id, 0, e);
		id = 0;
	}
	if (st != MADO_OK && st != MADO_ENOTFOUND)
		return st;
	in->out->disposition = MAIL_ALERT;
	in->occurrence = "problem";
	if (id == 0) {
		in->attach = true;
		st = open_incident(db, in, am, &in->out->ticket_id, e);
	} else {
		in->out->ticket_id = id;
		st = ticket_alert_repeat(db, &in->sys, id, e);
		if (st == MADO_OK)
			st = alert_seen(db, id, in->occurred_at, e);
	}
	return st;
}

/* Recovery of an open failure; of nothing open, nothing is made. */
static int
recovery(struct db *db, struct intake *in, const struct alert_match *am, struct mado_err *e)
{
	int64_t id = 0;
	int st = alert_open_find(db, am->rule, am->host, am->check, &id, e);

	if (st == MADO_ENOTFOUND) {
		in->out->disposition = MAIL_IGNORED;
		return MADO_OK;
	}
	in->out->disposition = MAIL_RECOVERY;
	in->occurrence = "recovery";
	if (st == MADO_OK)
		st = intake_comment(db, in, id, in->text, e);
	if (st == MADO_OK)
		st = ticket_alert_recovered(db, &in->sys, id, in->occurred_at, e);
	if (st == MADO_OK)
		st = alert_close(db, id, in->occurred_at, e);
	return st;
}

int
intake_alert(struct db *db, struct intake *in, const struct alert_match *am,
	struct mado_err *e)
{
	in->occurred_at = alert_time(in);
	in->after_hours = !calendar_in_office_hours(&in->cal, in->occurred_at);
	return am->recovery ? recovery(db, in, am, e) : problem(db, in, am, e);
}
