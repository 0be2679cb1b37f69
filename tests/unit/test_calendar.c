/* The business calendar: fiscal years, JST, national holidays, office
 * hours and office-time arithmetic. The holiday list below is the Cabinet
 * Office's (内閣府「国民の祝日について」), written out by hand rather than
 * derived from the code under test. */
#include "core/calendar.h"

#include <stddef.h>

#include "tests/tap.h"

int main(void);

struct holiday {
	int y, m, d;
	const char *name;
};

static const struct holiday holidays[] = {
	{ 2020, 1, 1, "元日" }, { 2020, 1, 13, "成人の日" },
	{ 2020, 2, 11, "建国記念の日" }, { 2020, 2, 23, "天皇誕生日" },
	{ 2020, 2, 24, "振替休日" }, { 2020, 3, 20, "春分の日" },
	{ 2020, 4, 29, "昭和の日" }, { 2020, 5, 3, "憲法記念日" },
	{ 2020, 5, 4, "みどりの日" }, { 2020, 5, 5, "こどもの日" },
	{ 2020, 5, 6, "振替休日" }, { 2020, 7, 23, "海の日" },
	{ 2020, 7, 24, "スポーツの日" }, { 2020, 8, 10, "山の日" },
	{ 2020, 9, 21, "敬老の日" }, { 2020, 9, 22, "秋分の日" },
	{ 2020, 11, 3, "文化の日" }, { 2020, 11, 23, "勤労感謝の日" },

	{ 2021, 1, 1, "元日" }, { 2021, 1, 11, "成人の日" },
	{ 2021, 2, 11, "建国記念の日" }, { 2021, 2, 23, "天皇誕生日" },
	{ 2021, 3, 20, "春分の日" }, { 2021, 4, 29, "昭和の日" },
	{ 2021, 5, 3, "憲法記念日" }, { 2021, 5, 4, "みどりの日" },
	{ 2021, 5, 5, "こどもの日" }, { 2021, 7, 22, "海の日" },
	{ 2021, 7, 23, "スポーツの日" }, { 2021, 8, 8, "山の日" },
	{ 2021, 8, 9, "振替休日" }, { 2021, 9, 20, "敬老の日" },
	{ 2021, 9, 23, "秋分の日" }, { 2021, 11, 3, "文化の日" },
	{ 2021, 11, 23, "勤労感謝の日" },

	{ 2022, 1, 1, "元日" }, { 2022, 1, 10, "成人の日" },
	{ 2022, 2, 11, "建国記念の日" }, { 2022, 2, 23, "天皇誕生日" },
	{ 2022, 3, 21, "春分の日" }, { 2022, 4, 29, "昭和の日" },
	{ 2022, 5, 3, "憲法記念日" }, { 2022, 5, 4, "みどりの日" },
	{ 2022, 5, 5, "こどもの日" }, { 2022, 7, 18, "海の日" },
	{ 2022, 8, 11, "山の日" }, { 2022, 9, 19, "敬老の日" },
	{ 2022, 9, 23, "秋分の日" }, { 2022, 10, 10, "スポーツの日" },
	{ 2022, 11, 3, "文化の日" }, { 2022, 11, 23, "勤労感謝の日" },

	{ 2023, 1, 1, "元日" }, { 2023, 1, 2, "振替休日" },
	{ 2023, 1, 9, "成人の日" }, { 2023, 2, 11, "建国記念の日" },
	{ 2023, 2, 23, "天皇誕生日" }, { 2023, 3, 21, "春分の日" },
	{ 2023, 4, 29, "昭和の日" }, { 2023, 5, 3, "憲法記念日" },
	{ 2023, 5, 4, "みどりの日" }, { 2023, 5, 5, "こどもの日" },
	{ 2023, 7, 17, "海の日" }, { 2023, 8, 11, "山の日" },
	{ 2023, 9, 18, "敬老の日" }, { 2023, 9, 23, "秋分の日" },
	{ 2023, 10, 9, "スポーツの日" }, { 2023, 11, 3, "文化の日" },
	{ 2023, 11, 23, "勤労感謝の日" },

	{ 2024, 1, 1, "元日" }, { 2024, 1, 8, "成人の日" },
	{ 2024, 2, 11, "建国記念の日" }, { 2024, 2, 12, "振替休日" },
	{ 2024, 2, 23, "天皇誕生日" }, { 2024, 3, 20, "春分の日" },
	{ 2024, 4, 29, "昭和の日" }, { 2024, 5, 3, "憲法記念日" },
	{ 2024, 5, 4, "みどりの日" }, { 2024, 5, 5, "こどもの日" },
	{ 2024, 5, 6, "振替休日" }, { 2024, 7, 15, "海の日" },
	{ 2024, 8, 11, "山の日" }, { 2024, 8, 12, "振替休日" },
	{ 2024, 9, 16, "敬老の日" }, { 2024, 9, 22, "秋分の日" },
	{ 2024, 9, 23, "振替休日" }, { 2024, 10, 14, "スポーツの日" },
	{ 2024, 11, 3, "文化の日" }, { 2024, 11, 4, "振替休日" },
	{ 2024, 11, 23, "勤労感謝の日" },

	{ 2025, 1, 1, "元日" }, { 2025, 1, 13, "成人の日" },
	{ 2025, 2, 11, "建国記念の日" }, { 2025, 2, 23, "天皇誕生日" },
	{ 2025, 2, 24, "振替休日" }, { 2025, 3, 20, "春分の日" },
	{ 2025, 4, 29, "昭和の日" }, { 2025, 5, 3, "憲法記念日" },
	{ 2025, 5, 4, "みどりの日" }, { 2025, 5, 5, "こどもの日" },
	{ 2025, 5, 6, "振替休日" }, { 2025, 7, 21, "海の日" },
	{ 2025, 8, 11, "山の日" }, { 2025, 9, 15, "敬老の日" },
	{ 2025, 9, 23, "秋分の日" }, { 2025, 10, 13, "スポーツの日" },
	{ 2025, 11, 3, "文化の日" }, { 2025, 11, 23, "勤労感謝の日" },
	{ 2025, 11, 24, "振替休日" },

	{ 2026, 1, 1, "元日" }, { 2026, 1, 12, "成人の日" },
	{ 2026, 2, 11, "建国記念の日" }, { 2026, 2, 23, "天皇誕生日" },
	{ 2026, 3, 20, "春分の日" }, { 2026, 4, 29, "昭和の日" },
	{ 2026, 5, 3, "憲法記念日" }, { 2026, 5, 4, "みどりの日" },
	{ 2026, 5, 5, "こどもの日" }, { 2026, 5, 6, "振替休日" },
	{ 2026, 7, 20, "海の日" }, { 2026, 8, 11, "山の日" },
	{ 2026, 9, 21, "敬老の日" }, { 2026, 9, 22, "国民の休日" },
	{ 2026, 9, 23, "秋分の日" }, { 2026, 10, 12, "スポーツの日" },
	{ 2026, 11, 3, "文化の日" }, { 2026, 11, 23, "勤労感謝の日" },

	{ 2027, 1, 1, "元日" }, { 2027, 1, 11, "成人の日" },
	{ 2027, 2, 11, "建国記念の日" }, { 2027, 2, 23, "天皇誕生日" },
	{ 2027, 3, 21, "春分の日" }, { 2027, 3, 22, "振替休日" },
	{ 2027, 4, 29, "昭和の日" }, { 2027, 5, 3, "憲法記念日" },
	{ 2027, 5, 4, "みどりの日" }, { 2027, 5, 5, "こどもの日" },
	{ 2027, 7, 19, "海の日" }, { 2027, 8, 11, "山の日" },
	{ 2027, 9, 20, "敬老の日" }, { 2027, 9, 23, "秋分の日" },
	{ 2027, 10, 11, "スポーツの日" }, { 2027, 11, 3, "文化の日" },
	{ 2027, 11, 23, "勤労感謝の日" },

	{ 2028, 1, 1, "元日" }, { 2028, 1, 10, "成人の日" },
	{ 2028, 2, 11, "建国記念の日" }, { 2028, 2, 23, "天皇誕生日" },
	{ 2028, 3, 20, "春分の日" }, { 2028, 4, 29, "昭和の日" },
	{ 2028, 5, 3, "憲法記念日" }, { 2028, 5, 4, "みどりの日" },
	{ 2028, 5, 5, "こどもの日" }, { 2028, 7, 17, "海の日" },
	{ 2028, 8, 11, "山の日" }, { 2028, 9, 18, "敬老の日" },
	{ 2028, 9, 22, "秋分の日" }, { 2028, 10, 9, "スポーツの日" },
	{ 2028, 11, 3, "文化の日" }, { 2028, 11, 23, "勤労感謝の日" },

	{ 2029, 1, 1, "元日" }, { 2029, 1, 8, "成人の日" },
	{ 2029, 2, 11, "建国記念の日" }, { 2029, 2, 12, "振替休日" },
	{ 2029, 2, 23, "天皇誕生日" }, { 2029, 3, 20, "春分の日" },
	{ 2029, 4, 29, "昭和の日" }, { 2029, 4, 30, "振替休日" },
	{ 2029, 5, 3, "憲法記念日" }, { 2029, 5, 4, "みどりの日" },
	{ 2029, 5, 5, "こどもの日" }, { 2029, 7, 16, "海の日" },
	{ 2029, 8, 11, "山の日" }, { 2029, 9, 17, "敬老の日" },
	{ 2029, 9, 23, "秋分の日" }, { 2029, 9, 24, "振替休日" },
	{ 2029, 10, 8, "スポーツの日" }, { 2029, 11, 3, "文化の日" },
	{ 2029, 11, 23, "勤労感謝の日" },

	{ 2030, 1, 1, "元日" }, { 2030, 1, 14, "成人の日" },
	{ 2030, 2, 11, "建国記念の日" }, { 2030, 2, 23, "天皇誕生日" },
	{ 2030, 3, 20, "春分の日" }, { 2030, 4, 29, "昭和の日" },
	{ 2030, 5, 3, "憲法記念日" }, { 2030, 5, 4, "みどりの日" },
	{ 2030, 5, 5, "こどもの日" }, { 2030, 5, 6, "振替休日" },
	{ 2030, 7, 15, "海の日" }, { 2030, 8, 11, "山の日" },
	{ 2030, 8, 12, "振替休日" }, { 2030, 9, 16, "敬老の日" },
	{ 2030, 9, 23, "秋分の日" }, { 2030, 10, 14, "スポーツの日" },
	{ 2030, 11, 3, "文化の日" }, { 2030, 11, 4, "振替休日" },
	{ 2030, 11, 23, "勤労感謝の日" },
};

