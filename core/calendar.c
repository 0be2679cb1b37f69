/* The business calendar. Japan has had no daylight saving since 1951, so
 * JST is a fixed UTC+9 and all conversions are integer arithmetic on day
 * numbers (days since 1970-01-01); no time zone database is consulted. */
#include "calendar.h"

#include <stddef.h>
#include <stdio.h>

#include "base/i18n.h"

#define JST_OFFSET (9 * 3600)
#define DAY_SECS 86400

/* Office-time arithmetic gives up beyond these years: a span that long
 * means a corrupt input, and the answer saturates at INT64_MIN/INT64_MAX
 * instead of looping for ages. */
#define MIN_YEAR 1
#define MAX_YEAR 9999

/* Unix time before 1970 is negative and C division truncates toward zero,
 * so day numbers need floor division. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && (a % b < 0) != (b < 0))
		q--;
	return q;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, month 1–12
 * (H. Hinnant's algorithm; day may run past the month's end). */
static int64_t
days_from_civil(int64_t year, int month, int64_t day)
{
	int64_t era, yoe, doy, doe;

	year -= month <= 2;
	era = floor_div(year, 400);
	yoe = year - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Day number of a date; months outside 1–12 roll into other years. */
static int64_t
day_number(int year, int month, int day)
{
	int64_t y = year + floor_div((int64_t)month - 1, 12);
	int m = (int)((int64_t)month - 1 - floor_div((int64_t)month - 1, 12) * 12) + 1;

	return days_from_civil(y, m, day);
}

/* Fills year, month, day and wday of a day number. */
static void
civil_from_days(int64_t z, struct jst *out)
{
	int64_t era, doe, yoe, doy, mp, m;

	out->wday = (int)(z - floor_div(z + 4, 7) * 7 + 4); /* 1970-01-01: Thursday */
	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)m;
	out->year = (int)(yoe + era * 400 + (m <= 2));
}

/* JST day number of a moment, and the second within that day. */
static int64_t
jst_day(int64_t t, int *sec)
{
	int64_t day = floor_div(t, DAY_SECS);
	int64_t rem = t - day * DAY_SECS + JST_OFFSET;

	if (rem >= DAY_SECS) {
		day++;
		rem -= DAY_SECS;
	}
	*sec = (int)rem;
	return day;
}

/* The moment a JST day starts. */
static int64_t
day_start(int64_t day)
{
	return day * DAY_SECS - JST_OFFSET;
}

void
jst_from_time(int64_t t, struct jst *out)
{
	int sec;

	civil_from_days(jst_day(t, &sec), out);
	out->hour = sec / 3600;
	out->min = sec / 60 % 60;
	out->sec = sec % 60;
}

int64_t
jst_to_time(int year, int month, int day, int hour, int min, int sec)
{
	return day_start(day_number(year, month, day))
		+ (int64_t)hour * 3600 + (int64_t)min * 60 + sec;
}

void
jst_format(int64_t t, char buf[20])
{
	struct jst j;

	buf[0] = '\0';
	if (t == 0)
		return;
	jst_from_time(t, &j);
	snprintf(buf, 20, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour,
		j.min);
}

int
fiscal_year(int year, int month)
{
	return month >= 4 ? year : year - 1;
}

int
fiscal_year_at(int64_t t)
{
	struct jst j;

	jst_from_time(t, &j);
	return fiscal_year(j.year, j.month);
}

void
fiscal_year_bounds(int fy, int64_t *start, int64_t *end)
{
	if (start != NULL)
		*start = jst_to_time(fy, 4, 1, 0, 0, 0);
	if (end != NULL)
		*end = jst_to_time(fy + 1, 4, 1, 0, 0, 0);
}

void
calendar_default(struct calendar *cal)
{
	cal->open_min = 8 * 60 + 30;
	cal->close_min = 17 * 60 + 15;
	cal->year_end_closure = true;
}

