/* Ticket benchmark on a generated database (see bench/run.sh):
 *   creation, one process and several at once;
 *   the first and the 50,000th page of a filtered list (keyset paging);
 *   opening one ticket with its conversation, links and history.
 * Prints figures; asserts nothing about time. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/ticket.h"
#include "db/audit_store.h"
#include "bench/bench_util.h"

static void
report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, bench_cmp_double);
	printf("%-44s n=%-6d median %8.3f ms  p95 %8.3f ms  p99 %8.3f ms  max %8.3f ms\n",
		what, n, ms[n / 2], ms[n * 95 / 100], ms[n * 99 / 100], ms[n - 1]);
}

static int
create_many(const char *path, const struct actor *a, int n, double *ms)
{
	struct mado_err e = { 0 };
	struct db *db;

	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	for (int i = 0; i < n; i++) {
		struct ticket_draft d = {
			.kind = "inquiry", .subject = "ベンチマーク用の問合せ：プリンターで印刷できない",
			.body = "3階の複合機から印刷できません。エラーコードは E-102 です。",
			.requester_email = "bench@example.jp",
		};
		double t0 = bench_now_ms();

		if (ticket_create(db, a, &d, NULL, NULL, &e) != MADO_OK)
			bench_die("create", &e);
		if (ms != NULL)
			ms[i] = bench_now_ms() - t0;
	}
	db_close(db);
	return 0;
}

struct page_ctx {
	int rows;
	int64_t last_updated, last_id;
};

static void
on_row(const struct ticket_brief *b, void *p)
{
	struct page_ctx *pc = p;

	pc->rows++;
	pc->last_updated = b->updated_at;
	pc->last_id = b->id;
}

static void
noop_comment(const struct comment_row *c, void *p)
{
	(*(int *)p)++;
}

static void
noop_link(const struct link_row *l, void *p)
{
	(*(int *)p)++;
}

static void
noop_audit(const struct audit_row *r, void *p)
{
	(*(int *)p)++;
}

static void
noop_kv(const char *k, const char *v, void *p)
{
	(*(int *)p)++;
}

static void
bench_pages(struct db *db, const struct actor *a, const char *label, struct ticket_filter *f,
	bool open_only, int target_page)
{
	struct mado_err e = { 0 };
	double *ms = calloc((size_t)target_page, sizeof *ms), first, deep = 0, walk0 = bench_now_ms();
	struct page_ctx pc = { 0 };
	bool more;
	int page;
	char what[96];

	for (page = 1; page <= target_page; page++) {
		double t0 = bench_now_ms();

		pc.rows = 0;
		if (ticket_list(db, a, f, open_only, on_row, &pc, &more, &e) != MADO_OK)
			bench_die("list", &e);
		ms[page - 1] = bench_now_ms() - t0;
		if (!more)
			break;
		f->after_updated = pc.last_updated;
		f->after_id = pc.last_id;
	}
	first = ms[0];
	if (page > target_page)
		deep = ms[target_page - 1];
	printf("%s: page size %d\n", label, f->limit);
	printf("  first page                                  %8.3f ms\n", first);
	if (page > target_page)
		printf("  page %d (from the cursor of page %d)     %8.3f ms\n", target_page,
			target_page - 1, deep);
	else
		printf("  the list ends at page %d (fewer rows than %d pages)\n", page, target_page);
	printf("  walking all %d pages took %.1f s\n", page > target_page ? target_page : page,
		(bench_now_ms() - walk0) / 1e3);
	snprintf(what, sizeof what, "  per page while walking");
	report(what, ms, page > target_page ? target_page : page);
	free(ms);
}

int
main(int argc, char **argv)
{
	struct mado_err e = { 0 };
	struct actor a;
	struct db *db;
	const char *path;
	int single = 1000, workers = 4, per_worker = 500;
	double *ms;
	int64_t ntickets;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_tickets DB\n");
		return 64;
	}
	path = argv[1];
	if (db_open(path, 0, &db, &e) != MADO_OK)
		bench_die("open", &e);
	identity_system(&a);
	{
		sqlite3_stmt *st;

		sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM ticket", -1, &st, NULL);
		sqlite3_step(st);
		ntickets = sqlite3_column_int64(st, 0);
		printf("database %s: %lld tickets\n\n", path, (long long)ntickets);
		sqlite3_finalize(st);
	}

	/* Reading first, so creation does not warm or change the pages read. */
	{
		struct ticket_filter f = { .kind = "inquiry", .limit = 10 };
		bench_pages(db, &a, "list: inquiries, newest change first", &f, false, 50000);
	}
	{
		struct ticket_filter f = { .kind = "inquiry", .status = "closed", .limit = 10 };
		bench_pages(db, &a, "list: closed inquiries (kind + status index)", &f, false, 50000);
	}
	{
		struct ticket_filter f = { .kind = "incident", .limit = 20 };
		bench_pages(db, &a, "list: open incidents (status filter from the workflow)", &f,
			true, 1);
	}

	/* Open one ticket with everything shown in its detail view. */
	ms = calloc(1000, sizeof *ms);
	for (int i = 0; i < 1000; i++) {
		/* Generated ids are dense, 1..ntickets. */
		int64_t id = 1 + (int64_t)(g_random_double() * (double)ntickets);
		struct ticket_row r;
		int n = 0;
		double t0 = bench_now_ms();

		if (ticket_read(db, &a, id, &r, &e) != MADO_OK)
			bench_die("read", &e);
		ticket_detail_each(db, id, noop_kv, &n, &e);
		ticket_conversation(db, &a, id, noop_comment, &n, &e);
		link_each_of_ticket(db, id, noop_link, &n, &e);
		ticket_history(db, &a, id, noop_audit, &n, &e);
		ms[i] = bench_now_ms() - t0;
		ticket_row_clear(&r);
	}
	printf("\n");
	report("open a ticket with conversation and history", ms, 1000);
	free(ms);
	db_close(db);

	ms = calloc((size_t)single, sizeof *ms);
	create_many(path, &a, single, ms);
	report("create a ticket, one process", ms, single);
	free(ms);

	{
		double t0 = bench_now_ms();
		pid_t pids[16];

		fflush(stdout);
		for (int w = 0; w < workers; w++)
			if ((pids[w] = fork()) == 0)
				_exit(create_many(path, &a, per_worker, NULL));
		for (int w = 0; w < workers; w++) {
			int status;

			waitpid(pids[w], &status, 0);
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				fprintf(stderr, "bench: worker %d failed\n", w);
		}
		double total = bench_now_ms() - t0;
		printf("create %d tickets from %d processes at once: %.2f s, %.0f tickets/s,"
			" %.3f ms each on average\n", workers * per_worker, workers, total / 1e3,
			workers * per_worker / (total / 1e3), total / (workers * per_worker));
	}
	return 0;
}
