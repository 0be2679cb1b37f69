/* Japanese national holidays, computed from the National Holidays Act
 * (国民の祝日に関する法律) as amended through 2020 and the special laws that
 * moved or added single days. Covered: 1980–2099, the span over which the
 * usual equinox approximation matches the observatory's announcements;
 * outside it no day is reported as a holiday. */
#include "calendar.h"

#include <stddef.h>

#define FIRST_YEAR 1980
#define LAST_YEAR 2099

/* Days set by special laws. The imperial ceremonies count as 国民の祝日,
 * so they take part in 振替休日 and 国民の休日 like any other holiday (that
 * is what made 2019-04-30 and 2019-05-02 holidays). In 2020 and 2021 the
 * Olympic special measures law moved three holidays, and their regular
 * dates were ordinary days in those years. */
static const struct oneoff {
	int year, month, day;
	const char *name;
} oneoffs[] = {
	{ 1989, 2, 24, "昭和天皇の大喪の礼" },
	{ 1990, 11, 12, "即位礼正殿の儀" },
	{ 1993, 6, 9, "結婚の儀" },
	{ 2019, 5, 1, "天皇の即位の日" },
	{ 2019, 10, 22, "即位礼正殿の儀" },
	{ 2020, 7, 23, "海の日" },
	{ 2020, 7, 24, "スポーツの日" },
	{ 2020, 8, 10, "山の日" },
	{ 2021, 7, 22, "海の日" },
	{ 2021, 7, 23, "スポーツの日" },
	{ 2021, 8, 8, "山の日" },
};

static bool
olympic_year(int year)
{
	return year == 2020 || year == 2021;
}

static const char *
oneoff(int year, int month, int day)
{
	for (size_t i = 0; i < sizeof oneoffs / sizeof oneoffs[0]; i++) {
		const struct oneoff *o = &oneoffs[i];

		if (o->year == year && o->month == month && o->day == day)
			return o->name;
	}
	return NULL;
}

/* The date shifted by k days, with its weekday. */
static void
shift(int year, int month, int day, int k, struct jst *out)
{
	jst_from_time(jst_to_time(year, month, day + k, 12, 0, 0), out);
}

/* Day of the month of the n-th Monday (Happy Monday system, 2000 onwards). */
static int
nth_monday(int year, int month, int n)
{
	struct jst first;

	shift(year, month, 1, 0, &first);
	return 1 + (8 - first.wday) % 7 + 7 * (n - 1);
}

/* The equinox holidays are fixed each February by the observatory; the
 * standard approximation int(base + 0.242194 (y - 1980) - int((y - 1980) / 4))
 * reproduces them for 1980–2099. Kept in millionths so that no floating
 * point rounding can move a day. */
static int
equinox_day(int year, long base_millionths)
{
	long n = year - 1980;

	return (int)((base_millionths + 242194L * n) / 1000000L - n / 4);
}

static int
vernal_equinox(int year)
{
	return equinox_day(year, 20843100L);
}

static int
autumnal_equinox(int year)
{
	return equinox_day(year, 23248800L);
}

static const char *
january(int year, int day)
{
	if (day == 1)
		return "元日";
	if (day == (year < 2000 ? 15 : nth_monday(year, 1, 2)))
		return "成人の日";
	return NULL;
}

static const char *
february(int year, int day)
{
	if (day == 11)
		return "建国記念の日";
	if (day == 23 && year >= 2020)
		return "天皇誕生日";
	return NULL;
}

static const char *
april(int year, int day)
{
	if (day != 29)
		return NULL;
	if (year < 1989)
		return "天皇誕生日";
	return year < 2007 ? "みどりの日" : "昭和の日";
}

static const char *
may(int year, int day)
{
	if (day == 3)
		return "憲法記念日";
	if (day == 4 && year >= 2007)
		return "みどりの日";
	if (day == 5)
		return "こどもの日";
	return NULL;
}

static const char *
july(int year, int day)
{
	int umi;

	if (year < 1996 || olympic_year(year))
		return NULL;
	umi = year < 2003 ? 20 : nth_monday(year, 7, 3);
	return day == umi ? "海の日" : NULL;
}

static const char *
august(int year, int day)
{
	return day == 11 && year >= 2016 && !olympic_year(year) ? "山の日" : NULL;
}

static const char *
september(int year, int day)
{
	if (day == (year < 2003 ? 15 : nth_monday(year, 9, 3)))
		return "敬老の日";
	if (day == autumnal_equinox(year))
		return "秋分の日";
	return NULL;
}

static const char *
october(int year, int day)
{
	if (olympic_year(year))
		return NULL;
	if (day != (year < 2000 ? 10 : nth_monday(year, 10, 2)))
		return NULL;
	return year < 2020 ? "体育の日" : "スポーツの日";
}

static const char *
november(int year, int day)
{
	if (day == 3)
		return "文化の日";
	return day == 23 ? "勤労感謝の日" : NULL;
}

static const char *
december(int year, int day)
{
	return day == 23 && year >= 1989 && year <= 2018 ? "天皇誕生日" : NULL;
}

/* A 国民の祝日 proper: a day named by the Act or by a special law. */
static const char *
statutory(int year, int month, int day)
{
	const char *name = oneoff(year, month, day);

	if (name != NULL)
		return name;
	switch (month) {
	case 1: return january(year, day);
	case 2: return february(year, day);
	case 3: return day == vernal_equinox(year) ? "春分の日" : NULL;
	case 4: return april(year, day);
	case 5: return may(year, day);
	case 7: return july(year, day);
	case 8: return august(year, day);
	case 9: return september(year, day);
	case 10: return october(year, day);
	case 11: return november(year, day);
	case 12: return december(year, day);
	default: return NULL;
	}
}

/* 振替休日: a holiday falling on Sunday makes the nearest following
 * non-holiday a holiday. Until 2006 that could only be the Monday; since
 * 2007 it skips further holidays (5/3 on Sunday moves to 5/6). */
static bool
substitute(int year, int month, int day)
{
	int reach = year >= 2007 ? 7 : 1;
	struct jst prev;

	for (int k = 1; k <= reach; k++) {
		shift(year, month, day, -k, &prev);
		if (statutory(prev.year, prev.month, prev.day) == NULL)
			return false;
		if (prev.wday == 0)
			return true;
	}
	return false;
}

/* 国民の休日 (since the 1985 amendment): an ordinary day between two
 * holidays. Before 2007 a Sunday was excluded. */
static bool
sandwiched(int year, int month, int day)
{
	struct jst prev, next, self;

	if (year < 1986)
		return false;
	shift(year, month, day, 0, &self);
	if (year < 2007 && self.wday == 0)
		return false;
	shift(year, month, day, -1, &prev);
	shift(year, month, day, 1, &next);
	return statutory(prev.year, prev.month, prev.day) != NULL
		&& statutory(next.year, next.month, next.day) != NULL;
}

bool
jp_holiday(int year, int month, int day, const char **name)
{
	struct jst norm;
	const char *found;

	/* Accept out-of-range days the way jst_to_time() does (3/32 is 4/1). */
	shift(year, month, day, 0, &norm);
	year = norm.year;
	month = norm.month;
	day = norm.day;
	found = NULL;
	if (year >= FIRST_YEAR && year <= LAST_YEAR) {
		found = statutory(year, month, day);
		if (found == NULL && substitute(year, month, day))
			found = "振替休日";
		if (found == NULL && sandwiched(year, month, day))
			found = "国民の休日";
	}
	if (name != NULL)
		*name = found;
	return found != NULL;
}
