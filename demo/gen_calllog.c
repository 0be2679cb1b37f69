/* Call logs (応対履歴) of the citizen contact center: who took the call,
 * when it started, ended and its after-call work ended, what was asked
 * and answered, the FAQ articles used and, only for transferred calls,
 * the transfer destination. Receipt numbers follow the 'calllog' rule. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/gen_batch.h"
#include "demo/gen_number.h"
#include "demo/gen_text.h"
#include "demo/vocab.h"

enum { CT_INQUIRY, CT_REQUEST, CT_COMPLAINT, CT_TRANSFER, CT_OTHER };
enum { OC_ANSWERED, OC_TRANSFERRED, OC_CALLBACK, OC_OTHER };

struct cl_state {
	struct rng rng;
	struct numseq num;
	long written;
};

struct call {
	int type, outcome;
	size_t topic;  /* index into v_faqs; v_nfaqs for calls about nothing there */
	const struct gen_article *faq[3];
	int64_t operator_id, started, ended, wrapup, transfer_to;
	char receipt[64], asked[1024], answered[1024];
};

static int
cmp_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* A citizen-facing article: what operators read out on the phone. */
static const struct gen_article *
public_article(const struct gen *g, struct rng *r)
{
	const struct gen_article *a = NULL;

	for (int tries = 0; tries < 8 && g->narticles > 0; tries++) {
		a = &g->articles[rng_below(r, g->narticles)];
		if (a->public)
			return a;
	}
	return a;
}

static size_t
public_topic(struct rng *r)
{
	size_t t = rng_below(r, v_nfaqs);

	while (v_faqs[t].flags & FT_INTERNAL) /* the internal topics come last */
		t = (t + 1) % v_nfaqs;
	return t;
}

/* A transfer destination in the department that handles the topic. */
static int64_t
destination(const struct gen *g, size_t topic, struct rng *r)
{
	size_t d = v_dept_index(v_faqs[topic].dept);
	int n = 0;

	while (n < 3 && g->phonebook_ids[d * 3 + (size_t)n] != 0)
		n++;
	return n > 0 ? g->phonebook_ids[d * 3 + rng_below(r, (uint64_t)n)] : 0;
}

static void
draw(const struct gen *g, struct call *c, int64_t started, struct rng *r)
{
	static const unsigned types[5] = { 70, 8, 5, 12, 5 };
	static const unsigned outcomes[4] = { 72, 15, 9, 4 };
	size_t ops = g->noperators;

	memset(c, 0, sizeof *c);
	c->operator_id = g->staff[ops > 0 ? g->operators[rng_below(r, ops)]
		: g->workers[rng_below(r, g->nworkers)]].id;
	c->started = started;
	c->ended = started + 60 + rng_range(r, 0, 420);
	if (rng_chance(r, 20)) /* the long calls */
		c->ended += rng_range(r, 0, 900);
	c->wrapup = c->ended + rng_range(r, 20, 300);
	c->type = (int)rng_weighted(r, types, 5);
	c->outcome = c->type == CT_TRANSFER && rng_chance(r, 90) ? OC_TRANSFERRED
		: (int)rng_weighted(r, outcomes, 4);
	if (c->outcome == OC_OTHER)
		c->topic = v_nfaqs; /* about nothing the FAQ covers */
	else if (g->narticles > 0 && rng_chance(r, 85)) {
		c->faq[0] = public_article(g, r);
		c->topic = c->faq[0]->topic;
		if (c->outcome != OC_ANSWERED && rng_chance(r, 60))
			c->faq[0] = NULL; /* looked up, but the caller needed the department */
		else if (rng_chance(r, 20)) {
			c->faq[1] = public_article(g, r);
			if (rng_chance(r, 25))
				c->faq[2] = public_article(g, r);
		}
	} else
		c->topic = public_topic(r);
	if (c->outcome == OC_TRANSFERRED)
		c->transfer_to = destination(g, c->topic, r);
}

/* The question without its closing "。", to quote it in 「」. */
static void
quote(struct sbuf *b, const char *question)
{
	const char *stop = "。";
	size_t n = strlen(question), k = strlen(stop);
	char buf[512];

	if (n >= k && strcmp(question + n - k, stop) == 0)
		n -= k;
	if (n >= sizeof buf)
		n = 0;
	memcpy(buf, question, n);
	buf[n] = '\0';
	sb_put(b, "「");
	sb_put(b, buf);
	sb_put(b, "」");
}

