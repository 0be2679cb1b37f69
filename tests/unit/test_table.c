#include "tests/tap.h"

#include "base/textwidth.h"
#include "cli/table.h"

int main(void);

static const struct table_column cols[] = {
	{ "id", "番号", 1, 0 },
	{ "subject", "件名", 0, 10 },
	{ "status", "状態", 0, 0 },
};

static const char *const rows[][3] = {
	{ "1", "住民票の写しの交付申請について", "受付" },
	{ "12", "ID card", "完了" },
	{ "123", NULL, "保留 ※" },
};

static struct table *
sample(void)
{
	struct table *t = table_new(cols, 3);
	size_t i;

	for (i = 0; i < 3; i++)
		table_add(t, rows[i]);
	return t;
}

/* Output of table_print or table_print_record; caller frees. */
static char *
print(const struct table *t, enum out_format fmt, int ambi, int record, int *st)
{
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	struct mado_err e;

	*st = record ? table_print_record(t, fp, fmt, ambi, &e)
		: table_print(t, fp, fmt, ambi, &e);
	fclose(fp);
	return buf;
}

static void
test_text(void)
{
	struct table *t = sample();
	char *out;
	int st;

	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 0, &st);
	is_int(st, MADO_OK, "text: printed");
	is_str(out,
		"番号  件名        状態\n"
		"----  ----------  ------\n"
		"   1  住民票の…   受付\n"
		"  12  ID card     完了\n"
		" 123              保留 ※\n",
		"text: aligned, numbers right, truncated with …, last column not padded");
	free(out);

	out = print(t, OUT_TEXT, TW_AMBI_WIDE, 0, &st);
	is_str(out,
		"番号  件名        状態\n"
		"----  ----------  -------\n"
		"   1  住民票の…  受付\n"
		"  12  ID card     完了\n"
		" 123              保留 ※\n",
		"text, ambi wide: … takes 2 cells, ※ widens the last column");
	free(out);
	table_free(t);
}

/* Display column where needle starts in line, or -1. */
static int
column_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);

	return p != NULL ? tw_width(line, p - line, TW_AMBI_NARROW) : -1;
}

static void
test_alignment(void)
{
	static const struct table_column c2[] = {
		{ "name", "氏名", 0, 0 },
		{ "kana", "ﾌﾘｶﾞﾅ", 0, 0 },
		{ "note", "Note", 0, 0 },
	};
	static const char *const r2[][3] = {
		{ "山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "窓口①" },
		{ "Smith John", "ｽﾐｽ", "x" },
		{ "か\xe3\x82\x99き", "ｶﾞｷﾞ", "😀" },
		{ "A", "ｴｰ", "" },
	};
	struct table *t = table_new(c2, 3);
	char *out, *line, *save = NULL;
	int st, n = 0, all = 1, first = -1;

	for (size_t i = 0; i < 4; i++)
		table_add(t, r2[i]);
	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 0, &st);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		/* The rule line: the second column's dashes follow the gap. */
		const char *needle = n == 0 ? "ﾌﾘｶﾞﾅ" : n == 1 ? "  -" : r2[n - 2][1];
		int col = column_of(line, needle) + (n == 1 ? 2 : 0);

		if (first < 0)
			first = col;
		all = all && col == first && col > 0;
		n++;
	}
	is_int(n, 6, "alignment: header, rule and 4 rows");
	is_int(first, 12, "alignment: second column at display column 12");
	ok(all, "alignment: every row's second column starts at the same display column");
	free(out);
	table_free(t);
}

static void
test_csv(void)
{
	struct table *t = sample();
	char *out;
	int st;

	out = print(t, OUT_CSV, TW_AMBI_NARROW, 0, &st);
	is_int(st, MADO_OK, "csv: printed");
	is_str(out,
		"id,subject,status\r\n"
		"1,住民票の写しの交付申請について,受付\r\n"
		"12,ID card,完了\r\n"
		"123,,保留 ※\r\n",
		"csv: header of keys, untruncated values, CRLF");
	free(out);
	table_free(t);
}