#define NHOLIDAYS (sizeof holidays / sizeof holidays[0])

/* Holidays per year 2020–2030 as the Cabinet Office counts them. */
static const int per_year[] = { 18, 17, 16, 17, 21, 19, 18, 17, 16, 19, 19 };

static bool
listed(int y, int m, int d)
{
	for (size_t i = 0; i < NHOLIDAYS; i++)
		if (holidays[i].y == y && holidays[i].m == m && holidays[i].d == d)
			return true;
	return false;
}

static int
days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

static void
test_fiscal_year(void)
{
	int64_t start, end;

	is_int(fiscal_year(2026, 3), 2025, "2026-03 is FY2025");
	is_int(fiscal_year(2026, 4), 2026, "2026-04 is FY2026");
	is_int(fiscal_year(2027, 3), 2026, "2027-03 is FY2026");
	is_int(fiscal_year(2026, 12), 2026, "2026-12 is FY2026");
	is_int(fiscal_year(2027, 1), 2026, "2027-01 is FY2026");
	is_int(fiscal_year_at(jst_to_time(2026, 3, 31, 23, 59, 59)), 2025,
		"2026-03-31 23:59:59 JST is FY2025");
	is_int(fiscal_year_at(jst_to_time(2026, 4, 1, 0, 0, 0)), 2026,
		"2026-04-01 00:00 JST is FY2026");
	/* 15:00 UTC on 31 March is already 1 April in Japan. */
	is_int(fiscal_year_at(1774969200 - 1), 2025, "2026-03-31T14:59:59Z is FY2025");
	is_int(fiscal_year_at(1774969200), 2026, "2026-03-31T15:00:00Z is FY2026");
	fiscal_year_bounds(2026, &start, &end);
	is_int(start, 1774969200, "FY2026 starts 2026-04-01 00:00 JST");
	is_int(end, 1806505200, "FY2026 ends 2027-04-01 00:00 JST");
	fiscal_year_bounds(2025, NULL, &end);
	is_int(end, 1774969200, "FY2025 ends where FY2026 starts");
}

