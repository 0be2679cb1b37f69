#include "tests/tap.h"

#include "core/csv.h"

int main(void);

/* A reader over the n bytes of data (kept in a temporary file). */
static struct csv_reader *
reader(const char *data, size_t n, enum csv_encoding enc, FILE **fp)
{
	*fp = tmpfile();
	fwrite(data, 1, n, *fp);
	rewind(*fp);
	return csv_reader_new(*fp, "t.csv", enc);
}

#define READER(lit, enc, fp) reader(lit, sizeof lit - 1, enc, fp)

/* Reads rows until the end or an error; returns the last csv_read result. */
static int
read_error(const char *data, size_t n, enum csv_encoding enc, struct mado_err *e)
{
	FILE *fp;
	struct csv_reader *r = reader(data, n, enc, &fp);
	struct csv_row row;
	int rc;

	mado_err_clear(e);
	while ((rc = csv_read(r, &row, e)) > 0)
		;
	csv_reader_free(r);
	fclose(fp);
	return rc;
}

#define READ_ERROR(lit, enc, e) read_error(lit, sizeof lit - 1, enc, e)

static void
test_basic(void)
{
	FILE *fp;
	struct csv_reader *r = READER("a,b,c\r\n1,,3\r\n", CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	is_int(csv_read(r, &row, &e), 1, "basic: first row");
	is_int(row.nfields, 3, "basic: 3 fields");
	is_str(row.fields[0], "a", "basic: field 1");
	is_str(row.fields[2], "c", "basic: field 3");
	is_int(row.line, 1, "basic: line 1");
	is_int(csv_read(r, &row, &e), 1, "basic: second row");
	is_str(row.fields[1], "", "basic: empty field");
	is_int(row.line, 2, "basic: line 2");
	is_int(csv_read(r, &row, &e), 0, "basic: end");
	is_int(csv_read(r, &row, &e), 0, "basic: end again");
	csv_reader_free(r);
	fclose(fp);
}

static void
test_quotes(void)
{
	FILE *fp;
	struct csv_reader *r = READER("\"x,y\",\"say \"\"hi\"\"\",plain,\"\",trailing,\n"
		"\"窓口\",\" sp \"", CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	is_int(csv_read(r, &row, &e), 1, "quotes: row");
	is_int(row.nfields, 6, "quotes: trailing comma makes an empty last field");
	is_str(row.fields[0], "x,y", "quotes: comma inside quotes");
	is_str(row.fields[1], "say \"hi\"", "quotes: doubled quotes");
	is_str(row.fields[2], "plain", "quotes: plain field");
	is_str(row.fields[3], "", "quotes: empty quoted field");
	is_str(row.fields[5], "", "quotes: empty last field");
	is_int(csv_read(r, &row, &e), 1, "quotes: last row without line end");
	is_str(row.fields[0], "窓口", "quotes: Japanese");
	is_str(row.fields[1], " sp ", "quotes: spaces kept");
	is_int(row.line, 2, "quotes: line 2");
	is_int(csv_read(r, &row, &e), 0, "quotes: end");
	csv_reader_free(r);
	fclose(fp);
}

static void
test_newlines(void)
{
	FILE *fp;
	struct csv_reader *r = READER(
		"id,note\n"                       /* 1 */
		"1,\"行1\n行2\r\n行3\"\n"          /* 2-4 */
		"2,after\r\n"                     /* 5 */
		"\n"                              /* 6: blank */
		"\r\n"                            /* 7: blank */
		"3,\"\"\"\n\"\"\",x\n"            /* 8-9 */
		"4,old mac\r"                     /* 10: lone CR */
		"5,last",                         /* 11 */
		CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	csv_read(r, &row, &e);
	is_int(row.line, 1, "newlines: header on line 1");
	is_int(csv_read(r, &row, &e), 1, "newlines: multi-line record");
	is_int(row.line, 2, "newlines: record starts on line 2");
	is_str(row.fields[1], "行1\n行2\r\n行3", "newlines: line breaks kept as data");
	csv_read(r, &row, &e);
	is_str(row.fields[0], "2", "newlines: next record");
	is_int(row.line, 5, "newlines: next record on line 5");
	csv_read(r, &row, &e);
	is_str(row.fields[0], "3", "newlines: blank lines skipped");
	is_int(row.line, 8, "newlines: after blank lines, line 8");
	is_str(row.fields[1], "\"\n\"", "newlines: quote, newline, quote");
	is_str(row.fields[2], "x", "newlines: field after it");
	csv_read(r, &row, &e);
	is_int(row.line, 10, "newlines: line 10");
	is_str(row.fields[1], "old mac", "newlines: lone CR ends a line");
	is_int(csv_read(r, &row, &e), 1, "newlines: last record");
	is_int(row.line, 11, "newlines: lone CR counted as a line");
	is_int(csv_read(r, &row, &e), 0, "newlines: end");
	csv_reader_free(r);
	fclose(fp);
}

static void
test_bom(void)
{
	FILE *fp;
	struct csv_reader *r = READER("\xef\xbb\xbfid,名前\r\n1,山田\r\n", CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	is_int(csv_read(r, &row, &e), 1, "BOM: row");
	is_str(row.fields[0], "id", "BOM: stripped from the first field");
	is_str(row.fields[1], "名前", "BOM: UTF-8");
	is_int(row.line, 1, "BOM: line 1");
	csv_reader_free(r);
	fclose(fp);

	r = READER("\xef\xbb\xbfid\n", CSV_UTF8_BOM, &fp);
	csv_read(r, &row, &e);
	is_str(row.fields[0], "id", "BOM: stripped with CSV_UTF8_BOM");
	csv_reader_free(r);
	fclose(fp);

	is_int(READ_ERROR("\xef\xbb\xbfid\n", CSV_CP932, &e), -1, "BOM with CP932 requested");
	is_str(e.msg, "t.csv:1: the file starts with a UTF-8 byte order mark but CP932 was"
		" requested", "BOM with CP932: message");
}

static void
test_cp932(void)
{
	FILE *fp;
	/* 印刷,①,髙,ソ表 (0x5C trail bytes),"ｱ" ; then a quoted two-line field */
	struct csv_reader *r = READER("\x88\xf3\x8d\xfc,\x87\x40,\xfb\xfc,\x83\x5c\x95\x5c,"
		"\"\xb1\"\r\n\"\x8e\x81\r\n\x8e\x81\",x\r\n", CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	is_int(csv_read(r, &row, &e), 1, "CP932: detected, row read");
	is_int(row.nfields, 5, "CP932: 5 fields");
	is_str(row.fields[0], "印刷", "CP932: kanji");
	is_str(row.fields[1], "①", "CP932: NEC special character");
	is_str(row.fields[2], "髙", "CP932: IBM extension");
	is_str(row.fields[3], "ソ表", "CP932: 0x5C trail bytes are not backslashes");
	is_str(row.fields[4], "ｱ", "CP932: half-width katakana");
	is_int(csv_read(r, &row, &e), 1, "CP932: second row");
	is_int(row.line, 2, "CP932: line 2");
	is_str(row.fields[0], "氏\r\n氏", "CP932: quoted line break");
	is_str(row.fields[1], "x", "CP932: after it");
	is_int(csv_read(r, &row, &e), 0, "CP932: end");
	csv_reader_free(r);
	fclose(fp);

	r = READER("abc,\x88\xf3\n", CSV_CP932, &fp);
	csv_read(r, &row, &e);
	is_str(row.fields[1], "印", "CP932: explicit");
	csv_reader_free(r);
	fclose(fp);
}

static void
test_errors(void)
{
	struct mado_err e;

	is_int(READ_ERROR("a,b\n1,\"open\nmore\n\nstill", CSV_AUTO, &e), -1,
		"unterminated quote fails");
	is_int(e.status, MADO_EDATA, "unterminated quote: MADO_EDATA");
	is_str(e.msg, "t.csv:2: field 2: the quote opened on this line is never closed",
		"unterminated quote: names the line where it opened");

	READ_ERROR("a,b\"c\n", CSV_AUTO, &e);
	is_str(e.msg, "t.csv:1: field 2: stray quote in an unquoted field"
		" (quote the whole field and double the quote)", "stray quote");

	READ_ERROR("x\n\"a\"b,c\n", CSV_AUTO, &e);
	is_str(e.msg, "t.csv:2: field 1: unexpected text after the closing quote",
		"text after a closing quote");

	is_int(READ_ERROR("ok\nx,\xff\n", CSV_UTF8, &e), -1, "invalid UTF-8 fails");
	is_int(e.status, MADO_EDATA, "invalid UTF-8: MADO_EDATA");
	is_str(e.msg, "t.csv:2: field 2: invalid byte sequence (not UTF-8)",
		"invalid UTF-8: line and field");

	READ_ERROR("ok\nx,\"a\nb\xe3\x81\"\n", CSV_UTF8, &e);
	is_str(e.msg, "t.csv:3: field 2: invalid byte sequence (not UTF-8)",
		"truncated UTF-8 on the second line of a field");

	/* Not valid UTF-8, so auto picks CP932; 0x85 0x40 is unassigned there. */
	READ_ERROR("\x88\xf3\n\x88\xf3,\x85\x40\n", CSV_AUTO, &e);
	is_str(e.msg, "t.csv:2: field 2: invalid byte sequence (not CP932)",
		"invalid CP932: line and field");

	READ_ERROR("\x88\xf3,\x88\n", CSV_AUTO, &e);
	is_str(e.msg, "t.csv:1: field 2: invalid byte sequence (not CP932)",
		"CP932 lead byte cut by the line end");

	READ_ERROR("a\nb,c\0d\n", CSV_UTF8, &e);
	is_str(e.msg, "t.csv:2: field 2: NUL byte", "NUL byte");
}

static void
test_sticky(void)
{
	FILE *fp;
	struct csv_reader *r = READER("a\n\"b\n", CSV_AUTO, &fp);
	struct csv_row row;
	struct mado_err e;

	is_int(csv_read(r, &row, &e), 1, "sticky: first row fine");
	is_int(csv_read(r, &row, &e), -1, "sticky: error");
	mado_err_clear(&e);
	is_int(csv_read(r, &row, &e), -1, "sticky: error again");
	is_str(e.msg, "t.csv:2: field 1: the quote opened on this line is never closed",
		"sticky: same message");
	csv_reader_free(r);
	fclose(fp);
}

/* Writes rows with a writer of enc; returns the bytes (caller frees). */
static char *
write_rows(enum csv_encoding enc, const char *const *fields, size_t n, int nrows,
	size_t *len, int *st, struct mado_err *e)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	struct csv_writer *w = csv_writer_new(fp, enc);
	int i;

	*st = MADO_OK;
	for (i = 0; i < nrows && *st == MADO_OK; i++)
		*st = csv_write_row(w, fields + (size_t)i * n, n, e);
	if (csv_writer_free(w, NULL) != MADO_OK)
		*st = MADO_EIO;
	fclose(fp);
	return buf;
}

static void
test_write(void)
{
	const char *const f[] = { "a", "b,c", "d\"e", NULL, " lead", "x\ny", "窓口" };
	const char *const cp[] = { "印刷", "①", "髙", "a,b", "ｱ", "～" };
	const char *const emoji[] = { "ok", "窓口😀" };
	struct mado_err e;
	size_t len;
	char *out;
	int st;

	out = write_rows(CSV_UTF8, f, 7, 1, &len, &st, &e);
	is_int(st, MADO_OK, "write UTF-8");
	is_str(out, "a,\"b,c\",\"d\"\"e\",,\" lead\",\"x\ny\",窓口\r\n", "write UTF-8: exact");
	free(out);

	out = write_rows(CSV_UTF8_BOM, f, 1, 1, &len, &st, &e);
	is_str(out, "\xef\xbb\xbf" "a\r\n", "write UTF-8 with BOM");
	free(out);

	out = write_rows(CSV_CP932, cp, 6, 1, &len, &st, &e);
	is_int(st, MADO_OK, "write CP932");
	is_int(len, 23, "write CP932: length");
	ok(memcmp(out, "\x88\xf3\x8d\xfc,\x87\x40,\xfb\xfc,\"a,b\",\xb1,\x81\x60\r\n", 23) == 0,
		"write CP932: exact bytes");
	free(out);

	out = write_rows(CSV_CP932, emoji, 2, 1, &len, &st, &e);
	is_int(st, MADO_EDATA, "emoji in CP932: MADO_EDATA");
	is_str(e.msg, "field 2: U+1F600 '😀' has no CP932 (Shift_JIS) form;"
		" write UTF-8 instead or replace the character", "emoji in CP932: message");
	is_int(len, 0, "emoji in CP932: nothing written");
	free(out);

	{
		const char *const bad[] = { "\xff" };

		out = write_rows(CSV_UTF8, bad, 1, 1, &len, &st, &e);
		is_int(st, MADO_EDATA, "invalid UTF-8 field refused");
		is_str(e.msg, "field 1: invalid UTF-8", "invalid UTF-8 field: message");
		free(out);
	}
}

static void
test_roundtrip(void)
{
	const char *const rows[] = {
		"番号", "件名", "備考", "空",
		"T-0001", "住民票の写し, 2通", "「至急」と\"書く\"\r\n2行目", NULL,
		" 前後に空白 ", "①②※○", "ｶﾀｶﾅ\n\n", "",
	};
	enum csv_encoding encs[] = { CSV_UTF8, CSV_UTF8_BOM, CSV_CP932 };
	size_t k;

	for (k = 0; k < 3; k++) {
		struct mado_err e;
		struct csv_row row;
		struct csv_reader *r;
		size_t len;
		char *out = write_rows(encs[k], rows, 4, 3, &len, &(int){ 0 }, &e);
		FILE *fp = fmemopen(out, len, "r");
		int i, same = 1;
		unsigned long lines[3] = { 0 };

		r = csv_reader_new(fp, "rt.csv", CSV_AUTO);
		for (i = 0; i < 3 && csv_read(r, &row, &e) == 1; i++) {
			lines[i] = row.line;
			same = same && row.nfields == 4;
			for (size_t j = 0; same && j < 4; j++) {
				const char *want = rows[i * 4 + (int)j];

				same = strcmp(row.fields[j], want != NULL ? want : "") == 0;
			}
		}
		is_int(i, 3, "round trip %zu: 3 rows", k);
		ok(same, "round trip %zu: same fields", k);
		is_int(lines[2], 4, "round trip %zu: third row on line 4", k);
		is_int(csv_read(r, &row, &e), 0, "round trip %zu: end", k);
		csv_reader_free(r);
		fclose(fp);
		free(out);
	}
}

static void
test_parse(void)
{
	is_int(csv_encoding_parse("utf-8"), CSV_UTF8, "parse utf-8");
	is_int(csv_encoding_parse("UTF-8-BOM"), CSV_UTF8_BOM, "parse UTF-8-BOM");
	is_int(csv_encoding_parse("cp932"), CSV_CP932, "parse cp932");
	is_int(csv_encoding_parse("sjis"), CSV_CP932, "parse sjis");
	is_int(csv_encoding_parse("auto"), CSV_AUTO, "parse auto");
	is_int(csv_encoding_parse("euc-jp"), -1, "parse unknown");
}

int
main(void)
{
	test_basic();
	test_quotes();
	test_newlines();
	test_bom();
	test_cp932();
	test_errors();
	test_sticky();
	test_write();
	test_roundtrip();
	test_parse();
	return tap_done();
}
