/* Tickets: a plan of creation times drawn first and sorted, so numbers
 * grow with creation time, then one row after another in batches. */
#include "gen_ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "demo/gen_batch.h"

#define MIN 60
#define HOUR 3600

/* One planned ticket: its kind, template and moment of creation. */
struct tk_plan {
	int64_t t;
	uint32_t tie;   /* plan order, to sort equal times stably */
	uint16_t tmpl;
	uint8_t kind, off;
};

/* Requests per kind per year at the ward: user IDs and data-centre
 * visits are the most frequent, the fiscal-year renewal the rarest. */
static unsigned
request_weight(const char *kind)
{
	static const struct { const char *kind; unsigned w; } w[] = {
		{ "infra_work", 2 }, { "prod_work", 2 }, { "building_work", 2 },
		{ "user_id", 4 }, { "dc_entry", 5 }, { "fy_renewal", 1 },
	};

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(w[i].kind, kind) == 0)
			return w[i].w;
	return 1;
}

struct tk_weights {
	unsigned kind[TK_KINDS];
	unsigned *tmpl[TK_KINDS];
	size_t n[TK_KINDS];
};

static bool
weights_init(struct tk_weights *w)
{
	w->kind[TK_INQUIRY] = 60;
	w->kind[TK_INCIDENT] = 30;
	w->kind[TK_REQUEST] = 10;
	w->n[TK_INQUIRY] = v_ninquiries;
	w->n[TK_INCIDENT] = v_nincidents;
	w->n[TK_REQUEST] = v_nrequests;
	for (int k = 0; k < TK_KINDS; k++)
		if ((w->tmpl[k] = calloc(w->n[k], sizeof(unsigned))) == NULL)
			return false;
	for (size_t i = 0; i < v_ninquiries; i++)
		w->tmpl[TK_INQUIRY][i] = v_inquiries[i].weight;
	for (size_t i = 0; i < v_nincidents; i++)
		w->tmpl[TK_INCIDENT][i] = v_incidents[i].weight;
	for (size_t i = 0; i < v_nrequests; i++)
		w->tmpl[TK_REQUEST][i] = request_weight(v_requests[i].kind);
	return true;
}

static void
weights_free(struct tk_weights *w)
{
	for (int k = 0; k < TK_KINDS; k++)
		free(w->tmpl[k]);
}

/* When a ticket arrives: office hours mostly; mail at any hour; alerts
 * often at night; the fiscal-year renewal in March. */
static void
plan_time(const struct gen *g, struct tk_plan *p, struct rng *r)
{
	unsigned off_pct = 3;

	if (p->kind == TK_INCIDENT && (v_incidents[p->tmpl].flags & TT_ALERT))
		off_pct = 25;
	if (p->kind == TK_REQUEST) {
		off_pct = 0;
		if (strcmp(v_requests[p->tmpl].kind, "fy_renewal") == 0) {
			p->t = tl_march_time(&g->tl, r);
			return;
		}
	}
	p->off = rng_chance(r, off_pct);
	p->t = p->off ? tl_off_hours_time(&g->tl, r) : tl_office_time(&g->tl, r);
}

static int
plan_cmp(const void *a, const void *b)
{
	const struct tk_plan *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->tie < y->tie ? -1 : x->tie > y->tie;
}

static struct tk_plan *
plan_build(const struct gen *g, struct rng *r, long n)
{
	struct tk_plan *plan = calloc((size_t)n + 1, sizeof *plan);
	struct tk_weights w = { 0 };

	if (plan == NULL || !weights_init(&w)) {
		weights_free(&w);
		free(plan);
		return NULL;
	}
	for (long i = 0; i < n; i++) {
		struct tk_plan *p = &plan[i];

		p->tie = (uint32_t)i;
		p->kind = (uint8_t)rng_weighted(r, w.kind, TK_KINDS);
		p->tmpl = (uint16_t)rng_weighted(r, w.tmpl[p->kind], w.n[p->kind]);
		plan_time(g, p, r);
	}
	weights_free(&w);
	qsort(plan, (size_t)n, sizeof *plan, plan_cmp);
	return plan;
}

const struct gen_person *
tk_worker(const struct gen *g, struct rng *r)
{
	return &g->staff[g->workers[rng_below(r, g->nworkers)]];
}

/* The system a ticket is about: drawn when its text names one, else the
 * one its template or theme implies (network, mail, ...), else none. */
