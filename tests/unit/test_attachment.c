/* Attachments through core on a real database: adding, one blob per
 * content, the size limit, file names cleaned, MIME types, roles (also for
 * internal knowledge articles), reading back and the audit trail. */
#include "core/attachment.h"
#include "core/ticket.h"
#include "db/audit_store.h"
#include "tests/testdb.h"

int main(void);

static struct db *db;
static struct actor staff, op;
static int64_t ticket_id, public_kb, internal_kb;

static int
count(const char *sql)
{
	return testdb_int(db_handle(db), sql);
}

static void
setup(void)
{
	struct ticket_draft d = { .kind = "inquiry", .subject = "画面のエラー" };
	struct mado_err e = { 0 };

	db = testdb_open();
	sqlite3_exec(db_handle(db),
		"INSERT INTO kb_article(faq_no, title, public, created_at, updated_at)"
		" VALUES (7, '公開の記事', 1, 0, 0), (8, '内部の記事', 0, 0, 0);",
		NULL, NULL, NULL);
	public_kb = count("SELECT id FROM kb_article WHERE faq_no = 7");
	internal_kb = count("SELECT id FROM kb_article WHERE faq_no = 8");
	testdb_actor(db, "k.staff", "staff", &staff);
	testdb_actor(db, "o.op", "operator", &op);
	if (ticket_create(db, &op, &d, &ticket_id, NULL, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		exit(2);
	}
}

/* Attaches text to the ticket as op; the id, or -status. */
static int64_t
attach(const struct actor *a, const char *name, const char *text)
{
	struct mado_err e = { 0 };
	int64_t id = 0;
	int st = attachment_add(db, a, "ticket", ticket_id, name, text, strlen(text), &id, &e);

	return st == MADO_OK ? id : -st;
}

static void
test_clean_names(void)
{
	static const char *const cases[][2] = {
		{ "../../etc/passwd", "passwd" },
		{ "C:\\Users\\tanaka\\報告書.xlsx", "報告書.xlsx" },
		{ "re\x1b[31mport\x07.txt", "re[31mport.txt" },
		{ "tab\there\nnew.log", "tabherenew.log" },
		{ "..", "attachment" },
		{ "", "attachment" },
		{ "dir/", "attachment" },
		{ ".bashrc", "bashrc" },
		{ " . .hidden ", "hidden" },
		{ "evil\xe2\x80\xaegpj.exe", "evilgpj.exe" },     /* U+202E right-to-left override */
		{ "\xe3\x82\xab\xe3\x82\x99.txt", "\xe3\x82\xac.txt" }, /* カ + dakuten -> ガ (NFC) */
		{ "bad\xff.txt", "bad\xef\xbf\xbd.txt" },           /* invalid byte -> U+FFFD */
	};
	char *name, *long_name;
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		name = attachment_clean_name(cases[i][0]);
		is_str(name, cases[i][1], "clean name %zu -> %s", i, cases[i][1]);
		g_free(name);
	}
	for (int i = 0; i < 300; i++)
		g_string_append(s, "あ");
	g_string_append(s, ".pdf");
	name = attachment_clean_name(s->str);
	is_int(g_utf8_strlen(name, -1), ATTACHMENT_NAME_MAX, "a long name is cut to 200 characters");
	ok(g_str_has_suffix(name, "あ.pdf"), "keeping its extension");
	long_name = attachment_clean_name(name);
	is_str(long_name, name, "a clean name stays as it is");
	g_free(long_name);
	g_free(name);
	g_string_free(s, TRUE);
}

static void
test_mime(void)
{
	is_str(attachment_guess_mime("a.PDF", "%PDF", 4), "application/pdf", "mime by extension, any case");
	is_str(attachment_guess_mime("画面.png", "\x89PNG", 4), "image/png", "png");
	is_str(attachment_guess_mime("README", "日本語のテキスト\n", 25), "text/plain",
		"UTF-8 text without a known extension is text/plain");
	is_str(attachment_guess_mime("dump", "\x00\x01\x02", 3), "application/octet-stream",
		"binary without an extension is opaque");
	is_str(attachment_guess_mime("term", "\x1b[2J", 4), "application/octet-stream",
		"text with escape sequences is not shown as text");
}

