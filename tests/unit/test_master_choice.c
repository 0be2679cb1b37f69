/* Choices for pickers on a real database: only active rows, in order,
 * names in the language of the messages, categories by scope, the code
 * lists of table choice, and the role check. */
#include "tests/testdb.h"

#include "base/i18n.h"
#include "core/master.h"

int main(void);

static void
collect(const char *code, const char *name, void *ctx)
{
	g_string_append_printf(ctx, "%s=%s;", code, name);
}

/* "code=name;" for every choice of kind (a category scope after ':'),
 * or "error N" when the call fails. Newly allocated (g_free). */
static char *
choices(struct db *db, const struct actor *a, const char *kind)
{
	GString *s = g_string_new(NULL);
	struct mado_err e = { 0 };
	int st;

	if (g_str_has_prefix(kind, "category:"))
		st = master_category_choices(db, a, kind + strlen("category:"), collect, s, &e);
	else
		st = master_choices(db, a, kind, collect, s, &e);
	if (st != MADO_OK)
		g_string_printf(s, "error %d", st);
	return g_string_free(s, FALSE);
}

static void
check(struct db *db, const struct actor *a, const char *kind, const char *want,
	const char *what)
{
	char *got = choices(db, a, kind);

	is_str(got, want, "%s", what);
	g_free(got);
}

static void
seed(struct db *db)
{
	static const char sql[] =
		"INSERT INTO department(code, name, name_en, active) VALUES"
		" ('tax', '税務課', 'Taxation', 1), ('old', '旧課', 'Old', 0),"
		" ('ict', '情報政策課', '', 1);"
		"INSERT INTO queue(code, name, active) VALUES ('q2', '窓口二', 1),"
		" ('q1', '窓口一', 1), ('q0', '廃止', 0);"
		"INSERT INTO category(code, name, scope, active) VALUES"
		" ('a', '暮らし・手続き', 'any', 1), ('i', '問合せ区分', 'inquiry', 1),"
		" ('c', '応対区分', 'calllog', 1), ('x', '廃止', 'inquiry', 0);"
		"INSERT INTO vendor(code, name) VALUES ('v1', 'ベンダー');"
		"INSERT INTO managed_system(code, name) VALUES ('jk', '住民基本情報システム');"
		"INSERT INTO phonebook(code, name) VALUES ('p1', '市民課');"
		"INSERT INTO faq_class(code, name) VALUES ('f1', '税');"
		"INSERT INTO staff(login, name, role, active) VALUES ('zz', '退職者', 'staff', 0);"
		"UPDATE choice SET active = 0 WHERE list = 'outcome' AND code = 'other';";
	char *err = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("Bail out! %s\n", err);
		exit(2);
	}
}

int
main(void)
{
	struct db *db = testdb_open();
	struct actor staff, nobody = { 0 };

	testdb_actor(db, "suzuki", "staff", &staff);
	testdb_actor(db, "admin1", "admin", &(struct actor){ 0 });
	seed(db);

	/* No catalog loaded: messages are English, so are names that have one. */
	check(db, &staff, "department", "ict=情報政策課;tax=Taxation;",
		"departments: active only, English name where there is one");
	check(db, &staff, "queue", "q1=窓口一;q2=窓口二;", "queues: active only, by code");
	check(db, &staff, "staff", "admin1=admin1;suzuki=suzuki;",
		"staff: login and name, retired staff left out");
	check(db, &staff, "category", "a=暮らし・手続き;c=応対区分;i=問合せ区分;",
		"categories: every scope");
	check(db, &staff, "category:inquiry", "a=暮らし・手続き;i=問合せ区分;",
		"categories of inquiries: their own and those of any scope");
	check(db, &staff, "category:calllog", "a=暮らし・手続き;c=応対区分;",
		"categories of call logs");
	check(db, &staff, "system", "jk=住民基本情報システム;", "managed systems");
	check(db, &staff, "vendor", "v1=ベンダー;", "vendors");
	check(db, &staff, "phonebook", "p1=市民課;", "phone book");
	check(db, &staff, "faq_class", "f1=税;", "FAQ classes");
	check(db, &staff, "outcome",
		"answered=Answered by operator;transferred=Transferred;callback=Call back;",
		"outcome: in its own order, retired entries left out");
	check(db, &staff, "request_kind",
		"infra_work=Infrastructure work request;prod_work=Production work request;"
		"building_work=In-building work notice;user_id=User-ID request;"
		"dc_entry=Data-centre entry request;fy_renewal=Fiscal-year renewal;",
		"request kinds");

	mado_i18n_init("ja");
	if (strcmp(mado_i18n_lang(), "ja") != 0)
		tap_skip("the Japanese catalog is not built");
	else
		check(db, &staff, "contact_type", "inquiry=問い合わせ;request=要望;complaint=苦情;"
			"transfer=転送依頼;other=その他;", "contact types in Japanese");
	if (strcmp(mado_i18n_lang(), "ja") == 0)
		check(db, &staff, "department", "ict=情報政策課;tax=税務課;",
			"departments in Japanese");

	check(db, &staff, "vendor_contact", "error 65", "contacts have no code: no such list");
	check(db, &staff, "nonsense", "error 65", "an unknown list is refused");
	check(db, &nobody, "queue", "error 77", "someone without a role is refused");
	check(db, &nobody, "category:inquiry", "error 77", "also for categories by scope");

	db_close(db);
	return tap_done();
}
