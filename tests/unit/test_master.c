/* The master registry against its store: every kind with every column set
 * goes in and comes out byte for byte (so core's column order and the
 * statements in db/master_store.c agree), and the value checks. */
#include "tests/tap.h"

#include <glib.h>
#include <unistd.h>

#include "core/master.h"

int main(void);

static void
collect_error(unsigned long line, const char *field, const char *msg, void *ctx)
{
	g_string_append_printf(ctx, "%lu:%s: %s\n", line, field, msg);
}

/* Imports the UTF-8 text csv as kind; problems land in errs (may be NULL). */
static int
import_text(struct db *db, const struct actor *a, const char *kind, const char *csv,
	struct master_summary *sum, GString *errs)
{
	GString *got = errs ? errs : g_string_new(NULL);
	FILE *fp = tmpfile();
	struct mado_err e = { 0 };
	int st;

	fputs(csv, fp);
	rewind(fp);
	st = master_import(db, a, master_kind_find(kind), fp, "t.csv", CSV_UTF8, collect_error,
		got, sum, &e);
	fclose(fp);
	if (errs == NULL)
		g_string_free(got, TRUE);
	return st;
}

/* The whole export of kind as UTF-8 text; caller frees. */
static char *
export_text(struct db *db, const struct actor *a, const char *kind)
{
	FILE *fp = tmpfile();
	struct mado_err e = { 0 };
	size_t rows, n;
	char *buf;
	long len;

	master_export(db, a, master_kind_find(kind), fp, CSV_UTF8, &rows, &e);
	len = ftell(fp);
	rewind(fp);
	buf = g_malloc0((size_t)len + 1);
	n = fread(buf, 1, (size_t)len, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* A value for column c unlike its default, and a header plus one row. */
static const char *
sample(const struct master_column *c, char *buf, size_t n)
{
	if (c->ref != NULL)
		return "K1"; /* the row imported for that kind */
	switch (c->type) {
	case MT_CODE: return "K1";
	case MT_LOGIN: return "u.1";
	case MT_NOTE: return "\"line 1\r\nline 2\"";
	case MT_EMAIL: snprintf(buf, n, "%s@city.example.jp", c->key); return buf;
	case MT_BOOL: return "0";
	case MT_ROLE: return "admin";
	case MT_ENUM: {
		const char *const *ch = c->choices;

		while (ch[1] != NULL)
			ch++;
		return *ch;
	}
	case MT_TEXT: snprintf(buf, n, "値 %s", c->key); return buf;
	}
	return "";
}

static char *
full_row_csv(const struct master_kind *k)
{
	GString *s = g_string_new(NULL);
	char buf[128];

	for (size_t i = 0; i < k->ncols; i++)
		g_string_append_printf(s, "%s%s", i ? "," : "", k->cols[i].key);
	g_string_append(s, "\r\n");
	for (size_t i = 0; i < k->ncols; i++)
		g_string_append_printf(s, "%s%s", i ? "," : "", sample(&k->cols[i], buf, sizeof buf));
	g_string_append(s, "\r\n");
	return g_string_free(s, FALSE);
}

/* Every kind, those referred to first, so each holds one row "K1". */
static void
test_round_trip(struct db *db, const struct actor *a)
{
	static const char *const order[] = {
		"department", "vendor", "staff", "queue", "phonebook", "category", "faq_class",
		"system", "vendor_contact",
	};
	struct master_summary sum;

	is_int(sizeof order / sizeof order[0], master_kind_count(), "every kind is tested");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const struct master_kind *k = master_kind_find(order[i]);
		char *csv = full_row_csv(k), *out;
		int st = import_text(db, a, k->name, csv, &sum, NULL);

		is_int(st, MADO_OK, "%s: import of every column", k->name);
		is_int(sum.added, 1, "%s: one row added", k->name);
		out = export_text(db, a, k->name);
		is_str(out, csv, "%s: export gives back what was imported", k->name);
		import_text(db, a, k->name, out, &sum, NULL);
		ok(sum.unchanged == 1 && sum.added + sum.updated + sum.deleted == 0,
			"%s: export -> import unchanged", k->name);
		g_free(out);
		g_free(csv);
	}
}

/* The problems import reports for one staff row (given after the header). */
static char *
staff_problems(struct db *db, const struct actor *a, const char *header, const char *row)
{
	GString *errs = g_string_new(NULL);
	char *csv = g_strdup_printf("%s\n%s\n", header, row);
	struct master_summary sum;

	import_text(db, a, "staff", csv, &sum, errs);
	g_free(csv);
	return g_string_free(errs, FALSE);
}

static void
test_emails(struct db *db, const struct actor *a)
{
	static const char *const good[] = {
		"a@city.example.jp", "first.last+tag@sub.example.co.jp", "x_y-z@a-b.example",
	};
	static const char *const bad[] = {
		"a@b", "a..b@x.jp", ".a@x.jp", "a.@x.jp", "a@-x.jp", "a@x-.jp", "a@x..jp",
		"a b@x.jp", "@x.jp", "a@", "a@x.jp\r\nBcc: z@x.jp", "\"q\"@x.jp", "a@x_y.jp",
	};

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char *row = g_strdup_printf("g%zu,名,%s", i, good[i]);
		char *p = staff_problems(db, a, "login,name,email", row);

		is_str(p, "", "e-mail accepted: %s", good[i]);
		g_free(p);
		g_free(row);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		GString *cell = g_string_new("\"");
		char *row, *p, *shown = g_strescape(bad[i], NULL);

		/* Quote the cell so that CR, LF and quotes reach the check intact. */
		for (const char *s = bad[i]; *s != '\0'; s++)
			g_string_append(cell, *s == '"' ? "\"\"" : (char[2]){ *s, '\0' });
		g_string_append_c(cell, '"');
		row = g_strdup_printf("b%zu,名,%s", i, cell->str);
		p = staff_problems(db, a, "login,name,email", row);
		ok(strstr(p, "2:email: ") != NULL, "e-mail refused: %s", shown);
		g_free(p);
		g_free(row);
		g_free(shown);
		g_string_free(cell, TRUE);
	}
}