static void
test_add_and_dedup(void)
{
	int64_t a = attach(&op, "../../etc/passwd", "root:x:0:0\n");
	int64_t b = attach(&op, "copy.txt", "root:x:0:0\n");
	struct attachment_row row;
	struct mado_err e = { 0 };
	void *data = NULL;
	size_t len = 0;
	char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "root:x:0:0\n", -1);

	ok(a > 0 && b > a, "two attachments added (%lld, %lld)", (long long)a, (long long)b);
	is_int(count("SELECT count(*) FROM blob"), 1, "the same content twice is one blob");
	is_int(count("SELECT count(*) FROM attachment"), 2, "and two attachments");
	is_int(attachment_read(db, &staff, a, &row, &data, &len, &e), MADO_OK,
		"staff may read a ticket's attachment (%s)", e.msg);
	is_str(row.filename, "passwd", "stored under the cleaned name");
	is_str(row.mime, "text/plain", "typed as text");
	is_str(row.sha256, sha, "named by its SHA-256");
	is_str(row.created_by, "o.op", "by whom");
	ok(len == 11 && memcmp(data, "root:x:0:0\n", 11) == 0, "the content comes back as it was");
	attachment_row_clear(&row);
	free(data);
	is_int(count("SELECT count(*) FROM audit WHERE action = 'attach' AND entity = 'ticket'"
		" AND field = 'attachment' AND new_value LIKE 'passwd sha256:%'"), 1,
		"attaching is audited with the name and the hash");
	is_int(count("SELECT count(*) FROM audit WHERE action = 'attach'"), 2, "once per attachment");
	ok(strlen(sha) == 64, "sha256 has 64 hex digits");
	g_free(sha);
}

static void
test_empty_file(void)
{
	int64_t id = attach(&op, "empty.txt", "");
	struct attachment_row row;
	struct mado_err e = { 0 };
	void *data = NULL;
	size_t len = 9;

	ok(id > 0, "an empty file may be attached");
	is_int(attachment_read(db, &op, id, &row, &data, &len, &e), MADO_OK, "and read (%s)", e.msg);
	ok(len == 0 && data != NULL, "as nothing");
	attachment_row_clear(&row);
	free(data);
}

static void
test_size_limit(void)
{
	struct mado_err e = { 0 };
	int64_t id = 0;

	sqlite3_exec(db_handle(db), "UPDATE setting SET value = '10'"
		" WHERE key = 'attachment.max_bytes'", NULL, NULL, NULL);
	is_int(attachment_add(db, &op, "ticket", ticket_id, "big.txt", "01234567890", 11, &id, &e),
		MADO_EDATA, "one byte over the limit is refused");
	ok(strstr(e.msg, "big.txt") && strstr(e.msg, "(11 bytes)") && strstr(e.msg, "10 bytes")
		&& strstr(e.msg, "attachment.max_bytes = 10"),
		"naming the file, its size and the limit: %s", e.msg);
	ok(attach(&op, "fits.txt", "0123456789") > 0, "exactly the limit fits");
	sqlite3_exec(db_handle(db), "UPDATE setting SET value = '20971520'"
		" WHERE key = 'attachment.max_bytes'", NULL, NULL, NULL);
}

struct names {
	GString *s;
};

static void
collect(const struct attachment_row *row, void *p)
{
	struct names *n = p;

	g_string_append_printf(n->s, "%s,", row->filename);
}

static void
test_roles(void)
{
	struct names n = { g_string_new(NULL) };
	struct mado_err e = { 0 };
	int64_t id = 0;
	void *data = NULL;
	size_t len = 0;
	struct attachment_row row;

	is_int(attach(&staff, "note.txt", "x"), -MADO_EPERM, "staff may not attach");
	is_int(attachment_list(db, &staff, "ticket", ticket_id, collect, &n, &e), MADO_OK,
		"staff may list a ticket's attachments");
	is_str(n.s->str, "passwd,copy.txt,empty.txt,fits.txt,", "oldest first");
	is_int(attachment_add(db, &op, "ticket", 999999, "x.txt", "x", 1, &id, &e), MADO_ENOTFOUND,
		"no attaching to a missing ticket");
	is_int(attachment_add(db, &op, "calllog", 1, "x.txt", "x", 1, &id, &e), MADO_EDATA,
		"only tickets and articles have attachments");
	is_int(attachment_add(db, &op, "kb", internal_kb, "manual.pdf", "%PDF-1.4", 8, &id, &e),
		MADO_OK, "an operator attaches to an internal article");
	is_int(attachment_read(db, &staff, id, &row, &data, &len, &e), MADO_EPERM,
		"staff may not read an internal article's attachment");
	ok(strstr(e.msg, "FAQ 8") != NULL, "the refusal names the article: %s", e.msg);
	is_int(attachment_list(db, &staff, "kb", internal_kb, collect, &n, &e), MADO_EPERM,
		"nor list them");
	is_int(attachment_add(db, &op, "kb", public_kb, "guide.pdf", "%PDF-1.5", 8, &id, &e),
		MADO_OK, "attached to a public article");
	is_int(attachment_read(db, &staff, id, &row, &data, &len, &e), MADO_OK,
		"staff may read a public article's attachment");
	is_str(row.mime, "application/pdf", "typed by its extension");
	attachment_row_clear(&row);
	free(data);
	is_int(attachment_read(db, &staff, 424242, &row, &data, &len, &e), MADO_ENOTFOUND,
		"an unknown attachment is not found");
	is_str(e.msg, "no attachment with id 424242", "and says so");
	g_string_free(n.s, TRUE);
}

int
main(void)
{
	struct mado_err e = { 0 };
	int64_t bad;

	setup();
	test_clean_names();
	test_mime();
	test_add_and_dedup();
	test_empty_file();
	test_size_limit();
	test_roles();
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact after everything");
	db_close(db);
	return tap_done();
}
