#include "table.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/textwidth.h"
#include "core/csv.h"

/* Between two text columns. */
#define GAP "  "

struct table {
	const struct table_column *cols;
	int ncols;
	GPtrArray *rows; /* char **, ncols cells each, NULL cells kept NULL */
};

int
out_format_parse(const char *name)
{
	if (strcmp(name, "text") == 0)
		return OUT_TEXT;
	if (strcmp(name, "csv") == 0)
		return OUT_CSV;
	if (strcmp(name, "json") == 0)
		return OUT_JSON;
	return -1;
}

struct table *
table_new(const struct table_column *cols, int ncols)
{
	struct table *t = g_new0(struct table, 1);

	t->cols = cols;
	t->ncols = ncols;
	t->rows = g_ptr_array_new();
	return t;
}

void
table_add(struct table *t, const char *const *cells)
{
	char **row = g_new(char *, (size_t)t->ncols);
	int i;

	for (i = 0; i < t->ncols; i++)
		row[i] = g_strdup(cells[i]);
	g_ptr_array_add(t->rows, row);
}

void
table_free(struct table *t)
{
	guint r;

	if (t == NULL)
		return;
	for (r = 0; r < t->rows->len; r++) {
		char **row = g_ptr_array_index(t->rows, r);

		for (int c = 0; c < t->ncols; c++)
			g_free(row[c]);
		g_free(row);
	}
	g_ptr_array_free(t->rows, TRUE);
	g_free(t);
}

static const char *
cell(const struct table *t, guint r, int c)
{
	char **row = g_ptr_array_index(t->rows, r);

	return row[c];
}

static const char *
header(const struct table_column *col)
{
	return col->header != NULL ? col->header : col->key;
}

static int
check_out(FILE *out, struct mado_err *e)
{
	if (fflush(out) != 0 || ferror(out))
		return mado_err_set(e, MADO_EIO, "write error: %s", g_strerror(errno));
	return MADO_OK;
}

/* Text */

/* Appends s laid out in cells cells, or in its own width (at most cells)
 * when the column is the last and left-aligned, which is not padded. */
static void
put_cell(GString *line, const char *s, int cells, int align_right, int last, int ambi)
{
	int w = tw_width(s, -1, ambi);
	char *fit;

	if (last && !align_right && w < cells)
		cells = w;
	fit = tw_fit(s, cells, ambi, align_right ? TW_RIGHT : TW_LEFT);
	g_string_append(line, fit);
	free(fit);
}

/* Writes line without trailing spaces (an empty last column leaves some). */
static void
put_line(FILE *out, GString *line)
{
	while (line->len > 0 && line->str[line->len - 1] == ' ')
		g_string_truncate(line, line->len - 1);
	fputs(line->str, out);
	fputc('\n', out);
	g_string_truncate(line, 0);
}

static void
column_widths(const struct table *t, int ambi, int *widths)
{
	int c;
	guint r;

	for (c = 0; c < t->ncols; c++) {
		const struct table_column *col = &t->cols[c];
		int w = tw_width(header(col), -1, ambi);

		for (r = 0; r < t->rows->len; r++) {
			const char *s = cell(t, r, c);
			int cw = s != NULL ? tw_width(s, -1, ambi) : 0;

			if (cw > w)
				w = cw;
		}
		if (col->max_cells > 0 && w > col->max_cells)
			w = col->max_cells;
		widths[c] = w;
	}
}

static int
print_text(const struct table *t, FILE *out, int ambi, struct mado_err *e)
{
	int *widths = g_new(int, (size_t)t->ncols);
	GString *line = g_string_new(NULL);
	int c;
	guint r;

	column_widths(t, ambi, widths);
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			g_string_append(line, GAP);
		put_cell(line, header(&t->cols[c]), widths[c], t->cols[c].right,
			c == t->ncols - 1, ambi);
	}
	put_line(out, line);
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			g_string_append(line, GAP);
		for (int i = 0; i < widths[c]; i++)
			g_string_append_c(line, '-');
	}
	put_line(out, line);
	for (r = 0; r < t->rows->len; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);

			if (c > 0)
				g_string_append(line, GAP);
			put_cell(line, s != NULL ? s : "", widths[c], t->cols[c].right,
				c == t->ncols - 1, ambi);
		}
		put_line(out, line);
	}
	g_string_free(line, TRUE);
	g_free(widths);
	return check_out(out, e);
}

/* Length of the line at s up to a line break (CRLF, LF or CR); *next is
 * where the following line starts, or NULL after the last (a final line
 * break does not start an empty line). */
static size_t
line_len(const char *s, const char **next)
{
	size_t n = strcspn(s, "\r\n");

	*next = NULL;
	if (s[n] != '\0') {
		const char *p = s + n + (s[n] == '\r' && s[n + 1] == '\n' ? 2 : 1);

		if (*p != '\0')
			*next = p;
	}
	return n;
}

/* "Label: value" lines with the values lined up. A value's own line breaks
 * continue on indented lines instead of being shown as replacements. */
