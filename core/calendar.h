/* The business calendar: Japanese fiscal years, national holidays,
 * office hours and the year-end closure. All local times are Japan
 * Standard Time (UTC+9, no daylight saving). */
#ifndef MADO_CALENDAR_H
#define MADO_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

/* Fiscal year (年度) of a civil date: April–March, so 2027-03-31 is FY2026. */
int fiscal_year(int year, int month);
/* Fiscal year of a moment (Unix seconds) in JST. */
int fiscal_year_at(int64_t t);
/* [start, end) of fiscal year fy in Unix seconds: 1 April 00:00 JST. */
void fiscal_year_bounds(int fy, int64_t *start, int64_t *end);

/* Local JST civil time of a moment and back. */
struct jst {
	int year, month, day, hour, min, sec;
	int wday; /* 0 = Sunday */
};
void jst_from_time(int64_t t, struct jst *out);
int64_t jst_to_time(int year, int month, int day, int hour, int min, int sec);
/* "YYYY-MM-DD HH:MM" in JST into buf; "" for 0. */
void jst_format(int64_t t, char buf[20]);

/* Japanese national holiday (国民の祝日, 振替休日, 国民の休日) on a date,
 * computed from the law as amended through 2020 (including the 2020 and
 * 2021 Olympic moves); name (may be NULL) receives a static Japanese name. */
bool jp_holiday(int year, int month, int day, const char **name);

struct calendar {
	int open_min;       /* office opens, minutes after midnight (8:30 -> 510) */
	int close_min;      /* office closes (17:15 -> 1035) */
	bool year_end_closure; /* closed 29 Dec – 3 Jan */
};

/* 8:30–17:15, weekdays, closed on holidays and 29 Dec – 3 Jan. */
void calendar_default(struct calendar *cal);
/* Parses "HH:MM-HH:MM" into open/close; false with *why on bad input. */
bool calendar_parse_hours(struct calendar *cal, const char *spec, const char **why);

bool calendar_is_business_day(const struct calendar *cal, int year, int month, int day);
bool calendar_in_office_hours(const struct calendar *cal, int64_t t);
/* The moment reached after `minutes` of office time counted from t
 * (t outside office hours counts from the next opening). */
int64_t calendar_add_business_minutes(const struct calendar *cal, int64_t t, long minutes);
/* Office minutes in [from, to) (0 if to <= from). */
long calendar_business_minutes(const struct calendar *cal, int64_t from, int64_t to);

#endif
