/* Numbering rules: rendering, scopes per fiscal year, and bad patterns. */
#include "core/calendar.h"
#include "core/numbering.h"
#include "tests/testdb.h"

static void
test_render(void)
{
	char out[64], scope[64];
	struct mado_err e = { 0 };
	int64_t t = jst_to_time(2027, 3, 31, 23, 59, 0); /* still FY2026 */

	is_int(numbering_render("INQ-{FY}-{SEQ:6}", t, 123, out, sizeof out, scope, sizeof scope, &e),
		MADO_OK, "render");
	is_str(out, "INQ-2026-000123", "fiscal year of 31 March is the year before");
	is_str(scope, "INQ-2026-#", "scope leaves the sequence out");
	numbering_render("INQ-{FY}-{SEQ:6}", t + 60, 1, out, sizeof out, scope, sizeof scope, &e);
	is_str(out, "INQ-2027-000001", "1 April starts fiscal year 2027");
	numbering_render("C{YYYY}{MM}{DD}-{SEQ:5}", jst_to_time(2026, 11, 22, 0, 30, 0), 42,
		out, sizeof out, scope, sizeof scope, &e);
	is_str(out, "C20261122-00042", "dates are JST (00:30 JST is still the 22nd)");
	numbering_render("{YY}{SEQ}", t, 1234567, out, sizeof out, scope, sizeof scope, &e);
	is_str(out, "271234567", "unpadded sequence");
}

static void
test_bad_patterns(void)
{
	struct mado_err e = { 0 };
	const char *bad[] = { "INQ-{FY}", "{SEQ}{SEQ}", "{SEQ:0}", "{SEQ:13}", "{FOO}{SEQ}",
		"{SEQ", "{}{SEQ}", "A\tB{SEQ}", "{SEQ:x}" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_int(numbering_check(bad[i], &e), MADO_EDATA, "pattern %zu refused: %s", i, e.msg);
	is_int(numbering_check("REQ-{YYYY}{MM}-{SEQ:4}", &e), MADO_OK, "good pattern accepted");
}

struct next_ctx {
	int64_t t;
	char out[64];
};

static int
next_txn(struct db *db, void *p, struct mado_err *e)
{
	struct next_ctx *n = p;

	return numbering_next(db, "inquiry", n->t, n->out, sizeof n->out, e);
}

static void
test_counters(void)
{
	struct db *db = testdb_open();
	struct mado_err e = { 0 };
	struct next_ctx n = { jst_to_time(2026, 4, 1, 9, 0, 0), "" };

	db_txn(db, next_txn, &n, &e);
	is_str(n.out, "INQ-2026-000001", "first number of a fiscal year");
	db_txn(db, next_txn, &n, &e);
	is_str(n.out, "INQ-2026-000002", "second");
	n.t = jst_to_time(2027, 4, 1, 9, 0, 0);
	db_txn(db, next_txn, &n, &e);
	is_str(n.out, "INQ-2027-000001", "a new fiscal year restarts");
	n.t = jst_to_time(2027, 3, 1, 9, 0, 0);
	db_txn(db, next_txn, &n, &e);
	is_str(n.out, "INQ-2026-000003", "late entry in the old year continues its count");
	db_close(db);
}

int
main(void)
{
	test_render();
	test_bad_patterns();
	test_counters();
	return tap_done();
}