/* One "H:MM" or "HH:MM" clock time, 00:00–24:00; advances *p past it. */
static const char *
parse_clock(const char **p, int *minutes)
{
	const char *s = *p;
	int h = 0, m = 0, digits = 0;

	/* At most three digits are read: enough to reject, never to overflow. */
	for (; digits < 3 && *s >= '0' && *s <= '9'; s++, digits++)
		h = h * 10 + (*s - '0');
	if (digits < 1 || digits > 2 || *s != ':')
		return _("expected HH:MM-HH:MM, e.g. 08:30-17:15");
	s++;
	for (digits = 0; digits < 3 && *s >= '0' && *s <= '9'; s++, digits++)
		m = m * 10 + (*s - '0');
	if (digits != 2)
		return _("expected HH:MM-HH:MM, e.g. 08:30-17:15");
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return _("a time is out of range (00:00 to 24:00)");
	*minutes = h * 60 + m;
	*p = s;
	return NULL;
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool
parse_fail(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return false;
}

/* Leaves cal untouched on failure, so a bad setting cannot half-apply. */
bool
calendar_parse_hours(struct calendar *cal, const char *spec, const char **why)
{
	const char *s, *err;
	int open, close;

	if (spec == NULL || *skip_blanks(spec) == '\0')
		return parse_fail(why, _("no office hours given; expected HH:MM-HH:MM"));
	s = skip_blanks(spec);
	if ((err = parse_clock(&s, &open)) != NULL)
		return parse_fail(why, err);
	s = skip_blanks(s);
	if (*s++ != '-')
		return parse_fail(why, _("expected HH:MM-HH:MM, e.g. 08:30-17:15"));
	s = skip_blanks(s);
	if ((err = parse_clock(&s, &close)) != NULL)
		return parse_fail(why, err);
	if (*skip_blanks(s) != '\0')
		return parse_fail(why, _("unexpected text after the closing time"));
	if (open >= close)
		return parse_fail(why, _("the opening time must be before the closing time"));
	cal->open_min = open;
	cal->close_min = close;
	return true;
}

static bool
civil_business_day(const struct calendar *cal, const struct jst *c)
{
	if (c->wday == 0 || c->wday == 6)
		return false;
	if (cal->year_end_closure
	    && ((c->month == 12 && c->day >= 29) || (c->month == 1 && c->day <= 3)))
		return false;
	return !jp_holiday(c->year, c->month, c->day, NULL);
}

static bool
business_day(const struct calendar *cal, int64_t day)
{
	struct jst c;

	civil_from_days(day, &c);
	return civil_business_day(cal, &c);
}

bool
calendar_is_business_day(const struct calendar *cal, int year, int month, int day)
{
	return business_day(cal, day_number(year, month, day));
}

/* Office hours in seconds of the day; false if the calendar has none
 * (a hand-built struct with close before open), so nothing can loop. */
static bool
office_secs(const struct calendar *cal, int *open, int *close)
{
	if (cal->open_min < 0 || cal->open_min >= cal->close_min
	    || cal->close_min > 24 * 60)
		return false;
	*open = cal->open_min * 60;
	*close = cal->close_min * 60;
	return true;
}

bool
calendar_in_office_hours(const struct calendar *cal, int64_t t)
{
	int sec, open, close;
	int64_t day = jst_day(t, &sec);

	if (!office_secs(cal, &open, &close) || sec < open || sec >= close)
		return false;
	return business_day(cal, day);
}

/* The nearest business day from day on, stepping by dir (+1 or -1). Runs of
 * closed days are short (Golden Week, the year end), so this is a few
 * steps; it gives up at the year limits. */
static bool
seek_business_day(const struct calendar *cal, int64_t *day, int dir)
{
	int64_t lo = days_from_civil(MIN_YEAR, 1, 1);
	int64_t hi = days_from_civil(MAX_YEAR + 1, 1, 1);

	while (*day >= lo && *day < hi) {
		if (business_day(cal, *day))
			return true;
		*day += dir;
	}
	return false;
}

/* Forward: whole office days are taken at once, so the cost is one step
 * per calendar day crossed. Landing exactly on closing time returns the
 * closing time, not the next opening: "due by 17:15". */
static int64_t
add_forward(const struct calendar *cal, int64_t t, int64_t secs, int open, int close)
{
	int sec;
	int64_t day = jst_day(t, &sec);

	if (sec >= close || !business_day(cal, day)) {
		day++;
		sec = open;
	} else if (sec < open)
		sec = open;
	for (;;) {
		if (!seek_business_day(cal, &day, 1))
			return INT64_MAX;
		if (secs <= close - sec)
			return day_start(day) + sec + secs;
		secs -= close - sec;
		day++;
		sec = open;
	}
}

/* Backward, the mirror image: t outside office hours counts from the
 * previous closing, and landing on opening time returns the opening. */
static int64_t
add_backward(const struct calendar *cal, int64_t t, int64_t secs, int open, int close)
{
	int sec;
	int64_t day = jst_day(t, &sec);

	if (sec <= open || !business_day(cal, day)) {
		day--;
		sec = close;
	} else if (sec > close)
		sec = close;
	for (;;) {
		if (!seek_business_day(cal, &day, -1))
			return INT64_MIN;
		if (secs <= sec - open)
			return day_start(day) + sec - secs;
		secs -= sec - open;
		day--;
		sec = close;
	}
}

/* Negative minutes count backwards, so that
 * calendar_business_minutes(add(t, -n), t) == n as well. */
int64_t
calendar_add_business_minutes(const struct calendar *cal, int64_t t, long minutes)
{
	int open, close;

	if (!office_secs(cal, &open, &close))
		return minutes < 0 ? INT64_MIN : INT64_MAX;
	if (minutes > INT64_MAX / 60)
		return INT64_MAX;
	if (minutes < INT64_MIN / 60)
		return INT64_MIN;
	if (minutes < 0)
		return add_backward(cal, t, -(int64_t)minutes * 60, open, close);
	return add_forward(cal, t, (int64_t)minutes * 60, open, close);
}

long
calendar_business_minutes(const struct calendar *cal, int64_t from, int64_t to)
{
	int open, close, s0, s1;
	int64_t d0, d1, total = 0;

	if (to <= from || !office_secs(cal, &open, &close))
		return 0;
	d0 = jst_day(from, &s0);
	d1 = jst_day(to, &s1);
	if (d0 < days_from_civil(MIN_YEAR, 1, 1)) {
		d0 = days_from_civil(MIN_YEAR, 1, 1);
		s0 = 0;
	}
	if (d1 >= days_from_civil(MAX_YEAR + 1, 1, 1)) {
		d1 = days_from_civil(MAX_YEAR + 1, 1, 1);
		s1 = 0;
	}
	for (int64_t day = d0; day <= d1; day++) {
		int lo = day == d0 && s0 > open ? s0 : open;
		int hi = day == d1 && s1 < close ? s1 : close;

		if (hi > lo && business_day(cal, day))
			total += hi - lo;
	}
	return (long)(total / 60);
}