static void
test_jst(void)
{
	struct jst j;

	jst_from_time(0, &j);
	ok(j.year == 1970 && j.month == 1 && j.day == 1 && j.hour == 9 && j.min == 0
		&& j.wday == 4, "epoch is 1970-01-01 09:00 JST, Thursday");
	jst_from_time(1767193200 - 1, &j);
	ok(j.year == 2025 && j.month == 12 && j.day == 31 && j.hour == 23
		&& j.min == 59 && j.sec == 59 && j.wday == 3,
		"2025-12-31T14:59:59Z is Wednesday 23:59:59 JST");
	jst_from_time(1767193200, &j);
	ok(j.year == 2026 && j.month == 1 && j.day == 1 && j.hour == 0
		&& j.min == 0 && j.sec == 0 && j.wday == 4,
		"2025-12-31T15:00:00Z is Thursday 2026-01-01 00:00 JST");
	jst_from_time(1767193200 + 9 * 3600, &j);
	ok(j.day == 1 && j.hour == 9, "midnight UTC is 09:00 JST the same day");
	jst_from_time(-9 * 3600 - 1, &j);
	ok(j.year == 1969 && j.month == 12 && j.day == 31 && j.hour == 23
		&& j.min == 59 && j.sec == 59 && j.wday == 3,
		"negative time: 1969-12-31 23:59:59 JST, Wednesday");
	is_int(jst_to_time(2026, 1, 1, 0, 0, 0), 1767193200, "jst_to_time at JST midnight");
	is_int(jst_to_time(1970, 1, 1, 9, 0, 0), 0, "jst_to_time of the epoch");
	is_int(jst_to_time(2026, 13, 1, 0, 0, 0), jst_to_time(2027, 1, 1, 0, 0, 0),
		"month 13 rolls into the next year");
	is_int(jst_to_time(2024, 3, 0, 0, 0, 0), jst_to_time(2024, 2, 29, 0, 0, 0),
		"day 0 is the last day of the previous month (leap year)");
	jst_from_time(jst_to_time(2028, 2, 29, 12, 34, 56), &j);
	ok(j.year == 2028 && j.month == 2 && j.day == 29 && j.hour == 12
		&& j.min == 34 && j.sec == 56 && j.wday == 2, "round trip 2028-02-29 12:34:56");
}

