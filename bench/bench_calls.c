/* Contact-center benchmark (issue 6; see bench/run.sh):
 *   a simulated day: 5,000 calls recorded by 30 operator processes at
 *   once, each with its own connection (start, end, save as an operator
 *   does), checking that no write was lost and no error surfaced;
 *   a month's figures on a database of five fiscal years of call logs,
 *   the median of a few runs per grouping.
 * Prints figures; fails (exit 1) only when a call was lost or refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/calllog_record.h"
#include "core/master.h"
#include "core/report_calls.h"
#include "bench/bench_util.h"

enum { OPERATORS = 30, CALLS = 5000, CODES_MAX = 256, REPORT_RUNS = 5 };

/* Codes read from the generated masters, so saves pass core's checks. */
struct codes {
	char dept[CODES_MAX][32], cat[CODES_MAX][32], phone[CODES_MAX][32];
	int64_t faq[CODES_MAX];
	int ndept, ncat, nphone, nfaq;
};

static const char *const asked[] = {
	"住民票の写しをコンビニで取得したいが、マイナンバーカードの暗証番号を忘れたとの問い合わせ。",
	"粗大ごみの収集日と申込方法を知りたいとの問い合わせ。",
	"児童手当の現況届の提出期限について確認したいとの問い合わせ。",
	"国民健康保険料の納付書を紛失したため再発行してほしいとの要望。",
	"道路の街灯が切れていて夜間危ないとの連絡。場所は市役所通り3丁目交差点付近。",
	"転入届に必要な書類と窓口の受付時間を知りたいとの問い合わせ。",
};
static const char *const answered[] = {
	"FAQ に基づき、暗証番号の再設定は本人が市民課窓口で行う必要があると案内。",
	"収集日は地区ごとの収集カレンダーのとおりで、申込は電話またはウェブで受付と案内。",
	"提出期限は6月30日まで、郵送でも提出可能と案内。",
	"担当課での対応が必要なため、担当課へ転送。",
	"担当者から折り返し連絡する旨を伝え、連絡先を確認。",
};

