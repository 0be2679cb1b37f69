/* The per-kind detail of a ticket: when an inquiry was answered; an
 * incident's system, triage, cause, recovery and report; a request's
 * kind, work window and approval (its form fields: gen_ticket_form.c). */
#include "gen_ticket.h"

#include <stdio.h>
#include <string.h>

#define MIN 60

static int
inquiry(struct gen *g, const struct tk *t, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO ticket_inquiry(ticket_id, answered_at) VALUES (?1, ?2)", e);
	bool answered = t->life.stage >= ST_RESOLVED;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_id(st, 2, answered ? t->life.resolved : 0);
	return db_step_done(g->db, st, e);
}

/* Monitoring repeats an alert until the failure is gone: the repeats are
 * folded into the incident as its occurrence count. */
static int
occurrences(const struct tk *t, struct rng *r)
{
	if (!(t->flags & TT_ALERT) || !rng_chance(r, 45))
		return 1;
	return 2 + (int)rng_below(r, 5) + (rng_chance(r, 20) ? (int)rng_below(r, 30) : 0);
}

struct incident_text {
	char triage[512], impact[256], cause[256], plan[512], report[2048], prevention[512];
};

/* The 障害対応連絡票: a printable summary of the incident. */
static void
report(char *out, size_t outsz, const struct tk *t, const struct incident_text *x,
	int64_t occurred)
{
	char from[32], to[32];
	struct sbuf b;

	text_time(occurred, from, sizeof from);
	text_time(t->life.resolved, to, sizeof to);
	sb_init(&b, out, outsz);
	sb_printf(&b, "障害対応連絡票（%s）\n", t->number);
	sb_put(&b, "件名: ");
	sb_put(&b, t->subject);
	sb_printf(&b, "\n発生日時: %s\n復旧日時: %s\n影響範囲: ", from, to);
	sb_put(&b, x->impact);
	sb_put(&b, "\n原因: ");
	sb_put(&b, x->cause);
	sb_put(&b, "\n対応内容: ");
	sb_put(&b, x->plan);
	sb_put(&b, "\n対応者: ");
	sb_put(&b, t->owner_name != NULL ? t->owner_name : "ヘルプデスク");
}

static void
incident_texts(struct incident_text *x, const struct tk *t, int64_t occurred, struct rng *r)
{
	const struct v_theme_text *tt = &v_theme_texts[t->theme];
	const struct life *l = &t->life;

	memset(x, 0, sizeof *x);
	if (l->stage >= ST_WORKING) {
		text_expand_to(x->triage, sizeof x->triage, tt->triage[rng_below(r, 2)], &t->vars);
		text_expand_to(x->impact, sizeof x->impact, v_impacts[rng_below(r, v_nimpacts)],
			&t->vars);
	}
	if (l->stage >= ST_MIDDLE)
		text_expand_to(x->plan, sizeof x->plan, tt->plan[rng_below(r, 2)], &t->vars);
	if (l->stage >= ST_RESOLVED) {
		text_expand_to(x->cause, sizeof x->cause, tt->cause[rng_below(r, 3)], &t->vars);
		report(x->report, sizeof x->report, t, x, occurred);
	}
	if (l->stage >= ST_CLOSED && rng_chance(r, 60))
		text_expand_to(x->prevention, sizeof x->prevention, tt->prevention[rng_below(r, 2)],
			&t->vars);
}

static int
incident(struct gen *g, const struct tk *t, struct rng *r, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO ticket_incident(ticket_id, system_id, occurred_at, recovered_at,"
		" triage, impact, cause, recovery_plan, recovery_report, prevention,"
		" after_hours, callout, occurrences)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", e);
	int64_t occurred = t->life.created
		- rng_range(r, 0, t->flags & TT_ALERT ? 2 * MIN : 30 * MIN);
	struct incident_text x;

	if (st == NULL)
		return e->status;
	incident_texts(&x, t, occurred, r);
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_id(st, 2, t->system != NULL ? g->system_ids[t->system_index] : 0);
	sqlite3_bind_int64(st, 3, occurred);
	db_bind_id(st, 4, t->life.stage >= ST_RESOLVED ? t->life.resolved : 0);
	db_bind_text(st, 5, x.triage);
	db_bind_text(st, 6, x.impact);
	db_bind_text(st, 7, x.cause);
	db_bind_text(st, 8, x.plan);
	db_bind_text(st, 9, x.report);
	db_bind_text(st, 10, x.prevention);
	sqlite3_bind_int(st, 11, t->off_hours);
	/* 出勤有: someone came in, for about a third of after-hours failures. */
	sqlite3_bind_int(st, 12, t->off_hours && rng_chance(r, 35));
	sqlite3_bind_int(st, 13, occurrences(t, r));
	return db_step_done(g->db, st, e);
}

static int
request(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO ticket_request(ticket_id, request_kind, persons, work_start, work_end,"
		" approved_by, approved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", e);
	bool approved = t->life.stage >= ST_WORKING && !t->life.rejected;
	int64_t approver = 0;
	int rc;

	if (st == NULL)
		return e->status;
	if (approved)
		approver = g->staff[g->approvers[rng_below(&s->rng, g->napprovers)]].id;
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_text(st, 2, t->req->kind);
	db_bind_id(st, 3, t->persons);
	db_bind_id(st, 4, t->work_start);
	db_bind_id(st, 5, t->work_end);
	db_bind_id(st, 6, approver);
	db_bind_id(st, 7, approved ? t->life.touched : 0);
	rc = db_step_done(g->db, st, e);
	return rc == MADO_OK ? tk_form(g, s, t, e) : rc;
}

int
tk_detail(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	switch (t->kind) {
	case TK_INQUIRY:
		return inquiry(g, t, e);
	case TK_INCIDENT:
		return incident(g, t, &s->rng, e);
	default:
		return request(g, s, t, e);
	}
}