static void
test_holiday_list(void)
{
	for (size_t i = 0; i < NHOLIDAYS; i++) {
		const struct holiday *h = &holidays[i];
		const char *name = NULL;

		ok(jp_holiday(h->y, h->m, h->d, &name), "%04d-%02d-%02d is a holiday",
			h->y, h->m, h->d);
		is_str(name, h->name, "%04d-%02d-%02d is %s", h->y, h->m, h->d, h->name);
	}
}

/* Every day of every year 2020–2030: the holidays are exactly the list. */
static void
test_holiday_years(void)
{
	for (int y = 2020; y <= 2030; y++) {
		int count = 0, wrong = 0;

		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= days_in_month(y, m); d++) {
				bool h = jp_holiday(y, m, d, NULL);

				count += h;
				if (h != listed(y, m, d)) {
					wrong++;
					printf("#   %04d-%02d-%02d: %s\n", y, m, d,
						h ? "unexpected holiday" : "missing");
				}
			}
		is_int(count, per_year[y - 2020], "%d has %d holidays", y, per_year[y - 2020]);
		is_int(wrong, 0, "%d: no day outside the list is a holiday", y);
	}
}

static void
test_non_holidays(void)
{
	static const struct { int y, m, d; const char *why; } days[] = {
		{ 2019, 12, 23, "no emperor's birthday in 2019" },
		{ 2020, 12, 23, "emperor's birthday moved to 23 February" },
		{ 2019, 2, 23, "23 February only from 2020" },
		{ 2020, 7, 20, "2020 海の日 moved to 7/23" },
		{ 2020, 8, 11, "2020 山の日 moved to 8/10" },
		{ 2020, 10, 12, "2020 スポーツの日 moved to 7/24" },
		{ 2021, 7, 19, "2021 海の日 moved to 7/22" },
		{ 2021, 8, 11, "2021 山の日 moved to 8/8" },
		{ 2021, 10, 11, "2021 スポーツの日 moved to 7/23" },
		{ 2023, 2, 13, "holiday on Saturday has no substitute" },
		{ 2024, 5, 7, "the substitute is only one day" },
		{ 2026, 1, 2, "year-end closure, not a holiday" },
		{ 2026, 5, 7, "after Golden Week" },
		{ 2026, 9, 24, "after the 2026 silver week" },
		{ 2027, 9, 21, "not sandwiched: 9/22 is an ordinary day" },
		{ 2028, 5, 6, "Saturday after Golden Week" },
		{ 2030, 5, 7, "after the 2030 substitute" },
		{ 2025, 12, 31, "New Year's Eve" },
	};

	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		const char *name = "x";

		ok(!jp_holiday(days[i].y, days[i].m, days[i].d, &name) && name == NULL,
			"%04d-%02d-%02d is not a holiday (%s)", days[i].y, days[i].m,
			days[i].d, days[i].why);
	}
}