static void
pick_system(struct tk *t, struct rng *r)
{
	static const char *const roles[] = { "ap01", "ap02", "db01", "web01" };
	size_t i;

	if (t->flags & TT_SYSTEM)
		i = rng_below(r, v_nsystems);
	else if (t->req != NULL && t->req->system != NULL)
		i = v_system_index(t->req->system);
	else if (v_theme_systems[t->theme] != NULL)
		i = v_system_index(v_theme_systems[t->theme]);
	else {
		t->system = NULL;
		return;
	}
	t->system = &v_systems[i];
	t->system_index = i;
	snprintf(t->host, sizeof t->host, "%s-%s", t->system->host, roles[rng_below(r, 4)]);
	t->vars.system = t->system->name;
	t->vars.host = t->host;
}

/* Who asked: the monitoring system, a staff member with a login, a
 * vendor's engineer, or (most often) a ward employee without one. */
static void
pick_requester(const struct gen *g, struct tk *t, struct rng *r)
{
	size_t dept = rng_below(r, v_ndepts);

	t->requester_staff_id = t->requester_contact_id = 0;
	if (t->flags & TT_ALERT) {
		snprintf(t->requester, sizeof t->requester, "統合運用監視システム");
		snprintf(t->email, sizeof t->email, "monitor@%s", GEN_DOMAIN);
	} else if (rng_chance(r, 15) && g->nstaff > 0) {
		const struct gen_person *p = &g->staff[rng_below(r, g->nstaff)];

		t->requester_staff_id = p->id;
		snprintf(t->requester, sizeof t->requester, "%s", p->name);
		snprintf(t->email, sizeof t->email, "%s", p->email);
		dept = p->dept;
	} else if (t->kind != TK_INQUIRY && rng_chance(r, 10) && g->ncontacts > 0) {
		const struct gen_person *c = &g->contacts[rng_below(r, g->ncontacts)];

		t->requester_contact_id = c->id;
		snprintf(t->requester, sizeof t->requester, "%s", c->name);
		snprintf(t->email, sizeof t->email, "%s", c->email);
		t->vars.vendor = v_vendors[c->dept].name;
	} else {
		struct person_name pn;
		char login[48];

		person_draw(&pn, r);
		person_name(&pn, t->requester, sizeof t->requester);
		person_login(&pn, login, sizeof login);
		snprintf(t->email, sizeof t->email, "%s@%s", login, GEN_DOMAIN);
	}
	t->vars.person = t->requester;
	t->dept = dept;
	t->vars.dept = v_depts[dept].name;
}

static const char *
pick_source(const struct tk *t, struct rng *r)
{
	static const char *const names[] = { "phone", "mail", "web", "counter", "other" };
	static const unsigned w[TK_KINDS][5] = {
		[TK_INQUIRY] = { 45, 35, 12, 8, 0 },
		[TK_INCIDENT] = { 60, 30, 0, 5, 5 },
		[TK_REQUEST] = { 0, 25, 60, 15, 0 },
	};

	if (t->flags & TT_ALERT)
		return "alert";
	if (t->flags & TT_EN || t->off_hours) /* nobody answers the phone at night */
		return "mail";
	return names[rng_weighted(r, w[t->kind], 5)];
}

static int
pick_priority(const struct tk *t, struct rng *r)
{
	if (t->flags & TT_ALERT)
		return 2;
	if (t->kind == TK_INCIDENT)
		return rng_chance(r, 5) ? 1 : rng_chance(r, 30) ? 2 : 3;
	if (t->kind == TK_INQUIRY)
		return rng_chance(r, 10) ? 2 : rng_chance(r, 10) ? 4 : 3;
	return 3;
}

/* Finished work: a window on a business day between approval and
 * "done" when one fits, else the hours just before "done". */
static void
done_work(const struct gen *g, struct tk *t, int minute, int64_t len, struct rng *r)
{
	const struct life *l = &t->life;
	int days = (int)((l->resolved - l->touched) / 86400);
	int64_t start = tl_business_day_after(&g->tl, l->touched,
		(int)rng_range(r, 0, days > 0 ? days : 0), minute);

	if (start < l->touched || start + len > l->resolved - 10 * MIN) {
		int64_t end = l->resolved - rng_range(r, 10 * MIN, 2 * HOUR);

		start = end - len;
		start -= start % (10 * MIN); /* plans are made in round times */
		if (start < l->touched)
			start = l->touched;
	}
	t->work_start = start;
	t->work_end = start + len <= l->resolved ? start + len : l->resolved;
}

/* Planned work of a request, consistent with its status: finished work
 * lies before "done", work in progress has begun, the rest is ahead. */
