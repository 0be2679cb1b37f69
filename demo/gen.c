/* madogen: fills a Madoguchi database with fictional data for the demo
 * and for benchmarks. A generator, not a fixture: sizes are parameters
 * and a seeded random stream of our own makes the data the same on every
 * machine. See gen_opts.c for the command line. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/env.h"
#include "db/audit_store.h"
#include "demo/gen_opts.h"
#include "demo/vocab.h"

static double
clock_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
gen_elapsed(const struct gen *g)
{
	return clock_s() - g->t0;
}

void
gen_progress(const struct gen *g, const char *what, long before, long done, long total)
{
	if (total <= GEN_BATCH || before * 10 / total == done * 10 / total)
		return;
	fprintf(stderr, "madogen: %s: %ld/%ld (%.1f s)\n", what, done, total, gen_elapsed(g));
}

int
gen_audit(struct gen *g, const char *entity, int64_t id, const char *field,
	const char *value, struct mado_err *e)
{
	struct audit_entry a = {
		.action = "create", .entity = entity, .entity_id = id, .field = field,
		.new_value = value,
	};

	return audit_append(g->db, 0, GEN_ACTOR, &a, e);
}

int64_t
gen_category_id(const struct gen *g, const char *code)
{
	size_t i = v_category_index(code);

	return i == V_NONE ? 0 : g->category_ids[i];
}

int64_t
gen_queue_id(const struct gen *g, const char *code)
{
	size_t i = v_queue_index(code);

	return i == V_NONE ? 0 : g->queue_ids[i];
}

static bool
alloc_ids(struct gen *g)
{
	size_t people = (size_t)g->o.staff + 1;

	g->dept_ids = calloc(v_ndepts, sizeof(int64_t));
	g->queue_ids = calloc(v_nqueues, sizeof(int64_t));
	g->vendor_ids = calloc(v_nvendors, sizeof(int64_t));
	g->system_ids = calloc(v_nsystems, sizeof(int64_t));
	g->category_ids = calloc(v_ncategories, sizeof(int64_t));
	g->faq_class_ids = calloc(v_nfaq_classes, sizeof(int64_t));
	g->phonebook_ids = calloc(v_ndepts * 3, sizeof(int64_t));
	g->staff = calloc(people, sizeof *g->staff);
	g->workers = calloc(people, sizeof(size_t));
	g->operators = calloc(people, sizeof(size_t));
	g->approvers = calloc(people, sizeof(size_t));
	g->contacts = calloc(v_nvendors * 3, sizeof *g->contacts);
	g->articles = calloc((size_t)g->o.kb + 1, sizeof *g->articles);
	return g->dept_ids && g->queue_ids && g->vendor_ids && g->system_ids
		&& g->category_ids && g->faq_class_ids && g->phonebook_ids && g->staff
		&& g->workers && g->operators && g->approvers && g->contacts && g->articles;
}

static void
gen_free(struct gen *g)
{
	free(g->dept_ids);
	free(g->queue_ids);
	free(g->vendor_ids);
	free(g->system_ids);
	free(g->category_ids);
	free(g->faq_class_ids);
	free(g->phonebook_ids);
	free(g->staff);
	free(g->workers);
	free(g->operators);
	free(g->approvers);
	free(g->contacts);
	free(g->articles);
	timeline_free(&g->tl);
	db_close(g->db);
}

/* Generated data must not mix with real records by accident. */
static int
refuse_if_used(struct gen *g, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db, "SELECT EXISTS(SELECT 1 FROM ticket)", e);
	int used;

	if (st == NULL)
		return e->status;
	used = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (used && !g->o.append)
		return mado_err_set(e, MADO_EUSAGE,
			"madogen: %s already has tickets; refusing to add generated data"
			" (use --append to add anyway, or remove the file first)", g->o.db_path);
	return MADO_OK;
}