/* A few days before 2020 that exercise the older rules. */
static void
test_holiday_history(void)
{
	static const struct holiday days[] = {
		{ 2019, 4, 30, "国民の休日" }, { 2019, 5, 1, "天皇の即位の日" },
		{ 2019, 5, 2, "国民の休日" }, { 2019, 5, 6, "振替休日" },
		{ 2019, 10, 14, "体育の日" }, { 2019, 10, 22, "即位礼正殿の儀" },
		{ 2018, 12, 23, "天皇誕生日" }, { 2018, 12, 24, "振替休日" },
		{ 2016, 8, 11, "山の日" }, { 2015, 9, 22, "国民の休日" },
		{ 2006, 4, 29, "みどりの日" }, { 2006, 5, 4, "国民の休日" },
		{ 1999, 1, 15, "成人の日" }, { 1999, 10, 10, "体育の日" },
		{ 1999, 10, 11, "振替休日" }, { 1989, 2, 24, "昭和天皇の大喪の礼" },
		{ 1988, 4, 29, "天皇誕生日" }, { 1980, 3, 20, "春分の日" },
	};

	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		const char *name = NULL;

		jp_holiday(days[i].y, days[i].m, days[i].d, &name);
		is_str(name, days[i].name, "%04d-%02d-%02d is %s", days[i].y, days[i].m,
			days[i].d, days[i].name);
	}
	/* 2009: 5/4 and 5/5 are holidays, so Sunday 5/3 moves to 5/6. */
	ok(jp_holiday(2009, 5, 6, NULL), "2009-05-06 振替休日 skips two holidays");
	/* Before 2007 the substitute was only ever the Monday. */
	ok(!jp_holiday(1998, 5, 6, NULL), "1998-05-06 is not a holiday (old rule)");
	ok(!jp_holiday(2015, 8, 11, NULL), "no 山の日 before 2016");
	ok(!jp_holiday(1979, 1, 1, NULL) && !jp_holiday(2100, 1, 1, NULL),
		"outside 1980-2099 no holidays are reported");
}

