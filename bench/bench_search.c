/* Search benchmark on a generated database (see bench/run.sh; madogen
 * --kb 100000 --tickets 1000000):
 *   building the index over an existing database (when the file is older
 *   than the search schema, opening it migrates);
 *   the index's size;
 *   the first 20 results of 30 queries that mix rare and very common
 *   words, two-character kanji, katakana, English, phrases, synonyms,
 *   filters and exclusions, as an operator and as staff;
 *   creating tickets and replies with the index's triggers and without.
 * Prints figures; asserts nothing about time. */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/textwidth.h"
#include "core/search.h"
#include "core/synonym.h"
#include "core/ticket.h"
#include "db/schema.h"
#include "bench/bench_util.h"

/* The queries: what operators type while a caller waits. */
static const char *const queries[] = {
	/* two-character kanji, from very common to rare */
	"印刷", "障害", "申請", "接続", "確認", "手続", "帳票", "照会",
	/* katakana */
	"パスワード", "プリンター", "ネットワーク", "ログイン", "マイナンバー",
	/* English */
	"VPN", "PDF", "CSV", "outlook",
	/* phrases */
	"\"印刷できない\"", "\"アカウントがロック\"", "\"ログインできない\"", "\"転出届\"",
	/* several words, rare ones among them */
	"住民票 郵送", "児童手当 代理人", "パスワード 初期化", "複合機 カラー", "無線LAN 認証",
	/* filters and exclusions */
	"kind:incident 障害", "kind:kb 申請", "印刷 -カラー",
	/* a single very common kana */
	"の",
};
#define NQUERIES (sizeof queries / sizeof queries[0])

static void
make_actor(struct actor *a, const char *login, enum role r)
{
	memset(a, 0, sizeof *a);
	g_strlcpy(a->login, login, sizeof a->login);
	g_strlcpy(a->name, login, sizeof a->name);
	g_strlcpy(a->lang, "ja", sizeof a->lang);
	a->role = r;
}

/* The schema step that creates the search index, or -1. */
static int
search_step(void)
{
	for (int i = 0; i < db_schema_latest(); i++)
		if (strstr(schema_step(i), "CREATE TABLE search_doc") != NULL)
			return i;
	return -1;
}

/* Takes the search schema out of the file and opens it again, so the
 * migration builds the index over what is there, as it does on an
 * existing installation. Only when that step is the last one: later
 * steps would run again. */