/* Bulk loading: the connection is ours alone, so trade the per-commit
 * fsync (WAL stays safe against corruption with NORMAL) for speed and
 * give the page cache room for the indexes. */
static int
bulk_pragmas(struct gen *g, struct mado_err *e)
{
	int rc = sqlite3_exec(db_handle(g->db),
		"PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY",
		NULL, NULL, NULL);

	return rc == SQLITE_OK ? MADO_OK : db_fail(g->db, rc, e, "pragmas");
}

static int
setup(struct gen *g, struct mado_err *e)
{
	char why[256];
	int st;

	if (!vocab_check(why, sizeof why))
		return mado_err_set(e, MADO_EFAIL, "madogen: %s", why);
	if (!alloc_ids(g))
		return mado_err_set(e, MADO_EFAIL, "madogen: out of memory");
	g->now = mado_now();
	if (!timeline_init(&g->tl, g->now, g->o.years) || g->tl.ndays == 0)
		return mado_err_set(e, MADO_EFAIL, "madogen: cannot lay out the time span");
	rng_seed(&g->rng, g->o.seed);
	st = db_open(g->o.db_path, 1, &g->db, e);
	if (st == MADO_OK)
		st = refuse_if_used(g, e);
	if (st == MADO_OK)
		st = bulk_pragmas(g, e);
	return st;
}

static int
verify(struct gen *g, long *rows, double *secs, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db, "SELECT count(*) FROM audit", e);
	double t = gen_elapsed(g);
	int64_t bad;
	int rc;

	if (st == NULL)
		return e->status;
	*rows = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	rc = audit_verify(g->db, &bad, e);
	*secs = gen_elapsed(g) - t;
	return rc;
}

static void
summary(struct gen *g, long audit_rows, double verify_s)
{
	const struct gen_counts *c = &g->counts;
	struct stat sb;
	double mb = stat(g->o.db_path, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0;

	fprintf(stderr,
		"madogen: done in %.1f s (seed %llu) -> %s (%.1f MB)\n"
		"  masters: %ld new rows, staff: %ld new (%zu in use)\n"
		"  kb articles: %ld\n"
		"  tickets: %ld = %ld inquiries + %ld incidents + %ld requests\n"
		"  comments: %ld, links: %ld, request fields: %ld\n"
		"  call logs: %ld\n"
		"  audit rows written: %ld; chain of %ld rows verified in %.1f s\n",
		gen_elapsed(g), (unsigned long long)g->o.seed, g->o.db_path, mb,
		c->masters, c->staff, g->nstaff, c->kb, c->tickets, c->inquiries, c->incidents,
		c->requests, c->comments, c->links, c->fields, c->calllogs, c->audit, audit_rows,
		verify_s);
}

static int
run(struct gen *g, struct mado_err *e)
{
	long audit_rows = 0;
	double verify_s = 0;
	int st = setup(g, e);

	if (st == MADO_OK)
		st = gen_masters(g, e);
	if (st == MADO_OK)
		st = gen_kb(g, e);
	if (st == MADO_OK)
		st = gen_tickets(g, e);
	if (st == MADO_OK)
		st = gen_calllogs(g, e);
	if (st == MADO_OK)
		st = verify(g, &audit_rows, &verify_s, e);
	if (st == MADO_OK) {
		/* Fold the write-ahead log into the file so its size is final. */
		sqlite3_exec(db_handle(g->db), "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE)",
			NULL, NULL, NULL);
		summary(g, audit_rows, verify_s);
	}
	return st;
}

int
main(int argc, char **argv)
{
	struct gen g = { 0 };
	struct mado_err e = { 0 };
	int st;

	g.t0 = clock_s();
	st = gen_opts_parse(argc, argv, &g.o, &e);
	if (st == GEN_OPTS_HELP)
		return 0;
	if (st == MADO_OK)
		st = run(&g, &e);
	if (st != MADO_OK)
		fprintf(stderr, "%s\n", e.msg);
	gen_free(&g);
	return st;
}