static void
test_business_day(void)
{
	struct calendar cal, open_cal;

	calendar_default(&cal);
	is_int(cal.open_min, 510, "default opening 8:30");
	is_int(cal.close_min, 1035, "default closing 17:15");
	ok(cal.year_end_closure, "default has the year-end closure");
	ok(calendar_is_business_day(&cal, 2026, 4, 6), "Monday 2026-04-06 is a business day");
	ok(!calendar_is_business_day(&cal, 2026, 4, 4), "Saturday 2026-04-04 is not");
	ok(!calendar_is_business_day(&cal, 2026, 4, 5), "Sunday 2026-04-05 is not");
	ok(!calendar_is_business_day(&cal, 2026, 4, 29), "昭和の日 2026-04-29 is not");
	ok(!calendar_is_business_day(&cal, 2026, 5, 6), "振替休日 2026-05-06 is not");
	ok(!calendar_is_business_day(&cal, 2026, 9, 22), "国民の休日 2026-09-22 is not");
	ok(calendar_is_business_day(&cal, 2026, 12, 28), "Monday 2026-12-28 is");
	ok(!calendar_is_business_day(&cal, 2026, 12, 29), "2026-12-29 is closed");
	ok(!calendar_is_business_day(&cal, 2026, 12, 31), "2026-12-31 is closed");
	ok(!calendar_is_business_day(&cal, 2026, 1, 2), "Friday 2026-01-02 is closed");
	ok(calendar_is_business_day(&cal, 2027, 1, 4), "Monday 2027-01-04 reopens");
	open_cal = cal;
	open_cal.year_end_closure = false;
	ok(calendar_is_business_day(&open_cal, 2026, 12, 29),
		"without the closure 2026-12-29 is a business day");
	ok(calendar_is_business_day(&open_cal, 2026, 1, 2),
		"without the closure 2026-01-02 is a business day");
	ok(!calendar_is_business_day(&open_cal, 2027, 1, 1),
		"without the closure 元日 is still a holiday");
}

static void
test_office_hours(void)
{
	struct calendar cal;

	calendar_default(&cal);
	ok(!calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 8, 29, 59)), "8:29:59 closed");
	ok(!calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 8, 29, 0)), "8:29 closed");
	ok(calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 8, 30, 0)), "8:30 open");
	ok(calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 17, 14, 0)), "17:14 open");
	ok(calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 17, 14, 59)), "17:14:59 open");
	ok(!calendar_in_office_hours(&cal, jst_to_time(2026, 4, 6, 17, 15, 0)), "17:15 closed");
	ok(!calendar_in_office_hours(&cal, jst_to_time(2026, 4, 4, 10, 0, 0)),
		"Saturday 10:00 closed");
	ok(!calendar_in_office_hours(&cal, jst_to_time(2026, 12, 30, 10, 0, 0)),
		"2026-12-30 10:00 closed (year end)");
}

static void
test_parse_hours(void)
{
	static const char *bad[] = {
		"", "   ", "0830-1715", "08:30", "08:30-", "08:30 17:15", "17:15-08:30",
		"08:30-08:30", "25:00-26:00", "08:60-17:00", "08:30-24:01", "08:30-17:15x",
		"8:3-17:15", "008:30-17:15", "99999999999:00-17:00", "-08:30-17:15",
	};
	struct calendar cal;
	const char *why;

	calendar_default(&cal);
	ok(calendar_parse_hours(&cal, "09:00-18:00", &why)
		&& cal.open_min == 540 && cal.close_min == 1080, "09:00-18:00");
	ok(calendar_parse_hours(&cal, "08:30-17:15", &why)
		&& cal.open_min == 510 && cal.close_min == 1035, "08:30-17:15");
	ok(calendar_parse_hours(&cal, " 8:00 - 24:00 ", &why)
		&& cal.open_min == 480 && cal.close_min == 1440, "blanks, one-digit hour, 24:00");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		calendar_default(&cal);
		why = NULL;
		ok(!calendar_parse_hours(&cal, bad[i], &why) && why != NULL && *why != '\0'
			&& cal.open_min == 510 && cal.close_min == 1035,
			"rejects '%s' (%s), calendar unchanged", bad[i], why ? why : "no reason");
	}
	why = NULL;
	ok(!calendar_parse_hours(&cal, NULL, &why) && why != NULL, "rejects NULL");
	calendar_parse_hours(&cal, "17:15-08:30", &why);
	is_str(why, "the opening time must be before the closing time",
		"reason for a reversed range");
}

