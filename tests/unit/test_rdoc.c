#include "tests/tap.h"

#include <glib.h>

#include "base/textwidth.h"
#include "core/rdoc.h"

int main(void);

/* Renders d with fn into memory; returns the bytes (caller frees). */
static char *
text_of(const struct rdoc *d, int ambi, size_t *len, int *st)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	struct mado_err e;

	*st = rdoc_text(d, ambi, fp, &e);
	fclose(fp);
	return buf;
}

static char *
csv_of(const struct rdoc *d, bool bom, bool cp932, size_t *len, int *st, struct mado_err *e)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	*st = rdoc_csv(d, fp, bom, cp932, e);
	fclose(fp);
	return buf;
}

static void
counts_table(struct rdoc *d)
{
	static const char *const heads[] = { "区分", "件数", "備考" };
	static const enum rdoc_align align[] = { RDOC_LEFT, RDOC_RIGHT, RDOC_LEFT };
	struct rdoc_table *t;

	rdoc_heading(d, "受付件数");
	t = rdoc_table(d, 3, heads, align);
	rdoc_row(t, (const char *const[]){ "問い合わせ", "12", "窓口" }, false);
	rdoc_row(t, (const char *const[]){ "障害", "3", NULL }, false);
	rdoc_row(t, (const char *const[]){ "申請", "105", "住民票,\n写し" }, false);
	rdoc_row(t, (const char *const[]){ "合計", "120", "" }, true);
}

static void
test_text(void)
{
	struct rdoc d;
	size_t len;
	int st;
	char *out;
	char para[512] = "";

	rdoc_init(&d, "日次運用報告", "2026-11-20 早番", "作成 2026-11-20 17:20");
	counts_table(&d);
	rdoc_heading(&d, "Notes");
	/* 40 wide characters fill a line; the 。 after them may not start
	 * the next one, so the line breaks a character earlier. */
	for (int i = 0; i < 40; i++)
		strcat(para, "あ");
	strcat(para, "。いい\n\n");
	/* A Latin word is not split: the break goes to the last space. */
	strcat(para, "x");
	for (int i = 0; i < 17; i++)
		strcat(para, " abcd");
	rdoc_paragraph(&d, para);
	rdoc_paragraph(&d, "short");

	out = text_of(&d, TW_AMBI_NARROW, &len, &st);
	is_int(st, MADO_OK, "text: rendered");
	is_str(out,
		"日次運用報告\n"
		"============\n"
		"2026-11-20 早番\n"
		"\n"
		"受付件数\n"
		"────────\n"
		"区分        件数  備考\n"
		"──────────────────────────────\n"
		"問い合わせ    12  窓口\n"
		"障害           3\n"
		"申請         105  住民票, 写し\n"
		"──────────────────────────────\n"
		"合計         120\n"
		"\n"
		"Notes\n"
		"─────\n"
		"あああああああああああああああああああああああああああああああああああああああ\n"
		"あ。いい\n"
		"\n"
		"x abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd\n"
		"abcd abcd\n"
		"\n"
		"short\n"
		"\n"
		"作成 2026-11-20 17:20\n",
		"text: title, headings, aligned wide columns, totals rule, wrapping");
	free(out);
	rdoc_free(&d);

	rdoc_init(&d, "T", NULL, NULL);
	out = text_of(&d, TW_AMBI_NARROW, &len, &st);
	is_str(out, "T\n=\n", "text: no subtitle, no blocks, no generated line");
	free(out);
	rdoc_free(&d);
}

/* On a terminal that draws ambiguous characters two cells wide, ○ takes
 * two cells in its column and a rule of ─ needs half as many. */
static void
test_text_ambiwide(void)
{
	static const char *const heads[] = { "記号", "件数" };
	static const enum rdoc_align align[] = { RDOC_LEFT, RDOC_RIGHT };
	struct rdoc_table *t;
	struct rdoc d;
	size_t len;
	int st;
	char *out;

	rdoc_init(&d, "T", NULL, NULL);
	rdoc_heading(&d, "見出し");
	t = rdoc_table(&d, 2, heads, align);
	rdoc_row(t, (const char *const[]){ "○", "1" }, false);
	rdoc_row(t, (const char *const[]){ "済", "20" }, false);
	out = text_of(&d, TW_AMBI_WIDE, &len, &st);
	is_str(out,
		"T\n=\n\n"
		"見出し\n───\n"
		"記号  件数\n"
		"─────\n"
		"○       1\n"
		"済      20\n",
		"text, ambiguous wide: ○ two cells, rules of ─ at half the count");
	free(out);
	out = text_of(&d, TW_AMBI_NARROW, &len, &st);
	is_str(out,
		"T\n=\n\n"
		"見出し\n──────\n"
		"記号  件数\n"
		"──────────\n"
		"○        1\n"
		"済      20\n",
		"text, ambiguous narrow: the same document");
	free(out);
	rdoc_free(&d);
}

static void
test_wrap_width(void)
{
	struct rdoc d;
	char para[1024] = "";
	size_t len;
	int st, longest = 0;
	char *out, *line, *save = NULL;

	/* Narrow and wide mixed so a wide character meets the edge. */
	for (int i = 0; i < 25; i++)
		strcat(para, "aa窓口");
	rdoc_init(&d, "W", NULL, NULL);
	rdoc_paragraph(&d, para);
	out = text_of(&d, TW_AMBI_NARROW, &len, &st);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		int w = 0;

		for (const char *p = line; *p != '\0'; p++)
			if (((unsigned char)*p & 0xc0) != 0x80)
				w += (unsigned char)*p >= 0x80 ? 2 : 1;
		ok(g_utf8_validate(line, -1, NULL), "wrap: whole characters (%.12s...)", line);
		longest = w > longest ? w : longest;
	}
	is_int(longest, 80, "wrap: lines fill 80 cells, no more");
	free(out);
	rdoc_free(&d);
}

