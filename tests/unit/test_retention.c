/* Retention of call logs across a fiscal-year boundary: with the default
 * of one fiscal year kept beyond the current one, on 2026-04-01 a call at
 * 2025-03-31 23:59 JST (FY2024) goes and one at 2025-04-01 00:00 JST
 * (FY2025) stays. Checks the archive's rows, the batches, one audit row
 * per batch, the links removed with their call logs, a dry run changing
 * nothing, a bad setting and the role check. */
#include "tests/testdb.h"

#include <stdint.h>

#include "core/calendar.h"
#include "core/retention.h"

int main(void);

static struct db *db;

static void
exec_sql(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
		exit(2);
	}
}

static void
pin_now(int y, int m, int d)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)jst_to_time(y, m, d, 0, 0, 0));
	setenv("MADO_NOW", buf, 1);
}

/* Three FY2023 calls, the two either side of the FY2024/FY2025 boundary,
 * and links to and from the FY2024 call and to the FY2025 one. */
static void
seed(int64_t staff)
{
	char sql[2048];

	snprintf(sql, sizeof sql,
		"INSERT INTO calllog(id, receipt_no, operator_id, started_at, inquiry_text) VALUES"
		" (1, 'C20230501-00001', %lld, %lld, 'a'), (2, 'C20230501-00002', %lld, %lld, 'b'),"
		" (3, 'C20240331-00001', %lld, %lld, 'c'),"
		" (4, 'C20250331-00001', %lld, %lld, '年度末'),"
		" (5, 'C20250401-00001', %lld, %lld, '年度初め');"
		"INSERT INTO link(src_type, src_id, dst_type, dst_id, rel, created_at) VALUES"
		" ('calllog', 4, 'ticket', 7, 'related', 0), ('ticket', 7, 'calllog', 4, 'related', 0),"
		" ('ticket', 7, 'calllog', 5, 'related', 0);",
		(long long)staff, (long long)jst_to_time(2023, 5, 1, 9, 0, 0),
		(long long)staff, (long long)jst_to_time(2023, 5, 1, 9, 0, 0),
		(long long)staff, (long long)jst_to_time(2024, 3, 31, 12, 0, 0),
		(long long)staff, (long long)jst_to_time(2025, 3, 31, 23, 59, 0),
		(long long)staff, (long long)jst_to_time(2025, 4, 1, 0, 0, 0));
	exec_sql(sql);
}

struct seen {
	GString *years;     /* "FY count batches;" */
	GString *archive;   /* every archive written, concatenated */
	int fail_fy;        /* the archive of this year fails */
};

static int
archive(const struct retention_year *y, void *p, struct mado_err *e)
{
	struct seen *s = p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int st;

	if (y->fy == s->fail_fy) {
		fclose(fp);
		free(buf);
		return mado_err_set(e, MADO_EIO, "disk full");
	}
	st = retention_archive(db, &(struct actor){ .role = ROLE_ADMIN, .login = "t" }, y, fp,
		e);
	fclose(fp);
	g_string_append_len(s->archive, buf, (gssize)len);
	free(buf);
	return st;
}

static void
done(const struct retention_year *y, void *p)
{
	struct seen *s = p;

	g_string_append_printf(s->years, "%d %lld %lld;", y->fy, (long long)y->count,
		(long long)y->batches);
}

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
test_dry_run(const struct actor *admin, struct seen *s)
{
	struct retention_opts o = { .dry_run = true, .archive = archive, .done = done, .ctx = s };
	struct mado_err e = { 0 };

	pin_now(2026, 4, 1);
	is_int(retention_run(db, admin, &o, &e), MADO_OK, "dry run");
	is_str(s->years->str, "2023 3 0;2024 1 0;", "dry run: FY2023 (3 calls), FY2024 (1)");
	is_int(s->archive->len, 0, "dry run writes no archive");
	is_int(count("SELECT count(*) FROM calllog"), 5, "dry run deletes nothing");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'retention_delete'"), 0,
		"dry run audits nothing");
}