static void
check_add(const struct calendar *cal, int64_t from, long minutes, int64_t want,
	const char *what)
{
	int64_t got = calendar_add_business_minutes(cal, from, minutes);
	struct jst g;

	if (!ok(got == want, "%s", what)) {
		jst_from_time(got, &g);
		printf("#   got %04d-%02d-%02d %02d:%02d:%02d\n", g.year, g.month, g.day,
			g.hour, g.min, g.sec);
	}
}

static void
test_add_minutes(void)
{
	struct calendar cal, open_cal;

	calendar_default(&cal);
	open_cal = cal;
	open_cal.year_end_closure = false;
	check_add(&cal, jst_to_time(2026, 4, 6, 9, 0, 0), 60,
		jst_to_time(2026, 4, 6, 10, 0, 0), "Monday 9:00 + 60 min = 10:00");
	check_add(&cal, jst_to_time(2026, 4, 6, 9, 0, 30), 1,
		jst_to_time(2026, 4, 6, 9, 1, 30), "seconds are kept");
	check_add(&cal, jst_to_time(2026, 4, 6, 7, 0, 0), 10,
		jst_to_time(2026, 4, 6, 8, 40, 0), "before opening counts from 8:30");
	check_add(&cal, jst_to_time(2026, 4, 6, 16, 15, 0), 60,
		jst_to_time(2026, 4, 6, 17, 15, 0), "landing on closing time stays that day");
	check_add(&cal, jst_to_time(2026, 4, 6, 16, 15, 0), 61,
		jst_to_time(2026, 4, 7, 8, 31, 0), "one minute more runs into the next day");
	check_add(&cal, jst_to_time(2026, 4, 10, 17, 0, 0), 30,
		jst_to_time(2026, 4, 13, 8, 45, 0), "Friday 17:00 + 30 min = Monday 8:45");
	check_add(&cal, jst_to_time(2026, 4, 11, 12, 0, 0), 0,
		jst_to_time(2026, 4, 13, 8, 30, 0), "Saturday + 0 min = Monday opening");
	check_add(&cal, jst_to_time(2026, 4, 10, 20, 0, 0), 525,
		jst_to_time(2026, 4, 13, 17, 15, 0), "Friday evening + one office day");
	check_add(&cal, jst_to_time(2026, 4, 28, 17, 0, 0), 30,
		jst_to_time(2026, 4, 30, 8, 45, 0), "over 昭和の日 2026");
	check_add(&cal, jst_to_time(2026, 5, 1, 17, 0, 0), 30,
		jst_to_time(2026, 5, 7, 8, 45, 0), "Friday 2026-05-01 17:00 + 30 min "
		"crosses Golden Week to 5/7 8:45");
	check_add(&cal, jst_to_time(2026, 4, 20, 9, 0, 0), 10 * 525,
		jst_to_time(2026, 5, 8, 9, 0, 0), "10 office days from 4/20 9:00 is 5/8 9:00");
	check_add(&cal, jst_to_time(2026, 12, 28, 17, 0, 0), 30,
		jst_to_time(2027, 1, 4, 8, 45, 0), "12/28 17:00 + 30 min crosses the "
		"year end to 1/4 8:45");
	check_add(&open_cal, jst_to_time(2026, 12, 28, 17, 0, 0), 30,
		jst_to_time(2026, 12, 29, 8, 45, 0), "without the closure: 12/29 8:45");
	check_add(&cal, jst_to_time(2027, 1, 4, 8, 45, 0), -30,
		jst_to_time(2026, 12, 28, 17, 0, 0), "-30 min goes back over the year end");
	check_add(&cal, jst_to_time(2026, 5, 7, 8, 0, 0), -15,
		jst_to_time(2026, 5, 1, 17, 0, 0), "backwards from before opening");
	check_add(&cal, jst_to_time(2026, 4, 7, 9, 0, 0), -30,
		jst_to_time(2026, 4, 7, 8, 30, 0), "backwards landing on opening time");
	is_int(calendar_add_business_minutes(&cal, 0, 50000L * 250 * 525), INT64_MAX,
		"past the year 9999 the result saturates");
}

