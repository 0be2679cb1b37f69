/* The desk's shifts, from the system configuration:
 *
 *   [shift early]            [shift late]
 *   start = 08:30            start = 17:15
 *   end = 17:15              end = 08:30     (before start: the next day)
 *
 * early 08:30–17:15 and late 17:15–08:30 unless configured; a group adds
 * a shift or replaces a default one of that name. "all" is the business
 * day: from the first shift's start to the same time the next day. A
 * shift belongs to the day it starts on (JST). */
#ifndef MADO_CONFIG_SHIFT_H
#define MADO_CONFIG_SHIFT_H

#include <glib.h>
#include <stdint.h>

#include "base/err.h"

enum { SHIFT_MAX = 8, SHIFT_NAME = 24 };

struct shift {
	char name[SHIFT_NAME];   /* [a-z0-9_-], never "all" */
	int start_min, end_min;  /* minutes after midnight; end <= start crosses midnight */
};

struct shifts {
	struct shift s[SHIFT_MAX];
	int n;
	struct shift all;        /* the business day, kept in step with s[0] */
};

void shifts_default(struct shifts *out);

/* Reads every [shift NAME] group of kf into out (which holds the
 * defaults). MADO_ECONFIG "FILE: [shift NAME] key: what" when wrong. */
int config_shift_load(GKeyFile *kf, const char *file, struct shifts *out, struct mado_err *e);

/* The shift named name ("all" included, as the business day); NULL when
 * there is none. */
const struct shift *shift_find(const struct shifts *sh, const char *name);

/* [*from, *to) of shift s on the JST date "YYYY-MM-DD". MADO_EUSAGE
 * naming opt when day is not a date. */
int shift_period(const struct shift *s, const char *opt, const char *day, int64_t *from,
	int64_t *to, struct mado_err *e);

/* The configured shift running at t and the day it started on
 * ("YYYY-MM-DD", day_size >= 11); the business day's "all" when t falls
 * in no configured shift. */
const struct shift *shift_at(const struct shifts *sh, int64_t t, char *day, size_t day_size);

/* The JST date of the business day running at t: the day before when t
 * is before the first shift's start. */
void shift_business_day(const struct shifts *sh, int64_t t, char *day, size_t day_size);

#endif
