/* Ticket list filters (category, creation dates, text), the created and
 * due orders with keyset paging both ways, and saved views. */
#include "core/calendar.h"
#include "core/ticket.h"
#include "core/ticket_view.h"
#include "db/audit_store.h"
#include "tests/testdb.h"

static struct db *db;
static struct actor staff, op, sup, root;
/* The tickets by letter: A..F (see setup). */
static int64_t tk[6];

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

/* Fixes a ticket's dates and owner so orders are known (0: NULL). */
static void
shape(int i, const char *owner, const char *category, int64_t created, int64_t updated,
	int64_t due, bool closed)
{
	sqlite3_stmt *st;

	sqlite3_prepare_v2(db_handle(db),
		"UPDATE ticket SET owner_id = (SELECT id FROM staff WHERE login = ?2),"
		" category_id = (SELECT id FROM category WHERE code = ?3), created_at = ?4,"
		" updated_at = ?5, due_at = ?6, closed_at = ?7,"
		" status = CASE WHEN ?7 IS NULL THEN status ELSE 'closed' END WHERE id = ?1",
		-1, &st, NULL);
	sqlite3_bind_int64(st, 1, tk[i]);
	sqlite3_bind_text(st, 2, owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, category, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, created);
	sqlite3_bind_int64(st, 5, updated);
	if (due != 0)
		sqlite3_bind_int64(st, 6, due);
	if (closed)
		sqlite3_bind_int64(st, 7, updated);
	if (sqlite3_step(st) != SQLITE_DONE)
		printf("Bail out! shape: %s\n", sqlite3_errmsg(db_handle(db)));
	sqlite3_finalize(st);
}

static int64_t
at(int month, int day, int hour, int min, int sec)
{
	return jst_to_time(2026, month, day, hour, min, sec);
}

static void
setup(void)
{
	static const struct { const char *kind, *subject; } t[6] = {
		{ "inquiry", "VPNに接続できない" }, { "inquiry", "100%_完了 の表示" },
		{ "inquiry", "プリンター故障" }, { "incident", "ネットワーク障害 vpn" },
		{ "inquiry", "終わった件" }, { "inquiry", "他の人の件" },
	};
	struct mado_err e = { 0 };

	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク');"
		"INSERT INTO category(code, name) VALUES ('net', 'NW関連'), ('print', '印刷室関連');",
		NULL, NULL, NULL);
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "o.op", "operator", &op);
	testdb_actor(db, "s.sup", "supervisor", &sup);
	identity_system(&root);
	for (int i = 0; i < 6; i++) {
		struct ticket_draft d = { .kind = t[i].kind, .subject = t[i].subject,
			.queue = "helpdesk" };

		if (ticket_create(db, &sup, &d, &tk[i], NULL, &e) != MADO_OK)
			printf("Bail out! create: %s\n", e.msg);
	}
	shape(0, "o.op", "net", at(4, 1, 10, 0, 0), at(4, 5, 9, 0, 0), at(4, 10, 17, 0, 0), false);
	shape(1, "o.op", "print", at(4, 2, 10, 0, 0), at(4, 3, 9, 0, 0), 0, false);
	shape(2, "o.op", "print", at(3, 31, 23, 59, 59), at(4, 6, 9, 0, 0), at(4, 8, 17, 0, 0),
		false);
	shape(3, "o.op", "net", at(4, 30, 23, 59, 59), at(4, 4, 9, 0, 0), 0, false);
	shape(4, "o.op", NULL, at(5, 10, 10, 0, 0), at(5, 11, 9, 0, 0), at(4, 1, 17, 0, 0), true);
	shape(5, "s.sup", NULL, at(5, 10, 11, 0, 0), at(5, 12, 9, 0, 0), 0, false);
}

/* The page as letters ("CAB"), and the last row's cursor. */
struct page {
	char letters[16];
	int64_t key, id;
};

static void
page_row(const struct ticket_brief *b, void *p)
{
	struct page *pg = p;
	size_t n = strlen(pg->letters);

	for (int i = 0; i < 6; i++)
		if (tk[i] == b->id && n + 1 < sizeof pg->letters)
			pg->letters[n] = (char)('A' + i);
	pg->key = b->key;
	pg->id = b->id;
}

/* The last page read by list(). */
static struct page pg;

/* Lists f from its cursor into pg; returns its letters. */
static const char *
list(struct ticket_filter *f, bool open_only)
{
	struct mado_err e = { 0 };
	bool more;

	memset(&pg, 0, sizeof pg);
	if (ticket_list(db, &staff, f, open_only, page_row, &pg, &more, &e) != MADO_OK)
		snprintf(pg.letters, sizeof pg.letters, "error");
	return pg.letters;
}