static void
test_minutes_between(void)
{
	static const long spans[] = { 0, 1, 59, 524, 525, 526, 5250, 30000, 131072 };
	struct calendar cal;
	int64_t starts[6], t0;
	int bad = 0, n = 0;

	calendar_default(&cal);
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 10, 17, 0, 0),
		jst_to_time(2026, 4, 13, 8, 45, 0)), 30, "Friday 17:00 to Monday 8:45 is 30 min");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 11, 0, 0, 0),
		jst_to_time(2026, 4, 13, 0, 0, 0)), 0, "a weekend has no office time");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 6, 0, 0, 0),
		jst_to_time(2026, 4, 7, 0, 0, 0)), 525, "a whole business day is 525 min");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 28, 8, 30, 0),
		jst_to_time(2026, 5, 8, 8, 30, 0)), 4 * 525,
		"4/28 to 5/8 2026 holds four office days");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 12, 28, 0, 0, 0),
		jst_to_time(2027, 1, 5, 0, 0, 0)), 2 * 525, "the year end holds two office days");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 7, 0, 0, 0),
		jst_to_time(2026, 4, 6, 0, 0, 0)), 0, "to before from is 0");
	is_int(calendar_business_minutes(&cal, jst_to_time(2026, 4, 6, 9, 0, 0),
		jst_to_time(2026, 4, 6, 9, 0, 59)), 0, "partial minutes are not counted");
	starts[0] = jst_to_time(2026, 4, 6, 9, 0, 0);
	starts[1] = jst_to_time(2026, 4, 10, 17, 14, 30);
	starts[2] = jst_to_time(2026, 5, 2, 10, 0, 0);
	starts[3] = jst_to_time(2026, 12, 28, 16, 0, 17);
	starts[4] = jst_to_time(2026, 9, 18, 23, 0, 0);
	starts[5] = jst_to_time(2030, 11, 1, 8, 0, 0);
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
		for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++) {
			int64_t t = starts[i];
			int64_t fwd = calendar_add_business_minutes(&cal, t, spans[k]);
			int64_t back = calendar_add_business_minutes(&cal, t, -spans[k]);

			n++;
			if (calendar_business_minutes(&cal, t, fwd) != spans[k]
			    || (spans[k] > 0 && calendar_business_minutes(&cal, back, t) != spans[k])) {
				bad++;
				printf("#   start %zu, span %ld\n", i, spans[k]);
			}
		}
	/* About a century of office time, one step per calendar day. */
	t0 = jst_to_time(2026, 4, 6, 9, 0, 0);
	is_int(calendar_business_minutes(&cal, t0,
		calendar_add_business_minutes(&cal, t0, 100L * 250 * 525)), 100L * 250 * 525,
		"a century of office time there and back");
	is_int(bad, 0, "minutes between is the inverse of adding (%d cases, both ways)", n);
}

int
main(void)
{
	test_fiscal_year();
	test_jst();
	test_holiday_list();
	test_holiday_years();
	test_non_holidays();
	test_holiday_history();
	test_business_day();
	test_office_hours();
	test_parse_hours();
	test_add_minutes();
	test_minutes_between();
	return tap_done();
}
