/* Printed reports benchmark (issue 7; see bench/run.sh): on the generated
 * ticket database, the time to build the daily shift summary (the whole
 * business day and the early shift) and the monthly report of a month and
 * of a whole fiscal year, each rendered as text, the median of a few runs.
 * The day is the one before the last generated ticket's (madogen stamps
 * its audit rows with the moment it ran, which would make the last day
 * hold every one of them), the fiscal year that day's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/textwidth.h"
#include "bench/bench_util.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/report_daily.h"
#include "core/report_monthly.h"

enum { RUNS = 5 };

struct run_ctx {
	struct db *db;
	const struct actor *sys;
	const struct config *cfg;
	FILE *null;
};

typedef int (*build_fn)(const struct run_ctx *r, const void *spec, struct rdoc *d,
	struct mado_err *e);

static int
daily(const struct run_ctx *r, const void *spec, struct rdoc *d, struct mado_err *e)
{
	return report_daily(r->db, r->sys, r->cfg, spec, d, e);
}

static int
monthly(const struct run_ctx *r, const void *spec, struct rdoc *d, struct mado_err *e)
{
	return report_monthly(r->db, r->sys, spec, d, e);
}

/* The median of RUNS builds and text renderings, in ms. */
static void
time_report(const struct run_ctx *r, const char *what, build_fn fn, const void *spec)
{
	double ms[RUNS];
	int blocks = 0;

	for (int i = 0; i < RUNS; i++) {
		struct mado_err e = { 0 };
		struct rdoc d;
		double t0 = bench_now_ms();

		if (fn(r, spec, &d, &e) != MADO_OK || rdoc_text(&d, TW_AMBI_NARROW, r->null, &e) != MADO_OK)
			bench_die(what, &e);
		ms[i] = bench_now_ms() - t0;
		blocks = d.nblocks;
		rdoc_free(&d);
	}
	qsort(ms, RUNS, sizeof ms[0], bench_cmp_double);
	printf("  %-44s median %8.1f ms  (min %.1f, max %.1f; %d blocks)\n", what, ms[RUNS / 2],
		ms[0], ms[RUNS - 1], blocks);
}

static int64_t
last_ticket(struct db *db)
{
	sqlite3_stmt *st;
	int64_t t = 0;

	if (sqlite3_prepare_v2(db_handle(db), "SELECT max(created_at) FROM ticket", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return t;
}

int
main(int argc, char **argv)
{
	struct mado_err e = { 0 };
	struct config cfg;
	struct actor sys;
	struct run_ctx r = { .sys = &sys, .cfg = &cfg };
	struct daily_spec ds;
	struct monthly_spec ms;
	char day[11], label[64];
	struct jst j;
	int fy;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_reports DB\n");
		return 2;
	}
	if (config_load(&cfg, &e) != MADO_OK)
		bench_die("config", &e);
	if (db_open(argv[1], 0, &r.db, &e) != MADO_OK)
		bench_die("open", &e);
	r.null = fopen("/dev/null", "w");
	identity_system(&sys);
	jst_from_time(last_ticket(r.db) - 86400, &j);
	snprintf(day, sizeof day, "%04d-%02d-%02d", j.year, j.month, j.day);
	fy = fiscal_year(j.year, j.month);
	printf("reports on %s (the day before the last ticket's: %s, FY%d):\n", argv[1], day, fy);
	if (report_daily_spec(&cfg, day, "all", &ds, &e) != MADO_OK)
		bench_die("daily", &e);
	snprintf(label, sizeof label, "daily summary %s all", day);
	time_report(&r, label, daily, &ds);
	if (report_daily_spec(&cfg, day, "early", &ds, &e) != MADO_OK)
		bench_die("daily", &e);
	snprintf(label, sizeof label, "daily summary %s early", day);
	time_report(&r, label, daily, &ds);
	if (report_monthly_spec(fy, j.month, &ms, &e) != MADO_OK)
		bench_die("monthly", &e);
	snprintf(label, sizeof label, "monthly report FY%d month %d", fy, j.month);
	time_report(&r, label, monthly, &ms);
	if (report_monthly_spec(fy, 0, &ms, &e) != MADO_OK)
		bench_die("monthly", &e);
	snprintf(label, sizeof label, "monthly report FY%d whole year", fy);
	time_report(&r, label, monthly, &ms);
	if (report_monthly_spec(fy - 1, 0, &ms, &e) != MADO_OK)
		bench_die("monthly", &e);
	snprintf(label, sizeof label, "monthly report FY%d whole year", fy - 1);
	time_report(&r, label, monthly, &ms);
	fclose(r.null);
	db_close(r.db);
	config_free(&cfg);
	return 0;
}
