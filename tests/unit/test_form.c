/* Request forms: the shipped definitions load and match the schema; broken
 * and schema-invalid files are refused with file:line; values are checked
 * and normalised, with every problem reported. */
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "base/env.h"
#include "forms/form.h"
#include "tests/tap.h"

static const char *const kinds[] = {
	"infra_work", "prod_work", "building_work", "user_id", "dc_entry", "fy_renewal",
	"inquiry", "incident",
};

/* Writes text to dir/name and returns the path (g_free). */
static char *
write_tmp(const char *dir, const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);

	if (!g_file_set_contents(path, text, -1, NULL)) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	return path;
}

static void
test_shipped(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		struct mado_err e = { 0 };
		struct form *f = NULL;
		int st = form_load_kind(NULL, kinds[i], &f, &e);

		is_int(st, MADO_OK, "%s loads and matches form.rng %s", kinds[i], e.msg);
		if (f == NULL)
			continue;
		is_str(f->id, kinds[i], "%s: id", kinds[i]);
		ok(*f->title.ja != '\0' && *f->title.en != '\0', "%s: title in ja and en", kinds[i]);
		ok(f->nfields >= 4, "%s: has its fields (%d)", kinds[i], f->nfields);
		for (int j = 0; j < f->nfields; j++)
			if (*f->fields[j].label.ja == '\0' || *f->fields[j].label.en == '\0')
				ok(0, "%s.%s: label in ja and en", kinds[i], f->fields[j].name);
		form_free(f);
	}
}

static void
test_user_id_shape(void)
{
	struct mado_err e = { 0 };
	struct form *f = NULL;
	const struct form_field *fld;

	form_load_kind(mado_sharedir(), "user_id", &f, &e);
	if (!ok(f != NULL, "user_id loads with an explicit share dir %s", e.msg))
		return;
	is_str(form_text_get(&f->title, "ja"), "ユーザID設置申請", "title in Japanese");
	is_str(form_text_get(&f->title, "en"), "User-ID request", "title in English");
	fld = form_field(f, "persons");
	ok(fld != NULL && fld->type == FORM_INTEGER && fld->required &&
		fld->min == 1 && fld->max == 500, "persons: required integer 1-500");
	is_str(fld != NULL ? fld->label.ja : NULL, "人数", "persons: Japanese label");
	fld = form_field(f, "department");
	ok(fld != NULL && fld->type == FORM_MASTER, "department is a master field");
	is_str(fld != NULL ? fld->master : NULL, "department", "department names its master");
	fld = form_field(f, "request_type");
	ok(fld != NULL && fld->type == FORM_CHOICE && fld->noptions == 3, "request_type: 3 options");
	is_str(fld != NULL ? fld->options[0].label.ja : NULL, "新規", "option label in Japanese");
	fld = form_field(f, "start_date");
	is_str(fld != NULL ? form_type_name(fld->type) : NULL, "date", "start_date is a date");
	fld = form_field(f, "end_date");
	ok(fld != NULL && !fld->required && *fld->help.ja != '\0', "end_date optional with help");
	fld = form_field(f, "reason");
	is_int(fld != NULL ? fld->max_chars : -1, 2000, "reason: maxlength from the file");
	ok(form_field(f, "nosuch") == NULL, "unknown field name finds nothing");
	form_free(f);
}