static void
test_refusals(const struct actor *sv, const struct actor *admin, struct seen *s)
{
	struct retention_opts o = { .batch = 2, .archive = archive, .done = done, .ctx = s };
	struct mado_err e = { 0 };

	is_int(retention_run(db, sv, &o, &e), MADO_EPERM, "a supervisor may not run retention");
	s->fail_fy = 2023;
	is_int(retention_run(db, admin, &o, &e), MADO_EIO, "a failed archive stops the run");
	is_int(count("SELECT count(*) FROM calllog"), 5, "nothing deleted without its archive");
	s->fail_fy = 0;
	exec_sql("INSERT INTO setting(key, value) VALUES"
		" ('retention.calllog.fiscal_years', 'x');");
	is_int(retention_run(db, admin, &o, &e), MADO_ECONFIG, "a bad setting is refused");
	exec_sql("DELETE FROM setting WHERE key = 'retention.calllog.fiscal_years';");
	g_string_truncate(s->years, 0);
}

static void
test_run(const struct actor *admin, struct seen *s)
{
	struct retention_opts o = { .batch = 2, .archive = archive, .done = done, .ctx = s };
	struct mado_err e = { 0 };
	int64_t bad = 0;

	/* On the last day of FY2026, FY2025 is still kept. */
	pin_now(2027, 3, 31);
	is_int(retention_run(db, admin, &o, &e), MADO_OK, "retention runs");
	is_str(s->years->str, "2023 3 2;2024 1 1;", "FY2023 in two batches of 2, FY2024 in one");
	ok(strstr(s->archive->str, "\xef\xbb\xbf" "受付ID,受付者氏名,") == s->archive->str,
		"archive: UTF-8 with BOM and the Japanese header");
	ok(strstr(s->archive->str, "C20230501-00001,") != NULL &&
	   strstr(s->archive->str, "C20240331-00001,") != NULL &&
	   strstr(s->archive->str, "C20250331-00001,adm,2025-03-31 23:59,") != NULL,
		"archive holds every deleted call, 23:59 JST as written");
	ok(strstr(s->archive->str, "C20250401-00001") == NULL, "archive: not the kept call");
	is_int(count("SELECT count(*) FROM calllog"), 1, "one call log left");
	is_int(count("SELECT id FROM calllog"), 5, "the one at 2025-04-01 00:00 JST");
	is_int(count("SELECT count(*) FROM link"), 1, "links of deleted calls removed");
	is_int(count("SELECT dst_id FROM link"), 5, "the kept call's link stays");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'retention_delete'"), 3,
		"one audit row per batch");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'retention_delete'"
		" AND field = 'FY2023' AND old_value = 'C20230501-00001..C20230501-00002'"
		" AND new_value = '2'"), 1, "audit: fiscal year, receipt range and count");
	is_int(count("SELECT count(*) FROM audit WHERE field = 'FY2024'"
		" AND old_value = 'C20250331-00001..C20250331-00001' AND new_value = '1'"), 1,
		"audit of the FY2024 batch");
	is_int(audit_check(db, admin, &bad, &e), MADO_OK, "audit chain intact");
	g_string_truncate(s->years, 0);
	is_int(retention_run(db, admin, &o, &e), MADO_OK, "a second run");
	is_str(s->years->str, "", "finds nothing more");
}

int
main(void)
{
	struct actor admin, sv;
	struct seen s = { .years = g_string_new(""), .archive = g_string_new("") };

	db = testdb_open();
	testdb_actor(db, "adm", "admin", &admin);
	testdb_actor(db, "sv", "supervisor", &sv);
	seed(admin.staff_id);
	test_dry_run(&admin, &s);
	test_refusals(&sv, &admin, &s);
	test_run(&admin, &s);
	g_string_free(s.years, TRUE);
	g_string_free(s.archive, TRUE);
	db_close(db);
	return tap_done();
}