static void
codes_read(struct db *db, const char *sql, char out[][32], int *n)
{
	sqlite3_stmt *st;

	*n = 0;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (*n < CODES_MAX && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out[(*n)++], 32, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void
masters_read(struct db *db, struct codes *c)
{
	sqlite3_stmt *st;

	codes_read(db, "SELECT code FROM department ORDER BY code", c->dept, &c->ndept);
	codes_read(db, "SELECT code FROM category ORDER BY code", c->cat, &c->ncat);
	codes_read(db, "SELECT code FROM phonebook ORDER BY code", c->phone, &c->nphone);
	c->nfaq = 0;
	if (sqlite3_prepare_v2(db_handle(db),
			"SELECT faq_no FROM kb_article WHERE public = 1 ORDER BY faq_no", -1, &st,
			NULL) == SQLITE_OK) {
		while (c->nfaq < CODES_MAX && sqlite3_step(st) == SQLITE_ROW)
			c->faq[c->nfaq++] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (c->ndept == 0 || c->ncat == 0 || c->nphone == 0) {
		fprintf(stderr, "bench: the day database needs departments, categories and a"
			" phone book (generate it with madogen)\n");
		exit(1);
	}
}

static void
report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, bench_cmp_double);
	printf("%-34s n=%-5d median %8.3f ms  p95 %8.3f ms  p99 %8.3f ms  max %8.3f ms\n",
		what, n, ms[n / 2], ms[n * 95 / 100], ms[n * 99 / 100], ms[n - 1]);
}

static void
login_of(int op, char login[32])
{
	snprintf(login, 32, "benchop%02d", op + 1);
}

static void
operators_add(struct db *db)
{
	struct mado_err e = { 0 };
	struct actor sys, a;

	identity_system(&sys);
	for (int op = 0; op < OPERATORS; op++) {
		char login[32], name[64];
		struct user_spec u = { .login = login, .name = name, .role = "operator" };

		login_of(op, login);
		snprintf(name, sizeof name, "窓口 オペレーター%02d", op + 1);
		if (identity_by_login(db, login, &a, &e) == MADO_OK)
			continue; /* a rerun on the same copy */
		e = (struct mado_err){ 0 };
		if (user_add(db, &sys, &u, &e) != MADO_OK)
			bench_die("add operator", &e);
	}
}

/* One operator's share of the day; the save time of call i goes to
 * ms[i] (shared with the parent). Exit status 0 only when every call was
 * saved. */
static int
operator_day(const char *path, const struct codes *c, int op, int first, int n, double *ms,
	double *call_ms)
{
	struct mado_err e = { 0 };
	struct actor a;
	struct db *db;
	char login[32];
	unsigned seed = (unsigned)(op * 7919 + 17);

	login_of(op, login);
	if (db_open(path, 0, &db, &e) != MADO_OK || identity_by_login(db, login, &a, &e) != MADO_OK)
		bench_die(login, &e);
	for (int i = first; i < first + n; i++) {
		unsigned r = (unsigned)rand_r(&seed);
		int kind = (int)(r % 100);
		int64_t id, faq[CALLLOG_FAQ_MAX];
		struct calllog_fields f = {
			.contact_type = kind < 70 ? "inquiry" : kind < 78 ? "request"
				: kind < 83 ? "complaint" : kind < 95 ? "transfer" : "other",
			.department = c->dept[r / 7 % (unsigned)c->ndept],
			.category = c->cat[r / 11 % (unsigned)c->ncat],
			.inquiry_text = asked[r / 13 % (sizeof asked / sizeof *asked)],
			.faq = faq,
		};
		int outcome = (int)(r / 17 % 100);
		double t0 = bench_now_ms(), t1;

		if (outcome < 72) {
			f.outcome = "answered";
			f.response_text = answered[r / 19 % 3];
			f.nfaq = c->nfaq == 0 ? 0 : (int)(r / 23 % 4);
			for (int k = 0; k < f.nfaq; k++)
				faq[k] = c->faq[(r / 29 + (unsigned)k * 37) % (unsigned)c->nfaq];
		} else if (outcome < 87) {
			f.outcome = "transferred";
			f.transfer_to = c->phone[r / 19 % (unsigned)c->nphone];
			f.response_text = answered[3];
		} else {
			f.outcome = outcome < 96 ? "callback" : "other";
			f.response_text = answered[4];
		}
		if (calllog_start(db, &a, &id, NULL, &e) != MADO_OK)
			bench_die("calllog_start", &e);
		if (calllog_end(db, &a, id, &e) != MADO_OK)
			bench_die("calllog_end", &e);
		t1 = bench_now_ms();
		if (calllog_save(db, &a, id, &f, &e) != MADO_OK)
			bench_die("calllog_save", &e);
		ms[i] = bench_now_ms() - t1;
		call_ms[i] = bench_now_ms() - t0;
	}
	db_close(db);
	return 0;
}

static int
bench_day(const char *path)
{
	struct mado_err e = { 0 };
	struct codes *c = calloc(1, sizeof *c);
	size_t bytes = 2 * CALLS * sizeof(double);
	double *ms = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	double *call_ms = ms + CALLS, t0, total;
	pid_t pids[OPERATORS];
	int64_t before, after, saved;
	struct db *db;
	int failed = 0, first = 0;

	if (c == NULL || ms == MAP_FAILED) {
		fprintf(stderr, "bench: out of memory\n");
		return 1;
	}
	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	masters_read(db, c);
	operators_add(db);
	before = bench_count(db, "SELECT count(*) FROM calllog");
	printf("simulated day: %d calls by %d operator processes on %s (%lld call logs before)\n",
		CALLS, OPERATORS, path, (long long)before);
	fflush(stdout);
	fflush(stderr);
	t0 = bench_now_ms();
	for (int op = 0; op < OPERATORS; op++) {
		/* 5,000 over 30: the first 20 take 167 calls, the others 166. */
		int n = CALLS / OPERATORS + (op < CALLS % OPERATORS);

		if ((pids[op] = fork()) == 0)
			_exit(operator_day(path, c, op, first, n, ms, call_ms));
		if (pids[op] < 0) {
			perror("bench: fork");
			return 1;
		}
		first += n;
	}
	for (int op = 0; op < OPERATORS; op++) {
		int status;

		waitpid(pids[op], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench: operator %d failed\n", op + 1);
			failed++;
		}
	}
	total = bench_now_ms() - t0;
	after = bench_count(db, "SELECT count(*) FROM calllog");
	saved = bench_count(db, "SELECT count(*) FROM calllog c JOIN staff s ON s.id = c.operator_id"
		" WHERE s.login LIKE 'benchop%' AND c.wrapup_at IS NOT NULL");
	printf("  %d of %d processes exited 0; call logs added %lld, saved by the operators %lld"
		" (of %d)\n", OPERATORS - failed, OPERATORS, (long long)(after - before),
		(long long)saved, CALLS);
	printf("  wall time %.2f s, %.0f calls/s\n", total / 1e3, CALLS / (total / 1e3));
	if (failed == 0) {
		report("  save (calllog_save)", ms, CALLS);
		report("  whole call (start+end+save)", call_ms, CALLS);
	}
	db_close(db);
	munmap(ms, bytes);
	free(c);
	if (failed != 0 || after - before != CALLS || saved < CALLS) {
		fprintf(stderr, "bench: writes lost or refused\n");
		return 1;
	}
	return 0;
}

static void
on_group(const char *key, const char *name, const struct calls_figures *f, void *ctx)
{
	(*(int *)ctx)++;
}

static void
on_faq(int64_t faq_no, const char *title, int64_t calls, void *ctx)
{
	(*(int *)ctx)++;
}

static void
on_open(const char *receipt_no, const char *operator_name, int64_t started_at, void *ctx)
{
	(*(int *)ctx)++;
}

/* One timed run of a figure: -1 totals, -2 top FAQs, -3 open calls,
 * otherwise a grouping. *rows counts what came back. */
static double
figure_run(struct db *db, const struct actor *a, int what, int64_t from, int64_t to,
	int *rows, int64_t *received)
{
	struct mado_err e = { 0 };
	struct calls_figures f;
	double t0 = bench_now_ms();
	int st;

	*rows = 0;
	if (what == -1) {
		st = report_calls_totals(db, a, from, to, &f, &e);
		*received = f.received;
		*rows = 1;
	} else if (what == -2)
		st = report_calls_top_faqs(db, a, from, to, on_faq, rows, &e);
	else if (what == -3)
		st = report_calls_open(db, a, from, to, 100, on_open, rows, &e);
	else
		st = report_calls_groups(db, a, (enum calls_grouping)what, from, to, on_group, rows,
			&e);
	if (st != MADO_OK)
		bench_die("report calls", &e);
	return bench_now_ms() - t0;
}

static int
bench_month(const char *path)
{
	static const struct { int what; const char *name; } figures[] = {
		{ -1, "totals" }, { CALLS_BY_DAY, "by day" }, { CALLS_BY_HOUR, "by hour" },
		{ CALLS_BY_DEPARTMENT, "by department" }, { CALLS_BY_CATEGORY, "by category" },
		{ CALLS_BY_OPERATOR, "by operator" }, { -2, "top FAQs" }, { -3, "open calls" },
	};
	struct mado_err e = { 0 };
	struct actor a;
	struct db *db;
	sqlite3_stmt *st;
	char from_date[16] = "", to_date[16] = "", span[64] = "";
	int64_t from, to, received = 0, rows;
	double sum = 0;

	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	identity_system(&a);
	rows = bench_count(db, "SELECT count(*) FROM calllog");
	/* The last whole month before the newest call, in JST. */
	if (sqlite3_prepare_v2(db_handle(db),
			"SELECT date(max(started_at), 'unixepoch', '+9 hours', 'start of month',"
			" '-1 month'), date(max(started_at), 'unixepoch', '+9 hours', 'start of month'),"
			" date(min(started_at), 'unixepoch', '+9 hours') || ' to ' ||"
			" date(max(started_at), 'unixepoch', '+9 hours') FROM calllog", -1, &st,
			NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW
		&& sqlite3_column_text(st, 0) != NULL) {
		snprintf(from_date, sizeof from_date, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(to_date, sizeof to_date, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(span, sizeof span, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (report_calls_period(from_date, to_date, &from, &to, &e) != MADO_OK)
		bench_die("period", &e);
	printf("\nmonth's figures: %lld call logs (%s) in %s; month %s to %s; median of %d runs\n",
		(long long)rows, span, path, from_date, to_date, REPORT_RUNS);
	for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
		double ms[REPORT_RUNS];
		int n = 0;

		for (int run = 0; run < REPORT_RUNS; run++)
			ms[run] = figure_run(db, &a, figures[i].what, from, to, &n, &received);
		double first = ms[0];

		qsort(ms, REPORT_RUNS, sizeof *ms, bench_cmp_double);
		printf("  %-16s %4d rows  median %9.3f ms  first run %9.3f ms  max %9.3f ms\n",
			figures[i].name, n, ms[REPORT_RUNS / 2], first, ms[REPORT_RUNS - 1]);
		sum += ms[REPORT_RUNS / 2];
	}
	printf("  calls received in the month: %lld; the whole report (all of the above): %.1f ms\n",
		(long long)received, sum);
	db_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_calls DAY-DB REPORT-DB\n");
		return 64;
	}
	if (bench_day(argv[1]) != 0)
		return 1;
	return bench_month(argv[2]);
}
