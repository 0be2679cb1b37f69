/* Saving from an edit form: creation with an incident's own fields, and
 * changes with assignment, each all or nothing. */
#include "core/ticket_save.h"
#include "tests/testdb.h"

static struct db *db;
static struct actor staff, op, sup;

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
setup(void)
{
	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO queue(code, name)"
		" VALUES ('helpdesk', 'ヘルプデスク'), ('net', 'ネットワーク');"
		"INSERT INTO managed_system(code, name)"
		" VALUES ('juki', '住民基本情報システム');",
		NULL, NULL, NULL);
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "s.sup", "supervisor", &sup);
}

static void
test_new(void)
{
	struct ticket_draft d = { .kind = "incident", .subject = "住基システム停止",
		.body = "窓口端末から\n接続できない", .queue = "helpdesk",
		.system = "juki" };
	const char *names[] = { "impact", "occurred", "after_hours" };
	const char *values[] = { "全庁の住民票発行", "2026-04-01 09:15", "1" };
	struct ticket_fields f = { names, values, 3 };
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX] = "";
	int64_t id = 0;
	int tickets;

	is_int(ticket_save_new(db, &op, &d, &f, &id, number, &e), MADO_OK, "incident saved %s",
		e.msg);
	ok(id > 0 && g_str_has_prefix(number, "INC-"), "id and number given back: %s", number);
	is_int(count("SELECT count(*) FROM ticket_incident WHERE impact = '全庁の住民票発行'"
		" AND after_hours = 1 AND occurred_at > 0"), 1, "its own fields set with it");

	tickets = count("SELECT count(*) FROM ticket");
	values[1] = "昨日";
	is_int(ticket_save_new(db, &op, &d, &f, &id, number, &e), MADO_EDATA,
		"a bad detail refuses the whole save");
	ok(strncmp(e.msg, "occurred:", 9) == 0, "the message names the field: %s", e.msg);
	is_int(count("SELECT count(*) FROM ticket"), tickets, "and no ticket was written");

	d.kind = "inquiry";
	d.system = NULL;
	is_int(ticket_save_new(db, &staff, &d, NULL, &id, NULL, &e), MADO_OK,
		"without fields it is ticket_create %s", e.msg);
}

static void
test_edit(void)
{
	struct ticket_draft d = { .kind = "inquiry", .subject = "印刷できない",
		.queue = "helpdesk" };
	const char *names[] = { "subject", "priority" };
	const char *values[] = { "印刷できない（3階）", "2" };
	struct ticket_fields f = { names, values, 2 };
	struct mado_err e = { 0 };
	int64_t id = 0;

	ticket_save_new(db, &op, &d, NULL, &id, NULL, &e);
	is_int(ticket_save_edit(db, &op, id, &f, "net", NULL, &e), MADO_OK,
		"fields and queue changed together %s", e.msg);
	is_int(count("SELECT count(*) FROM ticket WHERE subject = '印刷できない（3階）'"
		" AND priority = 2 AND queue_id = (SELECT id FROM queue WHERE code = 'net')"), 1,
		"both written");

	values[1] = "1";
	is_int(ticket_save_edit(db, &op, id, &f, NULL, "s.sup", &e), MADO_EPERM,
		"giving it to someone else needs a supervisor");
	is_int(count("SELECT priority FROM ticket WHERE id = (SELECT max(id) FROM ticket)"), 2,
		"so the field change before it was rolled back");
	is_int(ticket_save_edit(db, &sup, id, &f, NULL, "o.op", &e), MADO_OK,
		"a supervisor may %s", e.msg);
	is_int(ticket_save_edit(db, &op, id, NULL, NULL, NULL, &e), MADO_OK,
		"nothing to change is no error");
}

int
main(void)
{
	setup();
	test_new();
	test_edit();
	db_close(db);
	return tap_done();
}