static void
texts(struct call *c, struct rng *r)
{
	const struct v_faq *f = &v_faqs[c->topic];
	struct sbuf b;
	char first[512];

	sb_init(&b, c->asked, sizeof c->asked);
	if (c->outcome == OC_OTHER) {
		const struct v_call_pair *o = &v_other_calls[rng_below(r, v_nother_calls)];

		sb_put(&b, o->asked);
		sb_init(&b, c->answered, sizeof c->answered);
		sb_put(&b, o->answered);
		return;
	}
	sb_put(&b, v_callers[rng_below(r, v_ncallers)]);
	if (c->type == CT_COMPLAINT) {
		sb_put(&b, "「");
		sb_put(&b, f->title);
		sb_put(&b, "」に関する苦情。");
		sb_put(&b, v_complaints[rng_below(r, v_ncomplaints)]);
	} else {
		quote(&b, f->question);
		sb_put(&b, "との問い合わせ。");
	}
	sb_init(&b, c->answered, sizeof c->answered);
	switch (c->outcome) {
	case OC_ANSWERED:
		text_first_sentence(f->answer, first, sizeof first);
		if (c->faq[0] != NULL)
			sb_printf(&b, "FAQ %lld に基づき案内。", (long long)c->faq[0]->faq_no);
		sb_put(&b, first);
		break;
	case OC_TRANSFERRED:
		sb_put(&b, "担当課での対応が必要なため、");
		sb_put(&b, v_depts[v_dept_index(f->dept)].name);
		sb_put(&b, "へ転送。");
		break;
	default:
		sb_put(&b, v_callbacks[rng_below(r, v_ncallbacks)]);
		break;
	}
}

static int
insert_call(struct gen *g, const struct call *c, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO calllog(receipt_no, operator_id, started_at, ended_at, wrapup_at,"
		" contact_type_id, department_id, outcome_id, faq1_id, faq2_id, faq3_id,"
		" category_id, inquiry_text, response_text, transfer_to_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", e);
	/* Calls outside the FAQ go to the catch-all category and the desk. */
	const char *category = c->topic < v_nfaqs ? v_faqs[c->topic].category : "GOV";
	const char *dept = c->topic < v_nfaqs ? v_faqs[c->topic].dept : "1060";

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, c->receipt);
	sqlite3_bind_int64(st, 2, c->operator_id);
	sqlite3_bind_int64(st, 3, c->started);
	sqlite3_bind_int64(st, 4, c->ended);
	sqlite3_bind_int64(st, 5, c->wrapup);
	db_bind_id(st, 6, g->contact_type_ids[c->type]);
	db_bind_id(st, 7, g->dept_ids[v_dept_index(dept)]);
	db_bind_id(st, 8, g->outcome_ids[c->outcome]);
	for (int k = 0; k < 3; k++)
		db_bind_id(st, 9 + k, c->faq[k] != NULL ? c->faq[k]->id : 0);
	db_bind_id(st, 12, gen_category_id(g, category));
	db_bind_text(st, 13, c->asked);
	db_bind_text(st, 14, c->answered);
	db_bind_id(st, 15, c->transfer_to);
	return db_step_done(g->db, st, e);
}

static int
call_row(struct gen *g, const void *arg, void *work, long i, struct mado_err *e)
{
	const int64_t *times = arg;
	struct cl_state *s = work;
	struct call c;
	int st;

	draw(g, &c, times[i], &s->rng);
	texts(&c, &s->rng);
	st = numseq_take(g->db, &s->num, c.started, c.receipt, sizeof c.receipt, e);
	if (st == MADO_OK)
		st = insert_call(g, &c, e);
	if (st == MADO_OK)
		s->written++;
	return st;
}

static int
calls_finish(struct gen *g, void *work, struct mado_err *e)
{
	return numseq_flush(g->db, &((struct cl_state *)work)->num, e);
}

int
gen_calllogs(struct gen *g, struct mado_err *e)
{
	struct cl_state s = { 0 };
	struct rng plan_rng;
	int64_t *times = calloc((size_t)g->o.calllogs + 1, sizeof *times);
	struct batch_spec b = {
		.what = "call logs", .total = g->o.calllogs, .arg = times, .state = &s,
		.state_size = sizeof s, .row = call_row, .finish = calls_finish,
	};
	int st;

	if (times == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	st = numseq_init(g->db, "calllog", &s.num, e);
	rng_fork(&g->rng, 5, &plan_rng);
	rng_fork(&g->rng, 6, &s.rng);
	/* Calls are taken in office hours; numbers follow their start times.
	 * The last half hour is left out so that every call has ended. */
	for (long i = 0; i < g->o.calllogs; i++) {
		times[i] = tl_office_time(&g->tl, &plan_rng);
		for (int tries = 0; tries < 16 && times[i] > g->now - 1800; tries++)
			times[i] = tl_office_time(&g->tl, &plan_rng);
		if (times[i] > g->now - 1800)
			times[i] = g->now - 1800;
	}
	qsort(times, (size_t)g->o.calllogs, sizeof *times, cmp_time);
	if (st == MADO_OK)
		st = gen_batches(g, &b, e);
	free(times);
	g->counts.calllogs = s.written;
	fprintf(stderr, "madogen: call logs: %ld (%.1f s)\n", s.written, gen_elapsed(g));
	return st;
}
