/* The document's tables as one CSV file for a spreadsheet: before each
 * table a one-field line naming it (the heading above it, else the
 * title), then its column headings and rows; an empty line between
 * tables. Paragraphs are left out: they are not figures. */
#include "rdoc.h"

#include <glib.h>
#include <string.h>

#include "core/csv.h"

/* Whether a spreadsheet would read the cell as a formula: it starts with
 * '=', '+', '-', '@', a tab or a CR and is not a plain number. Cells
 * hold text from outside (the subject of a mail), and Excel runs what
 * such a cell says when the file is opened. */
static bool
formula_like(const char *s)
{
	if (s == NULL || *s == '\0' || strchr("=+-@\t\r", *s) == NULL)
		return false;
	if (*s == '+' || *s == '-')
		return s[1] != '\0' && s[1 + strspn(s + 1, "0123456789.,")] != '\0';
	return true;
}

/* One row with formula-like cells prefixed by "'", as Excel writes text. */
static int
write_row(struct csv_writer *w, const char *const *cells, int n, struct mado_err *e)
{
	const char **safe = g_new(const char *, n > 0 ? n : 1);
	char **made = g_new0(char *, n > 0 ? n + 1 : 1);
	int st;

	for (int c = 0, k = 0; c < n; c++)
		safe[c] = formula_like(cells[c]) ? (made[k++] = g_strconcat("'", cells[c], NULL))
			: cells[c];
	st = csv_write_row(w, safe, (size_t)n, e);
	g_strfreev(made);
	g_free(safe);
	return st;
}

static int
write_table(struct csv_writer *w, const char *name, const struct rdoc_table *t,
	struct mado_err *e)
{
	int st = csv_write_row(w, &name, 1, e);

	if (st == MADO_OK)
		st = csv_write_row(w, (const char *const *)t->headings, (size_t)t->ncols, e);
	if (st != MADO_OK) {
		mado_err_prefix(e, "%s: ", name);
		return st;
	}
	for (int r = 0; r < t->nrows; r++) {
		st = write_row(w, (const char *const *)t->cells + (size_t)r * (size_t)t->ncols,
			t->ncols, e);
		if (st != MADO_OK) {
			mado_err_prefix(e, "%s: row %d: ", name, r + 1);
			return st;
		}
	}
	return MADO_OK;
}

int
rdoc_csv(const struct rdoc *d, FILE *out, bool bom, bool cp932, struct mado_err *e)
{
	struct csv_writer *w = csv_writer_new(out,
		cp932 ? CSV_CP932 : bom ? CSV_UTF8_BOM : CSV_UTF8);
	const char *name = d->title;
	int st = MADO_OK, tables = 0;

	for (int i = 0; i < d->nblocks && st == MADO_OK; i++) {
		const struct rdoc_block *b = &d->blocks[i];

		if (b->kind == RDOC_HEADING)
			name = b->text;
		if (b->kind != RDOC_TABLE)
			continue;
		if (tables++ > 0)
			st = csv_write_row(w, NULL, 0, e);
		if (st == MADO_OK)
			st = write_table(w, name, &b->table, e);
	}
	if (csv_writer_free(w, e) != MADO_OK && st == MADO_OK)
		st = e->status;
	return st;
}