static void
remigrate(const char *path)
{
	static const char *const drop[] = {
		"search_ticket_ai", "search_ticket_bu", "search_ticket_au", "search_ticket_doc",
		"search_ticket_bd", "search_comment_bi", "search_comment_ai", "search_comment_bu",
		"search_comment_au", "search_comment_bd", "search_comment_ad", "search_kb_ai",
		"search_kb_bu", "search_kb_au", "search_kb_doc", "search_kb_bd",
	};
	int step = search_step();
	struct mado_err e = { 0 };
	struct db *db;
	GString *sql;
	double t0;

	if (step < 0 || step != db_schema_latest() - 1) {
		printf("building the index: skipped (the search step is not the last one)\n");
		return;
	}
	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	sql = g_string_new("BEGIN;");
	for (size_t i = 0; i < G_N_ELEMENTS(drop); i++)
		g_string_append_printf(sql, "DROP TRIGGER %s;", drop[i]);
	g_string_append_printf(sql, "DROP TABLE search_fts; DROP VIEW search_text;"
		" DROP TABLE search_doc; DROP TABLE synonym; PRAGMA user_version = %d; COMMIT;",
		step);
	if (sqlite3_exec(db_handle(db), sql->str, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: taking the index out: %s\n", sqlite3_errmsg(db_handle(db)));
		exit(1);
	}
	g_string_free(sql, TRUE);
	db_close(db);
	t0 = bench_now_ms();
	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("migrate", &e);
	printf("building the index over the existing records (the migration, one"
		" transaction): %.1f s\n", (bench_now_ms() - t0) / 1000.0);
	db_close(db);
}

static void
sizes(struct db *db)
{
	sqlite3_stmt *st;
	double total = 0, index = 0;

	if (sqlite3_prepare_v2(db_handle(db),
		"SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", -1, &st,
		NULL) != SQLITE_OK) {
		printf("index size: dbstat not available\n");
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		double mb = sqlite3_column_double(st, 1) / 1048576.0;

		total += mb;
		if (g_str_has_prefix(name, "search_")) {
			index += mb;
			printf("  %-24s %9.1f MB\n", name, mb);
		}
	}
	sqlite3_finalize(st);
	printf("index size: %.1f MB of %.1f MB in all (%.0f %%)\n", index, total,
		total > 0 ? 100.0 * index / total : 0.0);
}

/* Runs every query reps times (after one warm-up round); prints each
 * query's median and the median and p95 over all runs. */
static void
run_queries(struct db *db, const struct actor *a, const char *who, int reps, int window,
	bool detail)
{
	double *all = calloc(NQUERIES * (size_t)reps, sizeof *all), one[64];
	size_t n = 0;

	if (reps > 64)
		reps = 64;
	printf("\nfirst 20 results as %s, ranking the newest %d matches of articles and of"
		" tickets (%d runs of each query):\n", who, window, reps);
	for (size_t q = 0; q < NQUERIES; q++) {
		struct search_request req = { .text = queries[q], .scope = SEARCH_ALL,
			.limit = SEARCH_LIMIT_DEFAULT, .window = window };
		struct search_result res;
		struct mado_err e = { 0 };
		size_t hits = 0;
		bool more = false;

		for (int r = -1; r < reps; r++) {
			double t0 = bench_now_ms();

			if (search_run(db, a, &req, &res, &e) != MADO_OK)
				bench_die(queries[q], &e);
			if (r >= 0)
				all[n++] = one[r] = bench_now_ms() - t0;
			hits = res.nhits;
			more = res.more;
			search_result_clear(&res);
		}
		qsort(one, (size_t)reps, sizeof *one, bench_cmp_double);
		if (detail) {
			char *name = tw_fit(queries[q], 24, TW_AMBI_NARROW, TW_LEFT);

			printf("  %s %3zu hits%s  median %7.2f ms  max %7.2f ms\n", name, hits,
				more ? "+" : " ", one[reps / 2], one[reps - 1]);
			free(name);
		}
	}
	qsort(all, n, sizeof *all, bench_cmp_double);
	printf("%s: %zu searches: median %.2f ms, p95 %.2f ms, max %.2f ms\n", who, n,
		all[n / 2], all[n * 95 / 100], all[n - 1]);
	free(all);
}

/* Creates n tickets, each with a reply when reply; returns the mean
 * milliseconds per ticket. */
static double
create_tickets(struct db *db, const struct actor *a, int n, bool reply)
{
	struct mado_err e = { 0 };
	double t0 = bench_now_ms();

	for (int i = 0; i < n; i++) {
		struct ticket_draft d = {
			.kind = "inquiry", .subject = "ベンチマーク：共有フォルダにアクセスできない",
			.body = "3階の総務課で共有フォルダを開くと「アクセス権がありません」と表示されます。"
				"昨日までは開けていました。PCは Windows 11 です。",
			.requester_email = "bench@example.jp",
		};
		int64_t id;

		if (ticket_create(db, a, &d, &id, NULL, &e) != MADO_OK)
			bench_die("create", &e);
		if (reply && ticket_comment(db, a, id, false,
			"アクセス権を付与しました。ご確認ください。", &e) != MADO_OK)
			bench_die("reply", &e);
	}
	return (bench_now_ms() - t0) / n;
}

static void
measure_creates(struct db *db, const struct actor *a, int n, const char *label)
{
	double alone, with_reply;

	create_tickets(db, a, n / 10 + 1, true);   /* warm the cache */
	alone = create_tickets(db, a, n, false);
	with_reply = create_tickets(db, a, n, true);
	printf("  %-24s a ticket %.2f ms (%.0f/s); a ticket and a reply %.2f ms (%.0f/s)\n",
		label, alone, 1000.0 / alone, with_reply, 1000.0 / with_reply);
}

static void
insert_cost(struct db *db, const struct actor *a, int n)
{
	static const char *const triggers[] = {
		"search_ticket_ai", "search_ticket_bu", "search_ticket_au", "search_ticket_doc",
		"search_ticket_bd", "search_comment_bi", "search_comment_ai", "search_comment_bu",
		"search_comment_au", "search_comment_bd", "search_comment_ad",
	};

	printf("\ncreating tickets, each in its own transaction (synchronous=FULL), %d of each:\n",
		n);
	measure_creates(db, a, n, "with the search index:");
	/* The bench works on a copy: dropping the triggers there is harmless. */
	for (size_t i = 0; i < G_N_ELEMENTS(triggers); i++) {
		char sql[96];

		snprintf(sql, sizeof sql, "DROP TRIGGER %s", triggers[i]);
		if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: %s: %s\n", sql, sqlite3_errmsg(db_handle(db)));
			exit(1);
		}
	}
	measure_creates(db, a, n, "without its triggers:");
}

int
main(int argc, char **argv)
{
	struct actor op, staff, adm;
	struct mado_err e = { 0 };
	struct db *db;
	bool rebuild = argc > 1 && strcmp(argv[1], "--no-rebuild") != 0;
	int reps, creates;
	int64_t group;
	static const char *const pw[] = { "PW", "パスワ" }, *print[] = { "プリント" };

	if (!rebuild) {   /* --no-rebuild: no migration, the index as it is */
		argc--;
		argv++;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: bench_search [--no-rebuild] DB [RUNS [CREATES]]\n");
		return 2;
	}
	reps = argc > 2 ? atoi(argv[2]) : 10;
	creates = argc > 3 ? atoi(argv[3]) : 1000;
	if (rebuild)
		remigrate(argv[1]);
	if (db_open(argv[1], 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	printf("documents: %" PRId64 " articles, %" PRId64 " tickets\n",
		bench_count(db, "SELECT count(*) FROM kb_article"),
		bench_count(db, "SELECT count(*) FROM ticket"));
	sizes(db);
	make_actor(&op, "bench.op", ROLE_OPERATOR);
	make_actor(&staff, "bench.staff", ROLE_STAFF);
	make_actor(&adm, "bench.admin", ROLE_ADMIN);
	if (synonym_add(db, &adm, "パスワード", pw, 2, &group, &e) != MADO_OK ||
	    synonym_add(db, &adm, "印刷", print, 1, &group, &e) != MADO_OK)
		bench_die("synonyms", &e);
	printf("synonyms: パスワード = PW = パスワ, 印刷 = プリント\n");
	run_queries(db, &op, "operator", reps, SEARCH_WINDOW, true);
	run_queries(db, &staff, "staff", reps, SEARCH_WINDOW, false);
	/* What a larger window (better ranking of very common words) costs. */
	run_queries(db, &op, "operator", reps, 5 * SEARCH_WINDOW, false);
	insert_cost(db, &op, creates);
	db_close(db);
	return 0;
}