static void
test_filters(void)
{
	struct ticket_filter f = { .limit = 10, .category = "net" };

	is_str(list(&f, false), "AD", "category: every kind with that category, newest change first");
	f.category = NULL;
	f.text = "VPN";
	is_str(list(&f, false), "AD", "text: anywhere in the subject, either case of ASCII");
	f.text = "%";
	is_str(list(&f, false), "B", "text: %% is a percent sign, not a wildcard");
	f.text = "_";
	is_str(list(&f, false), "B", "text: _ is an underscore");
	f.text = "0%_完";
	is_str(list(&f, false), "B", "text: literal across them");
	f.text = "\\";
	is_str(list(&f, false), "", "text: a backslash matches only itself");
	f.text = "' OR 1=1 --";
	is_str(list(&f, false), "", "text: quotes are just text");
	f.text = NULL;
	ok(ticket_query_day("from", "2026-04-01", false, &f.created_from, &(struct mado_err){ 0 })
		== MADO_OK && ticket_query_day("to", "２０２６／４／３０", true, &f.created_to,
		&(struct mado_err){ 0 }) == MADO_OK, "dates typed either way");
	is_int(f.created_from, at(4, 1, 0, 0, 0), "from: the first second of the day");
	is_int(f.created_to, at(4, 30, 23, 59, 59), "to: the last second of the day");
	is_str(list(&f, false), "ADB", "created from and to, both inclusive");
	f.kind = "inquiry";
	f.status = "new";
	is_str(list(&f, false), "AB", "with kind and status too");
	f.kind = NULL;
	f.status = NULL;
	f.created_from = 0;
	f.created_to = 0;
	f.queue = "helpdesk";
	f.owner = "o.op";
	f.text = "件";
	is_str(list(&f, true), "", "open only leaves out the closed one");
	is_str(list(&f, false), "E", "owner, queue and text together");
	{
		struct mado_err e = { 0 };
		int64_t t;

		is_int(ticket_query_day("from", "2026-02-30", false, &t, &e), MADO_EDATA,
			"no such day refused");
		is_str(e.msg, "from: not a date like 2026-04-01: '2026-02-30'", "message names the field");
		is_int(ticket_query_day("to", "2026-04-01 12:30", true, &t, &e), MADO_OK,
			"a time may be given");
		is_int(t, at(4, 1, 12, 30, 0), "and is taken as is");
	}
}

/* Every page of f from its top, two rows at a time, into out. */
static void
read_all(struct ticket_filter f, char *out, size_t n)
{
	f.limit = 2;
	f.after_id = 0;
	out[0] = '\0';
	while (*list(&f, false) != '\0' && strlen(out) < 12) {
		g_strlcat(out, pg.letters, n);
		f.after_updated = pg.key;
		f.after_id = pg.id;
	}
}

/* Reads the whole list down, then up from the bottom. */
static void
pages_both_ways(struct ticket_filter f, const char *want, const char *what)
{
	char down[16], up[16];

	read_all(f, down, sizeof down);
	is_str(down, want, "%s: paged down", what);
	f.backward = 1;
	read_all(f, up, sizeof up);
	g_strreverse(up);
	is_str(up, want, "%s: paged up from the bottom, the same rows", what);
}

static void
test_orders(void)
{
	struct ticket_filter f = { .kind = "inquiry", .sort = TICKET_SORT_CREATED };
	struct mado_err e = { 0 };
	bool more;

	pages_both_ways(f, "FEBAC", "created, one kind");
	f.kind = NULL;
	pages_both_ways(f, "FEDBAC", "created, every kind");
	f.created_from = at(4, 1, 0, 0, 0);
	f.created_to = at(4, 30, 23, 59, 59);
	pages_both_ways(f, "DBA", "created within dates, read from the bounds");
	f.created_from = f.created_to = 0;
	f.sort = TICKET_SORT_UPDATED;
	pages_both_ways(f, "FECADB", "updated");
	f.sort = TICKET_SORT_DUE;
	f.owner = "o.op";
	/* Soonest due first, then those without a due date by oldest change;
	 * the closed one is not there at all. */
	pages_both_ways(f, "CABD", "due");
	/* The list widget reloads the screen from one id past its top row,
	 * which every order must read as that row first (tui/list.c). */
	f.limit = 1;
	list(&f, false);
	f.after_updated = pg.key;
	f.after_id = pg.id + 1;
	f.limit = 2;
	is_str(list(&f, false), "CA", "due: a cursor one id past a row starts at that row");
	f.after_id = 0;
	f.owner = NULL;
	f.limit = 5;
	is_int(ticket_list(db, &staff, &f, false, page_row, &pg, &more, &e), MADO_EUSAGE,
		"due order without an owner refused");
	is_str(e.msg, "sorting by due date needs an owner", "and says why");
}