static void
plan_work(const struct gen *g, struct tk *t, struct rng *r)
{
	const char *kind = t->req->kind;
	int64_t len = rng_range(r, 1, 4) * HOUR;
	int minute = strcmp(kind, "dc_entry") == 0 ? 600 : rng_chance(r, 50) ? 540 : 1080;
	const struct life *l = &t->life;

	t->work_start = t->work_end = 0;
	if (strcmp(kind, "user_id") == 0 || strcmp(kind, "fy_renewal") == 0)
		return;
	if (l->stage >= ST_RESOLVED && !l->rejected)
		done_work(g, t, minute, len, r);
	else if (l->stage == ST_MIDDLE && !l->rejected) {
		t->work_start = l->updated - rng_range(r, 0, HOUR);
		t->work_start -= t->work_start % (10 * MIN);
		if (t->work_start < l->touched)
			t->work_start = l->touched;
		t->work_end = t->work_start + len;
	} else {
		t->work_start = tl_business_day_after(&g->tl, l->created, (int)rng_range(r, 2, 10),
			minute);
		t->work_end = t->work_start + len;
	}
}

static void
setup(const struct gen *g, const struct tk_plan *p, struct tk *t, struct rng *r)
{
	memset(t, 0, sizeof *t);
	t->kind = (enum tk_kind)p->kind;
	t->off_hours = p->off;
	if (t->kind == TK_REQUEST) {
		t->req = &v_requests[p->tmpl];
		t->theme = TH_WORK;
		t->flags = t->req->flags;
	} else {
		t->tmpl = t->kind == TK_INQUIRY ? &v_inquiries[p->tmpl] : &v_incidents[p->tmpl];
		t->theme = t->tmpl->theme;
		t->flags = t->tmpl->flags;
	}
	text_vars_draw(&t->vars, r);
	pick_system(t, r);
	t->vars.vendor = t->system != NULL
		? v_vendors[v_vendor_index(t->system->vendor)].name
		: v_vendors[rng_below(r, v_nvendors)].name;
	pick_requester(g, t, r);
	t->vars.fy = fiscal_year_at(p->t);
	if (t->req != NULL && strcmp(t->req->kind, "fy_renewal") == 0)
		t->vars.fy++; /* March work prepares the coming fiscal year */
	if (t->req != NULL && strcmp(t->req->kind, "dc_entry") == 0)
		t->vars.n = (int)rng_range(r, 1, 5);
	life_draw(&t->life, t->kind, t->flags & TT_ALERT, t->off_hours, p->t, &g->tl, r);
	if (t->life.stage != ST_NEW || rng_chance(r, 40)) {
		const struct gen_person *o = tk_worker(g, r);

		t->owner_id = o->id;
		t->owner_name = o->name;
	}
	t->source = pick_source(t, r);
	t->priority = pick_priority(t, r);
	if (t->req != NULL) {
		plan_work(g, t, r);
		if (strcmp(t->req->kind, "user_id") == 0 || strcmp(t->req->kind, "dc_entry") == 0)
			t->persons = t->vars.n;
		else if (strcmp(t->req->kind, "building_work") == 0)
			t->persons = (int)rng_range(r, 2, 6); /* the contractor's workers */
	}
}

static void
request_body(struct sbuf *b, const struct tk *t, struct rng *r)
{
	char from[32], to[32];

	text_expand(b, v_openings[rng_below(r, v_nopenings)], &t->vars);
	sb_put(b, "\n\n");
	text_expand(b, t->req->detail, &t->vars);
	if (t->work_start != 0) {
		text_time(t->work_start, from, sizeof from);
		text_time(t->work_end, to, sizeof to);
		sb_printf(b, "\n\n作業予定日時: %s 〜 %s", from, to);
	}
	if (t->persons > 0)
		sb_printf(b, "\n対象人数: %d名", t->persons);
	sb_put(b, "\n\nよろしくお願いいたします。");
}

static void
compose(const struct tk *t, struct sbuf *subject, struct sbuf *body, struct rng *r)
{
	if (t->req != NULL) {
		text_expand(subject, t->req->subject, &t->vars);
		request_body(body, t, r);
		return;
	}
	text_expand(subject, t->tmpl->subject, &t->vars);
	text_ticket_body(body, r,
		t->flags & TT_ALERT ? BODY_ALERT : t->flags & TT_EN ? BODY_EN : BODY_JA,
		t->tmpl->detail, &t->vars, t->life.created);
}

