/* The stretch of time the demo data covers, day by day, and draws of
 * moments in it shaped like a ward office: busy weekday office hours,
 * a lunch dip, quiet nights and weekends. All times are JST. */
#ifndef MADO_DEMO_TIMELINE_H
#define MADO_DEMO_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "demo/rng.h"

struct tl_day {
	int64_t t0; /* 00:00 JST */
	int month;
	bool business;
};

struct timeline {
	int64_t start, end;  /* [start, end): start is 00:00 JST, end is "now" */
	struct calendar cal;
	struct tl_day *days;
	size_t ndays;
	size_t *business, nbusiness; /* indices of business days */
	size_t *march, nmarch;       /* business days in March (year-end work) */
};

/* Covers the fiscal years from `years - 1` years before now's to now.
 * Returns false when out of memory. */
bool timeline_init(struct timeline *tl, int64_t now, int years);
void timeline_free(struct timeline *tl);

/* A moment in office hours on a business day, weighted to the busy hours. */
int64_t tl_office_time(const struct timeline *tl, struct rng *r);
/* A moment outside office hours: evenings, nights, weekends, holidays. */
int64_t tl_off_hours_time(const struct timeline *tl, struct rng *r);
/* Office hours on a business day in March (fiscal-year-end work); any
 * business day when the span has no March. */
int64_t tl_march_time(const struct timeline *tl, struct rng *r);
/* t when it is in office hours; else a moment in office hours of the
 * next business day in the span (later than t); else t. */
int64_t tl_next_office(const struct timeline *tl, int64_t t, struct rng *r);
/* The start of the first business day at least `days` days after t, plus
 * `minute` minutes (may lie beyond the span: plans for the future). */
int64_t tl_business_day_after(const struct timeline *tl, int64_t t, int days, int minute);

#endif