/* Loads text as a form file and expects refusal with `want` in the message. */
static void
refused(const char *dir, const char *name, const char *text, int status, const char *want, const char *what)
{
	char *path = write_tmp(dir, name, text), *where = g_strdup_printf("%s:%s", path, want);
	struct mado_err e = { 0 };
	struct form *f = (struct form *)&e;
	int st = form_load(path, &f, &e);

	is_int(st, status, "%s: refused", what);
	ok(f == NULL, "%s: no form handed out", what);
	if (!ok(strstr(e.msg, where) != NULL, "%s: message names file and line", what))
		printf("#   message [%s]\n#   want    [%s]\n", e.msg, where);
	g_free(where);
	g_free(path);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define TITLE "  <title><ja>試験</ja><en>Test</en></title>\n"
#define LABEL "<label><ja>項目</ja><en>Item</en></label>"

static void
test_broken_files(const char *dir)
{
	refused(dir, "broken.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "\n"
		"</form>\n", MADO_ECONFIG, "5: Opening and ending tag mismatch: field line 4",
		"unclosed element");
	refused(dir, "quote.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=text>" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: ", "unquoted attribute");
	refused(dir, "unknown.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "</field>\n"
		"  <colour>red</colour>\n"
		"</form>\n", MADO_ECONFIG, "5: ", "unknown element");
	refused(dir, "noname.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "</field>\n"
		"  <field type=\"date\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "5: a field needs a name", "field without a name");
	refused(dir, "nomin.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"n\" type=\"integer\" max=\"5\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: field 'n': type integer needs the attribute 'min'",
		"integer without min");
	refused(dir, "badattr.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"d\" type=\"date\" maxlength=\"3\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: field 'd': attribute 'maxlength' does not belong",
		"attribute of another type");
	refused(dir, "badtype.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"d\" type=\"colour\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: field 'd': unknown type 'colour'", "unknown type");
	refused(dir, "nolabel.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"d\" type=\"date\"/>\n"
		"</form>\n", MADO_ECONFIG, "4: ", "field without a label");
	refused(dir, "noen.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"d\" type=\"date\"><label><ja>日付</ja></label></field>\n"
		"</form>\n", MADO_ECONFIG, "4: ", "label without English");
	refused(dir, "twice.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "</field>\n"
		"  <field name=\"a\" type=\"date\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "5: field 'a' is already defined at line 4",
		"field name used twice");
	refused(dir, "minmax.xml", HEAD "<form id=\"t\">\n" TITLE
		"\n  <field name=\"n\" type=\"integer\" min=\"9\" max=\"1\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "5: field 'n': min 9 is above max 1", "min above max");
	refused(dir, "option.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"c\" type=\"choice\">" LABEL "\n"
		"    <option value=\"x\"><ja>甲</ja><en>A</en></option>\n"
		"    <option value=\"x\"><ja>乙</ja><en>B</en></option>\n"
		"  </field>\n</form>\n", MADO_ECONFIG, "6: field 'c': option 'x' is listed twice",
		"option value used twice");
	refused(dir, "required.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\" required=\"maybe\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: field 'a': required must be true or false",
		"required neither true nor false");
	refused(dir, "master.xml", HEAD "<form id=\"t\">\n" TITLE
		"  <field name=\"m\" type=\"master\" master=\"citizen\">" LABEL "</field>\n"
		"</form>\n", MADO_ECONFIG, "4: field 'm': ", "master not in the schema's list");
	refused(dir, "empty.xml", HEAD "<form id=\"t\">\n" TITLE "</form>\n", MADO_ECONFIG,
		"2: a form needs at least one field", "form without fields");
	refused(dir, "badid.xml", HEAD "<form id=\"../t\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "</field>\n</form>\n", MADO_ECONFIG,
		"2: form id '../t' must be", "form id not an identifier");
	refused(dir, "doctype.xml", HEAD "<!DOCTYPE form [\n"
		"  <!ENTITY secret SYSTEM \"/etc/passwd\">\n]>\n"
		"<form id=\"t\">\n" TITLE
		"  <field name=\"a\" type=\"text\"><label><ja>&secret;</ja><en>x</en></label></field>\n"
		"</form>\n", MADO_ECONFIG, "2: a form file may not have a DOCTYPE", "DOCTYPE");
}

/* libxml2 must not print: its problems come back in the message only. */
static void
test_quiet(const char *dir)
{
	char *path = write_tmp(dir, "quiet.xml", HEAD "<form id=\"t\">\n<title>\n</form>\n");
	char *log = g_build_filename(dir, "stderr.log", NULL), *text = NULL;
	struct mado_err e = { 0 };
	struct form *f = NULL;
	int saved = dup(2), fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	form_load(path, &f, &e);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	g_file_get_contents(log, &text, NULL, NULL);
	is_str(text, "", "a broken file prints nothing on stderr");
	ok(strstr(e.msg, "quiet.xml:4: ") != NULL, "and the message says where [%s]", e.msg);
	g_free(text);
	g_free(log);
	g_free(path);
}

static void
test_missing_and_kinds(const char *dir)
{
	static const char *const bad[] = {
		"../user_id", "user_id/../../etc/passwd", "/etc/passwd", "User_ID", "user-id",
		"user.id", "", "user id", "ユーザ", "abcdefghijklmnopqrstuvwxyz0123456",
	};
	char *missing = g_build_filename(dir, "absent.xml", NULL);
	char *forms = g_build_filename(dir, "forms", NULL);
	char *rng = g_build_filename(mado_sharedir(), "forms", "form.rng", NULL);
	char *rngcopy = g_build_filename(forms, "form.rng", NULL), *other, *text = NULL;
	struct mado_err e = { 0 };
	struct form *f = NULL;

	is_int(form_load(missing, &f, &e), MADO_ENOTFOUND, "missing file: not found");
	ok(strstr(e.msg, "absent.xml") != NULL, "missing file: message names it");
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		mado_err_clear(&e);
		is_int(form_load_kind(NULL, bad[i], &f, &e), MADO_EDATA,
			"kind '%s' refused before touching a file", bad[i]);
		ok(f == NULL, "kind '%s': no form", bad[i]);
	}
	is_int(form_load_kind(NULL, NULL, &f, &e), MADO_EDATA, "NULL kind refused");
	is_int(form_load_kind(NULL, "no_such_kind", &f, &e), MADO_ENOTFOUND,
		"a plain kind without a form: not found");
	ok(strstr(e.msg, "no_such_kind") != NULL, "not found: message names the kind");

	/* A share dir of our own, holding a form whose id is not its kind. */
	g_mkdir(forms, 0700);
	g_file_get_contents(rng, &text, NULL, NULL);
	g_file_set_contents(rngcopy, text != NULL ? text : "", -1, NULL);
	other = g_build_filename(forms, "other.xml", NULL);
	g_file_set_contents(other, HEAD "<form id=\"user_id\">\n" TITLE
		"  <field name=\"a\" type=\"text\">" LABEL "</field>\n</form>\n", -1, NULL);
	is_int(form_load_kind(dir, "other", &f, &e), MADO_ECONFIG, "id differing from kind");
	ok(strstr(e.msg, "'user_id', not 'other'") != NULL, "id mismatch: message says so [%s]",
		e.msg);
	g_remove(other);
	g_remove(rngcopy);
	g_rmdir(forms);
	g_free(text);
	g_free(other);
	g_free(rngcopy);
	g_free(rng);
	g_free(forms);
	g_free(missing);
}

/* form_normalise on form f's field name; returns the canonical text or the
 * message prefixed with "!" (g_free). */
static char *
norm(const struct form *f, const char *name, const char *value)
{
	const struct form_field *fld = form_field(f, name);
	char *canonical = NULL, *message = NULL, *r;
	int st;

	if (fld == NULL)
		return g_strdup("!no such field");
	st = form_normalise(fld, value, &canonical, &message);
	if (st == MADO_OK && canonical != NULL && message == NULL)
		return canonical;
	r = g_strconcat("!", message != NULL ? message : "(no message)", NULL);
	g_free(message);
	g_free(canonical);
	return r;
}

#define NORM(f, name, value, want, ...) do { \
	char *got_ = norm(f, name, value); \
	is_str(got_, want, __VA_ARGS__); \
	g_free(got_); \
} while (0)

static void
test_normalise(const struct form *uid, const struct form *dc, const struct form *infra,
	const struct form *bw)
{
	NORM(uid, "persons", "3", "3", "integer");
	NORM(uid, "persons", " ０３ ", "3", "full-width digits, leading zero, spaces");
	NORM(uid, "persons", "+500", "500", "plus sign, upper bound");
	NORM(uid, "persons", "0", "!must be a whole number from 1 to 500", "below min");
	NORM(uid, "persons", "501", "!must be a whole number from 1 to 500", "above max");
	NORM(uid, "persons", "3人", "!must be a whole number from 1 to 500", "not a number");
	NORM(uid, "persons", "99999999999999999999", "!must be a whole number from 1 to 500",
		"beyond 64 bits");
	NORM(uid, "persons", "", "!is required", "blank required field");
	NORM(uid, "persons", "　", "!is required", "ideographic space only is blank");
	NORM(uid, "start_date", "2026-12-01", "2026-12-01", "date");
	NORM(uid, "start_date", " 2026-4-1 ", "2026-04-01", "date zero-padded");
	NORM(uid, "start_date", "2026/4/1", "2026-04-01", "date with slashes");
	NORM(uid, "start_date", "２０２６－１２－０１", "2026-12-01", "full-width date");
	NORM(uid, "start_date", "2028-02-29", "2028-02-29", "leap day");
	NORM(uid, "start_date", "2026-02-29", "!must be a date written YYYY-MM-DD", "no leap day");
	NORM(uid, "start_date", "2026-13-01", "!must be a date written YYYY-MM-DD", "month 13");
	NORM(uid, "start_date", "2026-4/1", "!must be a date written YYYY-MM-DD", "mixed separators");
	NORM(uid, "start_date", "26-04-01", "!must be a date written YYYY-MM-DD", "two-digit year");
	NORM(uid, "start_date", "2026-04-001", "!must be a date written YYYY-MM-DD", "3-digit day");
	NORM(uid, "start_date", "2026-04-01 10:00", "!must be a date written YYYY-MM-DD",
		"date with a time");
	NORM(uid, "end_date", "", "", "blank optional date is empty");
	NORM(dc, "work_start", "2026-12-01 9:05", "2026-12-01 09:05", "datetime zero-padded");
	NORM(dc, "work_start", "2026-12-01T23:59", "2026-12-01 23:59", "datetime with T");
	NORM(dc, "work_start", "２０２６/１２/０１　１０：３０", "2026-12-01 10:30",
		"full-width datetime");
	NORM(dc, "work_start", "2026-12-01 24:00",
		"!must be a date and time written YYYY-MM-DD HH:MM", "hour 24");
	NORM(dc, "work_start", "2026-12-01 10:5",
		"!must be a date and time written YYYY-MM-DD HH:MM", "one-digit minute");
	NORM(dc, "work_start", "2026-12-01",
		"!must be a date and time written YYYY-MM-DD HH:MM", "date without time");
	NORM(dc, "area", "server_room", "server_room", "choice");
	NORM(dc, "area", " server_room ", "server_room", "choice trimmed");
	NORM(dc, "area", "roof", "!must be one of: server_room, operation_room, media_storage",
		"choice not listed");
	NORM(dc, "escort", "yes", "1", "boolean yes");
	NORM(dc, "escort", "No", "0", "boolean No");
	NORM(dc, "escort", "有", "1", "boolean 有");
	NORM(dc, "escort", "なし", "0", "boolean なし");
	NORM(dc, "escort", "１", "1", "boolean full-width 1");
	NORM(dc, "escort", "maybe", "!must be yes or no", "boolean other");
	NORM(dc, "visitors", "山田 太郎\r\n鈴木 花子\r", "山田 太郎\n鈴木 花子", "CRLF to LF, trimmed");
	NORM(dc, "visitors", "a\x1b[2Jb", "!must not contain control characters",
		"escape sequence in multiline");
	NORM(dc, "vendor", " V001 ", "V001", "master code trimmed");
	NORM(dc, "vendor", "V0\n01", "!must be one line without control characters",
		"master code with a line break");
	NORM(infra, "targets", "　web01, web02　", "web01, web02", "text trimmed of U+3000");
	NORM(infra, "targets", "web01\tweb02", "!must be one line without control characters",
		"tab in one-line text");
	NORM(infra, "targets", "ab\xe2\x80\xa8" "cd", "!must be one line without control characters",
		"line separator in one-line text");
	NORM(infra, "targets", "ab\xff", "!is not valid UTF-8", "invalid UTF-8");
	NORM(infra, "targets", "ｳｪﾌﾞ", "ｳｪﾌﾞ", "free text keeps half-width kana");
	NORM(infra, "targets", "か\xe3\x82\x99", "が", "free text composed (NFC)");
	NORM(infra, "outage", NULL, "!is required", "NULL value of a required field");
	NORM(bw, "persons", "", "", "blank optional integer is empty");
}

static void
test_length(const struct form *uid, const struct form *bw)
{
	GString *s = g_string_new(NULL);
	char *got;

	for (int i = 0; i < 100; i++)
		g_string_append(s, "庁");
	got = norm(bw, "location", s->str);
	is_str(got, s->str, "100 kanji (300 bytes) fit maxlength 100");
	g_free(got);
	g_string_append(s, "舎");
	got = norm(bw, "location", s->str);
	is_str(got, "!must be at most 100 characters (101 given)", "101 kanji do not");
	g_free(got);
	g_string_truncate(s, 0);
	for (int i = 0; i < 2000; i++)
		g_string_append(s, "あ");
	got = norm(uid, "reason", s->str);
	ok(got != NULL && strcmp(got, s->str) == 0, "2000 kana fit a 2000-character multiline");
	g_free(got);
	g_string_append_c(s, 'x');
	got = norm(uid, "reason", s->str);
	is_str(got, "!must be at most 2000 characters (2001 given)", "2001 characters do not");
	g_free(got);
	g_string_truncate(s, 0);
	for (int i = 0; i < 99; i++)
		g_string_append(s, "か\xe3\x82\x99");
	got = norm(bw, "location", s->str);
	ok(got != NULL && g_utf8_strlen(got, -1) == 99, "99 decomposed が count as 99 characters");
	g_free(got);
	g_string_free(s, TRUE);
}

static void
test_validate(const struct form *uid)
{
	const char *good_n[] = { "request_type", "department", "persons", "system", "start_date",
		"reason" };
	const char *good_v[] = { "new", "110", "3", "JUKI", "2026-12-01", "4月採用の職員" };
	const char *bad_n[] = { "persons", "start_date", "colour", "request_type", "persons",
		"department", "system", "users" };
	const char *bad_v[] = { "0", "2026-02-30", "red", "transfer", "4", "", "JUKI", "a\x01" };
	struct form_error *errs = (struct form_error *)&errs;
	int nerrs = -1;

	is_int(form_validate(uid, good_n, good_v, 6, &errs, &nerrs), MADO_OK, "good values pass");
	is_int(nerrs, 0, "good values: no errors");
	ok(errs == NULL, "good values: no error list");

	is_int(form_validate(uid, bad_n, bad_v, 8, &errs, &nerrs), MADO_EDATA, "bad values fail");
	if (!ok(nerrs == 7 && errs != NULL, "all problems reported (%d)", nerrs)) {
		for (int i = 0; i < nerrs; i++)
			printf("#   %s: %s\n", errs[i].field, errs[i].message);
		form_errors_free(errs, nerrs);
		return;
	}
	is_str(errs[0].field, "persons", "1: out of range");
	is_str(errs[0].message, "must be a whole number from 1 to 500", "1: message");
	is_str(errs[1].field, "start_date", "2: impossible date");
	is_str(errs[1].message, "must be a date written YYYY-MM-DD", "2: message");
	is_str(errs[2].field, "colour", "3: unknown field");
	ok(strstr(errs[2].message, "no such field in form user_id") != NULL &&
		strstr(errs[2].message, "persons") != NULL, "3: message lists the fields [%s]",
		errs[2].message);
	is_str(errs[3].field, "request_type", "4: choice not listed");
	is_str(errs[3].message, "must be one of: new, change, delete", "4: message");
	is_str(errs[4].field, "persons", "5: given twice");
	is_str(errs[4].message, "is given more than once", "5: message");
	is_str(errs[5].field, "department", "6: required but blank");
	is_str(errs[5].message, "is required", "6: message");
	is_str(errs[6].field, "users", "7: control character");
	form_errors_free(errs, nerrs);

	is_int(form_validate(uid, NULL, NULL, 0, &errs, &nerrs), MADO_EDATA, "nothing given");
	ok(nerrs == 5 && errs != NULL && strcmp(errs[0].field, "request_type") == 0 &&
		strcmp(errs[4].field, "start_date") == 0,
		"every required field reported missing, in form order (%d)", nerrs);
	for (int i = 0; i < nerrs; i++)
		if (strcmp(errs[i].message, "is required") != 0)
			ok(0, "missing %s: message [%s]", errs[i].field, errs[i].message);
	form_errors_free(errs, nerrs);
}

static void
remove_files(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL);

		g_remove(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
}

int
main(void)
{
	struct form *uid = NULL, *dc = NULL, *infra = NULL, *bw = NULL;
	struct mado_err e = { 0 };
	char *tmpdir = g_dir_make_tmp("mado-form-XXXXXX", NULL);

	if (tmpdir == NULL) {
		printf("Bail out! cannot make a temporary directory\n");
		return 1;
	}
	test_shipped();
	test_user_id_shape();
	test_broken_files(tmpdir);
	test_quiet(tmpdir);
	test_missing_and_kinds(tmpdir);
	form_load_kind(NULL, "user_id", &uid, &e);
	form_load_kind(NULL, "dc_entry", &dc, &e);
	form_load_kind(NULL, "infra_work", &infra, &e);
	form_load_kind(NULL, "building_work", &bw, &e);
	if (ok(uid && dc && infra && bw, "forms for value checks load")) {
		test_normalise(uid, dc, infra, bw);
		test_length(uid, bw);
		test_validate(uid);
	}
	form_free(uid);
	form_free(dc);
	form_free(infra);
	form_free(bw);
	remove_files(tmpdir);
	g_rmdir(tmpdir);
	g_free(tmpdir);
	return tap_done();
}