static int
insert_ticket(struct gen *g, struct tk *t, const char *body, struct rng *r, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO ticket(kind, number, subject, body, status, priority, queue_id,"
		" owner_id, category_id, requester_staff_id, requester_contact_id,"
		" requester_name, requester_email, source, created_at, created_by, updated_at,"
		" due_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)", e);
	bool by_hand = strcmp(t->source, "phone") == 0 || strcmp(t->source, "counter") == 0;
	int64_t creator = by_hand ? (t->owner_id ? t->owner_id : tk_worker(g, r)->id) : 0;
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, tk_kind_names[t->kind]);
	db_bind_text(st, 2, t->number);
	db_bind_text(st, 3, t->subject);
	db_bind_text(st, 4, body);
	db_bind_text(st, 5, t->life.status);
	sqlite3_bind_int(st, 6, t->priority);
	db_bind_id(st, 7, gen_queue_id(g, t->req ? "APPLY" : t->tmpl->queue));
	db_bind_id(st, 8, t->owner_id);
	db_bind_id(st, 9, gen_category_id(g, t->req ? t->req->category : t->tmpl->category));
	db_bind_id(st, 10, t->requester_staff_id);
	db_bind_id(st, 11, t->requester_contact_id);
	db_bind_text(st, 12, t->requester);
	db_bind_text(st, 13, t->email);
	db_bind_text(st, 14, t->source);
	sqlite3_bind_int64(st, 15, t->life.created);
	db_bind_id(st, 16, creator);
	sqlite3_bind_int64(st, 17, t->life.updated);
	sqlite3_bind_int64(st, 18, t->life.due);
	db_bind_id(st, 19, t->life.stage == ST_CLOSED ? t->life.closed : 0);
	rc = db_step_done(g->db, st, e);
	t->id = sqlite3_last_insert_rowid(db_handle(g->db));
	return rc;
}

static int
ticket_row(struct gen *g, const void *arg, void *work, long i, struct mado_err *e)
{
	const struct tk_plan *p = (const struct tk_plan *)arg + i;
	struct tk_state *s = work;
	struct tk t;
	char body[4096];
	struct sbuf subject, b;
	int st;

	setup(g, p, &t, &s->rng);
	sb_init(&subject, t.subject, sizeof t.subject);
	sb_init(&b, body, sizeof body);
	compose(&t, &subject, &b, &s->rng);
	st = numseq_take(g->db, &s->num[t.kind], p->t, t.number, sizeof t.number, e);
	if (st == MADO_OK)
		st = insert_ticket(g, &t, body, &s->rng, e);
	if (st == MADO_OK)
		st = tk_detail(g, s, &t, e);
	if (st == MADO_OK)
		st = tk_talk(g, s, &t, e);
	if (st == MADO_OK)
		st = gen_audit(g, "ticket", t.id, "number", t.number, e);
	if (st != MADO_OK)
		return st;
	s->per_kind[t.kind]++;
	s->last_id[t.kind] = t.id;
	if (t.flags & TT_ALERT)
		s->last_alert_id = t.id;
	return MADO_OK;
}

static int
tickets_finish(struct gen *g, void *work, struct mado_err *e)
{
	struct tk_state *s = work;

	for (int k = 0; k < TK_KINDS; k++) {
		int st = numseq_flush(g->db, &s->num[k], e);

		if (st != MADO_OK)
			return st;
	}
	return MADO_OK;
}

int
gen_tickets(struct gen *g, struct mado_err *e)
{
	struct tk_state s = { 0 };
	struct rng plan_rng;
	struct tk_plan *plan;
	struct batch_spec b = {
		.what = "tickets", .total = g->o.tickets, .state = &s, .state_size = sizeof s,
		.row = ticket_row, .finish = tickets_finish,
	};
	int st = MADO_OK;

	for (int k = 0; st == MADO_OK && k < TK_KINDS; k++)
		st = numseq_init(g->db, tk_kind_names[k], &s.num[k], e);
	if (st != MADO_OK)
		return st;
	rng_fork(&g->rng, 3, &plan_rng);
	rng_fork(&g->rng, 4, &s.rng);
	plan = plan_build(g, &plan_rng, g->o.tickets);
	if (plan == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	b.arg = plan;
	st = gen_batches(g, &b, e);
	free(plan);
	g->counts.inquiries = s.per_kind[TK_INQUIRY];
	g->counts.incidents = s.per_kind[TK_INCIDENT];
	g->counts.requests = s.per_kind[TK_REQUEST];
	g->counts.tickets = s.per_kind[0] + s.per_kind[1] + s.per_kind[2];
	g->counts.comments = s.comments;
	g->counts.links = s.links;
	g->counts.fields = s.fields;
	g->counts.audit += g->counts.tickets;
	fprintf(stderr, "madogen: tickets: %ld (%ld inquiries, %ld incidents, %ld requests),"
		" %ld comments, %ld links (%.1f s)\n", g->counts.tickets, g->counts.inquiries,
		g->counts.incidents, g->counts.requests, s.comments, s.links, gen_elapsed(g));
	return st;
}
