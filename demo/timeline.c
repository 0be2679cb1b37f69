#include "timeline.h"

#include <stdlib.h>

#define DAY 86400

bool
timeline_init(struct timeline *tl, int64_t now, int years)
{
	int64_t fy_start, fy_end;
	size_t cap;

	*tl = (struct timeline){ 0 };
	calendar_default(&tl->cal);
	fiscal_year_bounds(fiscal_year_at(now) - (years - 1), &fy_start, &fy_end);
	tl->start = fy_start;
	tl->end = now;
	cap = (size_t)((now - fy_start) / DAY) + 2;
	tl->days = calloc(cap, sizeof *tl->days);
	tl->business = calloc(cap, sizeof *tl->business);
	tl->march = calloc(cap, sizeof *tl->march);
	if (tl->days == NULL || tl->business == NULL || tl->march == NULL) {
		timeline_free(tl);
		return false;
	}
	/* JST has no daylight saving, so days are exactly 86400 s apart. */
	for (int64_t t = fy_start; t < now && tl->ndays < cap; t += DAY) {
		struct jst j;
		struct tl_day *d = &tl->days[tl->ndays];

		jst_from_time(t, &j);
		d->t0 = t;
		d->month = j.month;
		d->business = calendar_is_business_day(&tl->cal, j.year, j.month, j.day);
		if (d->business) {
			tl->business[tl->nbusiness++] = tl->ndays;
			if (j.month == 3)
				tl->march[tl->nmarch++] = tl->ndays;
		}
		tl->ndays++;
	}
	return true;
}

void
timeline_free(struct timeline *tl)
{
	free(tl->days);
	free(tl->business);
	free(tl->march);
	*tl = (struct timeline){ 0 };
}

/* Minute of the day in office hours: a slow start, a busy morning, a
 * lunch dip and a long afternoon. */
static int
office_minute(const struct calendar *cal, struct rng *r)
{
	const int noon = 12 * 60, one = 13 * 60;
	const int from[4] = { cal->open_min, cal->open_min + 30, noon, one };
	const int to[4] = { cal->open_min + 30, noon, one, cal->close_min };
	const unsigned rate[4] = { 2, 6, 2, 5 };
	unsigned w[4];
	size_t s;

	for (int i = 0; i < 4; i++)
		w[i] = to[i] > from[i] ? rate[i] * (unsigned)(to[i] - from[i]) : 0;
	s = rng_weighted(r, w, 4);
	return (int)rng_range(r, from[s], to[s] - 1);
}

/* Keeps a drawn moment before "now"; the last resort for today's day
 * when the drawn minute has not come yet. */
static int64_t
before_end(const struct timeline *tl, int64_t t, struct rng *r)
{
	if (t < tl->end)
		return t;
	t = tl->end - 1 - (int64_t)rng_below(r, 3600);
	return t > tl->start ? t : tl->start;
}

static int64_t
office_on(const struct timeline *tl, const size_t *idx, size_t n, struct rng *r)
{
	for (int tries = 0; tries < 16; tries++) {
		const struct tl_day *d = &tl->days[idx[rng_below(r, n)]];
		int64_t t = d->t0 + office_minute(&tl->cal, r) * 60 + (int64_t)rng_below(r, 60);

		if (t < tl->end)
			return t;
	}
	return before_end(tl, tl->end, r);
}

int64_t
tl_office_time(const struct timeline *tl, struct rng *r)
{
	if (tl->nbusiness == 0)
		return tl_off_hours_time(tl, r);
	return office_on(tl, tl->business, tl->nbusiness, r);
}

int64_t
tl_march_time(const struct timeline *tl, struct rng *r)
{
	if (tl->nmarch == 0)
		return tl_office_time(tl, r);
	return office_on(tl, tl->march, tl->nmarch, r);
}

int64_t
tl_off_hours_time(const struct timeline *tl, struct rng *r)
{
	int64_t t = tl->end;

	for (int tries = 0; tries < 16 && t >= tl->end; tries++) {
		const struct tl_day *d = &tl->days[rng_below(r, tl->ndays)];
		int open = tl->cal.open_min, closed = 1440 - (tl->cal.close_min - open);
		int m;

		if (!d->business)
			m = (int)rng_below(r, 1440);
		else { /* a minute of the closed part: before opening or after closing */
			m = (int)rng_below(r, (uint64_t)closed);
			if (m >= open)
				m += tl->cal.close_min - open;
		}
		t = d->t0 + m * 60 + (int64_t)rng_below(r, 60);
	}
	return before_end(tl, t, r);
}

int64_t
tl_next_office(const struct timeline *tl, int64_t t, struct rng *r)
{
	if (t < tl->start)
		return t;
	for (size_t d = (size_t)((t - tl->start) / DAY); d < tl->ndays; d++) {
		const struct tl_day *day = &tl->days[d];
		int64_t open = day->t0 + tl->cal.open_min * 60;
		int64_t close = day->t0 + tl->cal.close_min * 60;

		if (!day->business || t >= close)
			continue;
		if (t >= open)
			return t;
		/* Picked up at some time that day, not all at opening. */
		return day->t0 + office_minute(&tl->cal, r) * 60 + (int64_t)rng_below(r, 60);
	}
	return t;
}

int64_t
tl_business_day_after(const struct timeline *tl, int64_t t, int days, int minute)
{
	struct jst j;
	int64_t day;

	jst_from_time(t, &j);
	day = jst_to_time(j.year, j.month, j.day, 0, 0, 0) + (int64_t)days * DAY;
	for (int guard = 0; guard < 14; guard++) {
		jst_from_time(day, &j);
		if (calendar_is_business_day(&tl->cal, j.year, j.month, j.day))
			break;
		day += DAY;
	}
	return day + (int64_t)minute * 60;
}