static void
test_values(struct db *db, const struct actor *a)
{
	char *p;

	p = staff_problems(db, a, "login,name,active,role", "v1,名, yes ,admin");
	is_str(p, "", "bool: yes (with blanks) accepted");
	g_free(p);
	p = export_text(db, a, "staff");
	ok(strstr(p, "v1,名,,,,admin,ja,1\r\n") != NULL, "bool stored as 1, defaults filled in");
	g_free(p);
	p = staff_problems(db, a, "login,name", "abcdefghijklmnopqrstuvwxyz012345,名");
	is_str(p, "", "login of 32 characters accepted");
	g_free(p);
	p = staff_problems(db, a, "login,name", "abcdefghijklmnopqrstuvwxyz0123456,名");
	ok(strstr(p, "2:login: ") != NULL, "login of 33 characters refused");
	g_free(p);
	p = staff_problems(db, a, "login,name", "tab\tuser,名");
	ok(strstr(p, "2:login: ") != NULL, "login with a tab refused");
	g_free(p);
	p = staff_problems(db, a, "login,name", "v2,\"two\nlines\"");
	ok(strstr(p, "2:name: ") != NULL, "line break in a one-line text refused");
	g_free(p);
	p = staff_problems(db, a, "login,name,lang", "v3,名,de");
	is_str(p, "2:lang: 'de' is not one of: ja, en\n", "enum: choices listed");
	g_free(p);
	p = staff_problems(db, a, "login,name,delete", "nosuch,名,1");
	is_str(p, "2:login: there is no staff 'nosuch' to delete\n", "delete of an unknown key");
	g_free(p);
}

static void
test_roles(struct db *db)
{
	struct actor op = { .staff_id = 1, .login = "op", .role = ROLE_OPERATOR };
	struct actor sv = { .staff_id = 2, .login = "sv", .role = ROLE_SUPERVISOR };
	struct master_summary sum;
	struct mado_err e = { 0 };
	char *out;

	is_int(import_text(db, &op, "department", "code,name\nD7,x\n", &sum, NULL), MADO_EPERM,
		"operator may not import");
	is_int(import_text(db, &sv, "department", "code,name\nD7,x\n", &sum, NULL), MADO_EPERM,
		"supervisor may not import");
	is_int(master_may_export(&op, &e), MADO_EPERM, "operator may not export");
	out = export_text(db, &sv, "department");
	ok(strncmp(out, "code,", 5) == 0, "supervisor may export");
	g_free(out);
}

int
main(void)
{
	char path[] = "/tmp/mado-test-master-XXXXXX";
	int fd = mkstemp(path);
	struct mado_err e = { 0 };
	struct actor admin;
	struct db *db;
	char *wal = g_strconcat(path, "-wal", NULL), *shm = g_strconcat(path, "-shm", NULL);

	close(fd);
	if (db_open(path, 1, &db, &e) != MADO_OK) {
		printf("Bail out! %s\n", e.msg);
		return 1;
	}
	identity_system(&admin);
	test_round_trip(db, &admin);
	test_emails(db, &admin);
	test_values(db, &admin);
	test_roles(db);
	db_close(db);
	unlink(path);
	unlink(wal);
	unlink(shm);
	g_free(wal);
	g_free(shm);
	return tap_done();
}