struct names {
	char text[256];
};

static void
view_row(const char *name, const char *kind, const struct ticket_query *q, void *p)
{
	struct names *n = p;
	char *s = g_strdup_printf("%s%s/%s/%s/%s/%s", n->text[0] ? " " : "", name, kind,
		q->status ? q->status : "-", q->text ? q->text : "-", ticket_sort_name(q->sort));

	g_strlcat(n->text, s, sizeof n->text);
	g_free(s);
}

static void
test_saved_views(void)
{
	struct ticket_query q = { .status = g_strdup("in_progress"), .text = g_strdup("VPN"),
		.created_from = at(4, 1, 0, 0, 0), .sort = TICKET_SORT_CREATED };
	struct ticket_query got = { 0 };
	struct names names = { 0 };
	struct mado_err e = { 0 };
	const char *kind = NULL;

	is_int(saved_view_save(db, &op, "VPN対応中", "inquiry", &q, &e), MADO_OK, "a view saved");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'saved_view' AND action = 'create'"),
		3, "its name, list and filter audited");
	is_int(saved_view_open(db, &op, "VPN対応中", &kind, &got, &e), MADO_OK, "and opened");
	ok(g_strcmp0(kind, "inquiry") == 0 && g_strcmp0(got.status, "in_progress") == 0 &&
		g_strcmp0(got.text, "VPN") == 0 && got.queue == NULL &&
		got.created_from == q.created_from && got.created_to == 0 &&
		got.sort == TICKET_SORT_CREATED, "with the same query");
	ticket_query_set(&q.text, "VPN \"引用\" \\ %");
	q.sort = TICKET_SORT_DUE;
	is_int(saved_view_save(db, &op, "VPN対応中", "mywork", &q, &e), MADO_OK, "saved again");
	is_int(count("SELECT count(*) FROM saved_view"), 1, "replacing the view of that name");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'saved_view' AND action = 'update'"),
		2, "list and filter changes audited, the name not");
	saved_view_open(db, &op, "VPN対応中", &kind, &got, &e);
	ok(g_strcmp0(kind, "mywork") == 0 && g_strcmp0(got.text, q.text) == 0 &&
		got.sort == TICKET_SORT_DUE, "quotes and backslashes kept");
	is_int(saved_view_save(db, &op, "あ", "calllog", &q, &e), MADO_EUSAGE, "unknown list refused");
	is_int(saved_view_save(db, &op, " ", "inquiry", &q, &e), MADO_EDATA, "blank name refused");
	is_int(saved_view_save(db, &op, "二\n行", "inquiry", &q, &e), MADO_EDATA,
		"a name is one line");
	is_int(saved_view_save(db, &root, "root", "inquiry", &q, &e), MADO_EPERM,
		"no views for the built-in administrator");
	saved_view_save(db, &op, "印刷", "incident", &(struct ticket_query){ 0 }, &e);
	saved_view_save(db, &sup, "上長の", "request", &(struct ticket_query){ 0 }, &e);
	is_int(saved_view_list(db, &op, view_row, &names, &e), MADO_OK, "listed");
	is_str(names.text, "VPN対応中/mywork/in_progress/VPN \"引用\" \\ %/due 印刷/incident/-/-/updated",
		"one's own views only, by name");
	is_int(saved_view_open(db, &sup, "印刷", &kind, &got, &e), MADO_ENOTFOUND,
		"another user's view is not found");
	is_int(saved_view_delete(db, &sup, "印刷", &e), MADO_ENOTFOUND, "nor deleted");
	is_int(saved_view_delete(db, &op, "印刷", &e), MADO_OK, "deleted by its owner");
	is_int(count("SELECT count(*) FROM audit WHERE entity = 'saved_view' AND action = 'delete'"
		" AND new_value IS NULL"), 3, "deletion audited: name, list and filter");
	is_int(count("SELECT count(*) FROM saved_view"), 2, "gone");
	ticket_query_copy(&got, &got);
	ok(g_strcmp0(got.text, q.text) == 0, "a query copies onto itself");
	ticket_query_clear(&got);
	ticket_query_clear(&q);
}

int
main(void)
{
	struct mado_err e = { 0 };
	int64_t bad;

	setup();
	test_filters();
	test_orders();
	test_saved_views();
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact");
	db_close(db);
	return tap_done();
}
