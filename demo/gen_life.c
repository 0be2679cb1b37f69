#include "gen_life.h"

const char *const tk_kind_names[TK_KINDS] = { "inquiry", "incident", "request" };

/* Status names by stage. Inquiry: waiting for the requester (回答待ち)
 * sits between work and answer; incident: triage (一次切り分け) comes
 * before recovery work; request: approval, then work, then done. */
static const char *const names[TK_KINDS][5] = {
	[TK_INQUIRY] = { "new", "in_progress", "waiting", "answered", "closed" },
	[TK_INCIDENT] = { "new", "triage", "in_progress", "recovered", "closed" },
	[TK_REQUEST] = { "submitted", "approved", "in_progress", "done", "closed" },
};

/* Weights of each stage by age: under 2 days, 2 weeks, 2 months, older. */
static const unsigned weights[TK_KINDS][4][5] = {
	[TK_INQUIRY] = {
		{ 30, 30, 15, 20, 5 }, { 5, 15, 15, 35, 30 },
		{ 1, 3, 3, 18, 75 }, { 0, 1, 1, 3, 95 },
	},
	[TK_INCIDENT] = {
		{ 20, 20, 25, 25, 10 }, { 3, 5, 12, 35, 45 },
		{ 0, 1, 3, 16, 80 }, { 0, 0, 1, 3, 96 },
	},
	[TK_REQUEST] = {
		{ 45, 25, 15, 10, 5 }, { 10, 20, 16, 30, 24 },
		{ 1, 4, 5, 26, 64 }, { 0, 1, 1, 10, 88 },
	},
};

#define MIN 60
#define HOUR 3600
#define DAY 86400

static int
age_bucket(int64_t age)
{
	if (age < 2 * DAY)
		return 0;
	if (age < 14 * DAY)
		return 1;
	if (age < 60 * DAY)
		return 2;
	return 3;
}

/* A milestone at prev + delay (moved into office hours when office),
 * but never at or after the end of the span nor before prev. */
static int64_t
step(const struct timeline *tl, int64_t prev, int64_t delay, bool office, struct rng *r)
{
	int64_t t = prev + delay;

	if (office)
		t = tl_next_office(tl, t, r);
	if (t >= tl->end) /* shortly before now, rather than all at now */
		t = tl->end - 1 - (int64_t)rng_below(r, 3600);
	return t < prev ? prev : t;
}

static void
milestones(struct life *l, enum tk_kind kind, bool alert, bool off_hours,
	const struct timeline *tl, struct rng *r)
{
	int64_t touch, resolve, close;

	switch (kind) {
	case TK_INQUIRY:
		touch = rng_range(r, 5 * MIN, 4 * HOUR);
		resolve = rng_range(r, 10 * MIN, 3 * DAY);
		break;
	case TK_INCIDENT:
		touch = alert ? rng_range(r, 1 * MIN, 20 * MIN) : rng_range(r, 1 * MIN, HOUR);
		resolve = alert ? rng_range(r, 5 * MIN, 6 * HOUR) : rng_range(r, 30 * MIN, 3 * DAY);
		break;
	default:
		touch = rng_range(r, HOUR, 3 * DAY);
		resolve = rng_range(r, DAY, 14 * DAY);
		break;
	}
	close = rng_range(r, HOUR, 10 * DAY);
	l->touched = step(tl, l->created, touch, !off_hours, r);
	l->resolved = step(tl, l->touched, resolve, !off_hours && !alert, r);
	l->closed = step(tl, l->resolved, close, true, r);
}

void
life_draw(struct life *l, enum tk_kind kind, bool alert, bool off_hours, int64_t created,
	const struct timeline *tl, struct rng *r)
{
	int bucket = age_bucket(tl->end - created);

	l->created = created;
	l->stage = (enum stage)rng_weighted(r, weights[kind][bucket], 5);
	/* Monitoring alerts mostly clear by themselves within hours. */
	if (alert && l->stage < ST_RESOLVED && bucket > 0)
		l->stage = rng_chance(r, 50) ? ST_RESOLVED : ST_CLOSED;
	l->rejected = kind == TK_REQUEST && l->stage >= ST_WORKING && rng_chance(r, 5);
	l->status = names[kind][l->stage];
	if (l->rejected && l->stage < ST_CLOSED)
		l->status = "rejected";
	milestones(l, kind, alert, off_hours, tl, r);
	if (l->rejected) { /* decided when first looked at; nothing in between */
		l->resolved = l->touched;
		if (l->stage < ST_CLOSED)
			l->stage = ST_RESOLVED;
	}
	switch (l->stage) {
	case ST_NEW:
		l->updated = created;
		break;
	case ST_WORKING:
		l->updated = l->touched;
		break;
	case ST_MIDDLE: /* waiting / in progress: somewhere before resolution */
		l->updated = step(tl, l->touched, (l->resolved - l->touched) / 2, !off_hours, r);
		break;
	case ST_RESOLVED:
		l->updated = l->resolved;
		break;
	case ST_CLOSED:
		l->updated = l->closed;
		break;
	}
	l->due = created + (kind == TK_INQUIRY ? 3 * DAY : kind == TK_INCIDENT ? DAY : 14 * DAY);
}