static void
test_csv(void)
{
	struct rdoc d;
	struct mado_err e;
	size_t len;
	int st;
	char *out;
	static const char *const h2[] = { "①", "a,b" };

	rdoc_init(&d, "月次報告", NULL, NULL);
	rdoc_paragraph(&d, "not in the CSV");
	counts_table(&d);
	out = csv_of(&d, true, false, &len, &st, &e);
	is_int(st, MADO_OK, "csv: written");
	is_str(out,
		"\xef\xbb\xbf"
		"受付件数\r\n"
		"区分,件数,備考\r\n"
		"問い合わせ,12,窓口\r\n"
		"障害,3,\r\n"
		"申請,105,\"住民票,\n写し\"\r\n"
		"合計,120,\r\n",
		"csv: BOM, heading line, headings, rows, quoted comma and newline");
	free(out);
	rdoc_free(&d);

	/* Tables without a heading are named by the title; CP932 bytes. */
	rdoc_init(&d, "印刷", NULL, NULL);
	{
		struct rdoc_table *t = rdoc_table(&d, 2, h2, NULL);

		rdoc_row(t, (const char *const[]){ "窓口", "say \"x\"" }, false);
		rdoc_row(t, (const char *const[]){ "ｱ", "2\n行" }, false);
	}
	out = csv_of(&d, false, true, &len, &st, &e);
	is_int(st, MADO_OK, "csv cp932: written");
	is_int(len, 44, "csv cp932: length");
	ok(len == 44 && memcmp(out, "\x88\xf3\x8d\xfc\r\n\x87@,\"a,b\"\r\n\x91\x8b\x8c\xfb,"
		"\"say \"\"x\"\"\"\r\n\xb1,\"2\n\x8ds\"\r\n", 44) == 0,
		"csv cp932: exact bytes, quotes doubled");
	free(out);

	/* A second table, after a blank line, under its own heading. */
	rdoc_heading(&d, "内訳");
	rdoc_row(rdoc_table(&d, 2, h2, NULL), (const char *const[]){ "x", "窓口😀" }, false);
	out = csv_of(&d, false, true, &len, &st, &e);
	is_int(st, MADO_EDATA, "csv cp932: a character without a CP932 form fails");
	is_str(e.msg, "内訳: row 1: field 2: U+1F600 '😀' has no CP932 (Shift_JIS) form;"
		" write UTF-8 instead or replace the character", "csv cp932: message names table and row");
	free(out);
	out = csv_of(&d, false, false, &len, &st, &e);
	is_str(out, "印刷\r\n①,\"a,b\"\r\n窓口,\"say \"\"x\"\"\"\r\nｱ,\"2\n行\"\r\n\r\n"
		"内訳\r\n①,\"a,b\"\r\nx,窓口😀\r\n", "csv: two tables, a blank line between");
	free(out);
	rdoc_free(&d);

	/* A subject from a mail that Excel would run as a formula. */
	rdoc_init(&d, "一覧", NULL, NULL);
	{
		struct rdoc_table *t = rdoc_table(&d, 3, (const char *const[]){ "a", "b", "c" }, NULL);

		rdoc_row(t, (const char *const[]){ "=HYPERLINK(\"http://x/\",\"開く\")", "-12",
			"@SUM(A1)" }, false);
		rdoc_row(t, (const char *const[]){ "+1,5", "-1+2", "a=b" }, false);
	}
	out = csv_of(&d, false, false, &len, &st, &e);
	is_str(out, "一覧\r\na,b,c\r\n\"'=HYPERLINK(\"\"http://x/\"\",\"\"開く\"\")\",-12,'@SUM(A1)\r\n"
		"\"+1,5\",'-1+2,a=b\r\n",
		"csv: cells a spreadsheet would run as formulas start with ', numbers stay numbers");
	free(out);
	rdoc_free(&d);
}

static void
test_growth(void)
{
	struct rdoc d;
	struct rdoc_table *t;
	char key[16];
	int good = 1;

	rdoc_init(&d, "G", "s", "g");
	for (int i = 0; i < 20; i++)
		rdoc_heading(&d, "h");
	t = rdoc_table(&d, 2, (const char *const[]){ "k", "v" }, NULL);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		rdoc_row(t, (const char *const[]){ key, NULL }, i == 999);
	}
	is_int(d.nblocks, 21, "growth: blocks");
	is_int(t->nrows, 1000, "growth: rows");
	for (int i = 0; i < 1000 && good; i++) {
		snprintf(key, sizeof key, "k%d", i);
		good = strcmp(t->cells[i * 2], key) == 0 && strcmp(t->cells[i * 2 + 1], "") == 0
			&& t->total[i] == (i == 999);
	}
	ok(good, "growth: every row kept, NULL cells empty");
	rdoc_free(&d);
	is_int(d.nblocks, 0, "free: document emptied");
}

int
main(void)
{
	test_text();
	test_text_ambiwide();
	test_wrap_width();
	test_csv();
	test_growth();
	return tap_done();
}