static void
test_json(void)
{
	static const struct table_column c1[] = { { "v", "V", 0, 0 } };
	const char *const esc[] = { "tab\there \"q\" back\\ \x01 nl\n\x1f 窓" };
	const char *const bad[] = { "a\xff" "b" };
	struct table *t = sample();
	char *out;
	int st;

	out = print(t, OUT_JSON, TW_AMBI_NARROW, 0, &st);
	is_int(st, MADO_OK, "json: printed");
	is_str(out,
		"[\n"
		"  {\"id\": \"1\", \"subject\": \"住民票の写しの交付申請について\", \"status\": \"受付\"},\n"
		"  {\"id\": \"12\", \"subject\": \"ID card\", \"status\": \"完了\"},\n"
		"  {\"id\": \"123\", \"subject\": null, \"status\": \"保留 ※\"}\n"
		"]\n",
		"json: array of objects, NULL as null");
	free(out);
	table_free(t);

	t = table_new(c1, 1);
	out = print(t, OUT_JSON, TW_AMBI_NARROW, 0, &st);
	is_str(out, "[]\n", "json: empty table");
	free(out);
	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 0, &st);
	is_str(out, "V\n-\n", "text: empty table has header and rule");
	free(out);
	table_add(t, esc);
	table_add(t, bad);
	out = print(t, OUT_JSON, TW_AMBI_NARROW, 0, &st);
	is_str(out,
		"[\n"
		"  {\"v\": \"tab\\there \\\"q\\\" back\\\\ \\u0001 nl\\n\\u001f 窓\"},\n"
		"  {\"v\": \"a\\ufffdb\"}\n"
		"]\n",
		"json: escapes, control characters as \\u00XX, invalid bytes as U+FFFD");
	free(out);
	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 0, &st);
	ok(out != NULL && strstr(out, "\t") == NULL && strstr(out, "\x01") == NULL,
		"text: control characters replaced");
	free(out);
	table_free(t);
}

static void
test_record(void)
{
	static const struct table_column c3[] = {
		{ "id", "番号", 1, 0 },
		{ "status", "Status", 0, 3 },
		{ "note", "備考", 0, 0 },
		{ "empty", "空", 0, 0 },
	};
	const char *const r[] = { "T-1", "受付済み", "1行目\r\n2行目\n", NULL };
	struct table *t = table_new(c3, 4);
	char *out;
	int st;

	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 1, &st);
	is_int(st, MADO_EFAIL, "record: no row is an error");
	free(out);
	table_add(t, r);
	out = print(t, OUT_TEXT, TW_AMBI_NARROW, 1, &st);
	is_int(st, MADO_OK, "record: printed");
	is_str(out,
		"番号:   T-1\n"
		"Status: 受付済み\n"
		"備考:   1行目\n"
		"        2行目\n"
		"空:\n",
		"record: labels aligned by width, line breaks continued, no truncation");
	free(out);
	out = print(t, OUT_CSV, TW_AMBI_NARROW, 1, &st);
	is_str(out, "id,status,note,empty\r\nT-1,受付済み,\"1行目\r\n2行目\n\",\r\n",
		"record: CSV");
	free(out);
	out = print(t, OUT_JSON, TW_AMBI_NARROW, 1, &st);
	is_str(out,
		"{\"id\": \"T-1\", \"status\": \"受付済み\", \"note\": \"1行目\\r\\n2行目\\n\","
		" \"empty\": null}\n",
		"record: JSON object");
	free(out);
	table_free(t);
}

static void
test_parse(void)
{
	is_int(out_format_parse("text"), OUT_TEXT, "format text");
	is_int(out_format_parse("csv"), OUT_CSV, "format csv");
	is_int(out_format_parse("json"), OUT_JSON, "format json");
	is_int(out_format_parse("xml"), -1, "format unknown");
}

int
main(void)
{
	test_text();
	test_alignment();
	test_csv();
	test_json();
	test_record();
	test_parse();
	return tap_done();
}
