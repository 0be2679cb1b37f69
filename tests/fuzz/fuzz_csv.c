/* Fuzz target: the CSV reader (core/csv.c).
 *
 * The input is a CSV file. It is read three times, with CSV_AUTO,
 * CSV_UTF8 and CSV_CP932, each to the end or the first error, and checked:
 *  - every row has at least one field, each valid UTF-8; row lines rise;
 *  - the end and errors are sticky (a further csv_read repeats them);
 *    an error is MADO_EDATA and its message starts with the file name;
 *  - CSV_AUTO gives exactly what CSV_UTF8 gives for input with a BOM or
 *    valid UTF-8, and what CSV_CP932 gives for anything else;
 *  - CSV_UTF8_BOM reads as CSV_UTF8 does;
 *  - rows read without error survive csv_writer in the same encoding (for
 *    UTF-8 also with a BOM, read back with CSV_AUTO) and a second reading
 *    unchanged (a row of one empty field excepted: it is written as a
 *    blank line, and blank lines are skipped);
 *  - UTF-8 rows written as CP932 are written, or refused with MADO_EDATA
 *    naming the field when a character has no CP932 form. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

#define NAME "fuzz.csv"
#define BOM "\xef\xbb\xbf"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

/* What one reading gave: the rows (each a GPtrArray of UTF-8 strings) up
 * to the end or the first error. */
struct reading {
	GPtrArray *rows;
	int status;
	char msg[1024];
};

static void
read_all(const char *bytes, size_t size, enum csv_encoding enc, struct reading *out)
{
	/* fmemopen() wants a writable buffer even for reading. */
	char *buf = g_malloc(size + 1);
	struct csv_reader *r;
	unsigned long last = 0;
	FILE *fp;

	if (size > 0)
		memcpy(buf, bytes, size);
	fp = fmemopen(buf, size, "r");
	CHECK(fp != NULL);
	out->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	out->status = MADO_OK;
	out->msg[0] = '\0';
	r = csv_reader_new(fp, NAME, enc);
	for (;;) {
		struct mado_err e = { 0 }, again = { 0 };
		struct csv_row row;
		GPtrArray *fields;
		int rc = csv_read(r, &row, &e);

		if (rc == 0) {
			CHECK(row.nfields == 0);
			CHECK(csv_read(r, &row, &again) == 0);
			break;
		}
		if (rc < 0) {
			CHECK(rc == -1);
			CHECK(e.status == MADO_EDATA);
			CHECK(strncmp(e.msg, NAME ":", strlen(NAME ":")) == 0);
			CHECK(csv_read(r, &row, &again) == -1);
			CHECK(again.status == e.status && strcmp(again.msg, e.msg) == 0);
			out->status = e.status;
			memcpy(out->msg, e.msg, sizeof out->msg);
			break;
		}
		CHECK(rc == 1);
		CHECK(row.nfields >= 1 && row.fields != NULL);
		CHECK(row.line > last);
		last = row.line;
		fields = g_ptr_array_new_with_free_func(g_free);
		for (size_t i = 0; i < row.nfields; i++) {
			CHECK(row.fields[i] != NULL);
			CHECK(g_utf8_validate(row.fields[i], -1, NULL));
			g_ptr_array_add(fields, g_strdup(row.fields[i]));
		}
		g_ptr_array_add(out->rows, fields);
	}
	csv_reader_free(r);
	fclose(fp);
	g_free(buf);
}

static void
reading_free(struct reading *rd)
{
	g_ptr_array_unref(rd->rows);
}

static bool
same_row(const GPtrArray *a, const GPtrArray *b)
{
	if (a->len != b->len)
		return false;
	for (guint i = 0; i < a->len; i++)
		if (strcmp(a->pdata[i], b->pdata[i]) != 0)
			return false;
	return true;
}

static void
check_same(const struct reading *a, const struct reading *b)
{
	CHECK(a->status == b->status);
	CHECK(strcmp(a->msg, b->msg) == 0);
	CHECK(a->rows->len == b->rows->len);
	for (guint i = 0; i < a->rows->len; i++)
		CHECK(same_row(a->rows->pdata[i], b->rows->pdata[i]));
}

static bool
blank_row(const GPtrArray *row)
{
	return row->len == 1 && *(const char *)row->pdata[0] == '\0';
}

/* Writes the rows in enc to *text (free()). Returns MADO_OK, or the first
 * row's error; a row with no CP932 form is refused whole, naming its
 * field, and the writer goes on with the next one. */
static int
write_rows(const struct reading *rd, enum csv_encoding enc, char **text, size_t *len)
{
	struct csv_writer *w;
	struct mado_err e = { 0 };
	int first = MADO_OK;
	FILE *fp = open_memstream(text, len);

	CHECK(fp != NULL);
	w = csv_writer_new(fp, enc);
	for (guint i = 0; i < rd->rows->len; i++) {
		const GPtrArray *row = rd->rows->pdata[i];
		int st = csv_write_row(w, (const char *const *)row->pdata, row->len, &e);

		if (st != MADO_OK) {
			CHECK(st == MADO_EDATA && strncmp(e.msg, "field ", 6) == 0);
			if (first == MADO_OK)
				first = st;
		}
	}
	CHECK(csv_writer_free(w, &e) == MADO_OK);
	fclose(fp);
	return first;
}

/* Writes the rows in enc, reads them back with read_enc and compares. */
static void
round_trip(const struct reading *rd, enum csv_encoding enc, enum csv_encoding read_enc)
{
	struct reading back;
	char *text = NULL;
	size_t len = 0;
	guint j = 0;
	int st = write_rows(rd, enc, &text, &len);

	CHECK(st == MADO_OK);
	read_all(text, len, read_enc, &back);
	if (back.status != MADO_OK)
		fprintf(stderr, "reading back: %s\n", back.msg);
	CHECK(back.status == MADO_OK);
	for (guint i = 0; i < rd->rows->len; i++) {
		const GPtrArray *row = rd->rows->pdata[i];

		if (blank_row(row))
			continue;
		CHECK(j < back.rows->len);
		CHECK(same_row(row, back.rows->pdata[j]));
		j++;
	}
	CHECK(j == back.rows->len);
	reading_free(&back);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *bytes = (const char *)data;
	bool bom = size >= 3 && memcmp(bytes, BOM, 3) == 0;
	struct reading autod, utf8, utf8bom, cp932;
	char *text = NULL;
	size_t len = 0;

	read_all(bytes, size, CSV_AUTO, &autod);
	read_all(bytes, size, CSV_UTF8, &utf8);
	read_all(bytes, size, CSV_UTF8_BOM, &utf8bom);
	read_all(bytes, size, CSV_CP932, &cp932);
	check_same(&utf8bom, &utf8);
	if (bom || g_utf8_validate(bytes, (gssize)size, NULL))
		check_same(&autod, &utf8);
	else
		check_same(&autod, &cp932);
	if (utf8.status == MADO_OK) {
		round_trip(&utf8, CSV_UTF8, CSV_UTF8);
		round_trip(&utf8, CSV_UTF8_BOM, CSV_AUTO);
		/* Not every character has a CP932 form: refused, or written. */
		write_rows(&utf8, CSV_CP932, &text, &len);
		free(text);
	}
	if (cp932.status == MADO_OK)
		round_trip(&cp932, CSV_CP932, CSV_CP932);
	reading_free(&autod);
	reading_free(&utf8);
	reading_free(&utf8bom);
	reading_free(&cp932);
	return 0;
}