static int
print_text_record(const struct table *t, FILE *out, int ambi, struct mado_err *e)
{
	GString *line = g_string_new(NULL);
	int labelw = 0, c;

	for (c = 0; c < t->ncols; c++) {
		int w = tw_width(header(&t->cols[c]), -1, ambi) + 1;

		if (w > labelw)
			labelw = w;
	}
	for (c = 0; c < t->ncols; c++) {
		const char *s = cell(t, 0, c);
		char *label = g_strconcat(header(&t->cols[c]), ":", NULL);
		char *fit = tw_fit(label, labelw, ambi, TW_LEFT);

		g_string_append(line, fit);
		free(fit);
		g_free(label);
		if (s == NULL)
			s = "";
		while (s != NULL) {
			const char *next;
			char *part = g_strndup(s, line_len(s, &next));

			if (line->len == 0)
				g_string_append_printf(line, "%*s", labelw, "");
			g_string_append_c(line, ' ');
			put_cell(line, part, tw_width(part, -1, ambi), 0, 1, ambi);
			put_line(out, line);
			g_free(part);
			s = next;
		}
	}
	g_string_free(line, TRUE);
	return check_out(out, e);
}

/* CSV */

static int
write_csv_row(struct csv_writer *w, const struct table *t, guint r, struct mado_err *e)
{
	const char **fields = g_new(const char *, (size_t)t->ncols);
	int st, c;

	for (c = 0; c < t->ncols; c++)
		fields[c] = cell(t, r, c);
	st = csv_write_row(w, fields, (size_t)t->ncols, e);
	if (st != MADO_OK)
		mado_err_prefix(e, "row %u: ", r + 1);
	g_free(fields);
	return st;
}

/* Header row of keys, then rows first..last-1. */
static int
print_csv(const struct table *t, FILE *out, guint first, guint last, struct mado_err *e)
{
	struct csv_writer *w = csv_writer_new(out, CSV_UTF8);
	const char **keys = g_new(const char *, (size_t)t->ncols);
	int st, c;
	guint r;

	for (c = 0; c < t->ncols; c++)
		keys[c] = t->cols[c].key;
	st = csv_write_row(w, keys, (size_t)t->ncols, e);
	for (r = first; r < last && st == MADO_OK; r++)
		st = write_csv_row(w, t, r, e);
	g_free(keys);
	if (st != MADO_OK) {
		csv_writer_free(w, NULL);
		return st;
	}
	return csv_writer_free(w, e);
}

/* JSON */

/* A JSON string: quotes, backslashes and control characters escaped;
 * invalid UTF-8 bytes become U+FFFD so the output stays valid JSON. */
static void
put_json_string(GString *out, const char *s)
{
	size_t n = strlen(s), i = 0;

	g_string_append_c(out, '"');
	while (i < n) {
		uint32_t cp;
		size_t clen = tw_decode(s + i, n - i, &cp);

		switch (cp) {
		case '"': g_string_append(out, "\\\""); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '\b': g_string_append(out, "\\b"); break;
		case '\f': g_string_append(out, "\\f"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		case UINT32_MAX: g_string_append(out, "\\ufffd"); break;
		default:
			if (cp < 0x20)
				g_string_append_printf(out, "\\u%04x", (unsigned)cp);
			else
				g_string_append_len(out, s + i, (gssize)clen);
		}
		i += clen;
	}
	g_string_append_c(out, '"');
}

static void
put_json_object(GString *out, const struct table *t, guint r)
{
	int c;

	g_string_append_c(out, '{');
	for (c = 0; c < t->ncols; c++) {
		const char *s = cell(t, r, c);

		if (c > 0)
			g_string_append(out, ", ");
		put_json_string(out, t->cols[c].key);
		g_string_append(out, ": ");
		if (s == NULL)
			g_string_append(out, "null");
		else
			put_json_string(out, s);
	}
	g_string_append_c(out, '}');
}

/* One object per line, so the output also reads well and diffs well. */
static int
print_json(const struct table *t, FILE *out, struct mado_err *e)
{
	GString *buf = g_string_new("[");
	guint r;

	for (r = 0; r < t->rows->len; r++) {
		g_string_append(buf, r > 0 ? ",\n  " : "\n  ");
		put_json_object(buf, t, r);
	}
	g_string_append(buf, t->rows->len > 0 ? "\n]\n" : "]\n");
	fputs(buf->str, out);
	g_string_free(buf, TRUE);
	return check_out(out, e);
}

int
table_print(const struct table *t, FILE *out, enum out_format fmt, int ambi,
	struct mado_err *e)
{
	switch (fmt) {
	case OUT_TEXT:
		return print_text(t, out, ambi, e);
	case OUT_CSV:
		return print_csv(t, out, 0, t->rows->len, e);
	case OUT_JSON:
		return print_json(t, out, e);
	}
	return mado_err_set(e, MADO_EFAIL, "table_print: unknown format %d", (int)fmt);
}

int
table_print_record(const struct table *t, FILE *out, enum out_format fmt,
	int ambi, struct mado_err *e)
{
	GString *buf;

	if (t->rows->len == 0)
		return mado_err_set(e, MADO_EFAIL, "table_print_record: the table has no row");
	switch (fmt) {
	case OUT_TEXT:
		return print_text_record(t, out, ambi, e);
	case OUT_CSV:
		return print_csv(t, out, 0, 1, e);
	case OUT_JSON:
		buf = g_string_new(NULL);
		put_json_object(buf, t, 0);
		g_string_append_c(buf, '\n');
		fputs(buf->str, out);
		g_string_free(buf, TRUE);
		return check_out(out, e);
	}
	return mado_err_set(e, MADO_EFAIL, "table_print_record: unknown format %d", (int)fmt);
}
