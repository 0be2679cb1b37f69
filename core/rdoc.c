#include "rdoc.h"

#include <glib.h>
#include <string.h>

void
rdoc_init(struct rdoc *d, const char *title, const char *subtitle, const char *generated)
{
	memset(d, 0, sizeof *d);
	d->title = g_strdup(title != NULL ? title : "");
	d->subtitle = g_strdup(subtitle);
	d->generated = g_strdup(generated);
}

/* A new block at the end, zeroed; the array doubles when full, so a
 * pointer into it (rdoc_table's result) lasts until the next block. */
static struct rdoc_block *
add_block(struct rdoc *d, enum rdoc_block_kind kind)
{
	struct rdoc_block *b;

	if (d->nblocks == d->cap) {
		d->cap = d->cap > 0 ? d->cap * 2 : 8;
		d->blocks = g_renew(struct rdoc_block, d->blocks, (size_t)d->cap);
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

void
rdoc_heading(struct rdoc *d, const char *text)
{
	add_block(d, RDOC_HEADING)->text = g_strdup(text != NULL ? text : "");
}

void
rdoc_paragraph(struct rdoc *d, const char *text)
{
	add_block(d, RDOC_PARAGRAPH)->text = g_strdup(text != NULL ? text : "");
}

struct rdoc_table *
rdoc_table(struct rdoc *d, int ncols, const char *const *headings,
	const enum rdoc_align *align)
{
	struct rdoc_table *t = &add_block(d, RDOC_TABLE)->table;

	t->ncols = ncols;
	t->headings = g_new(char *, (size_t)ncols);
	t->align = g_new(enum rdoc_align, (size_t)ncols);
	for (int c = 0; c < ncols; c++) {
		t->headings[c] = g_strdup(headings != NULL && headings[c] != NULL ? headings[c] : "");
		t->align[c] = align != NULL ? align[c] : RDOC_LEFT;
	}
	return t;
}

void
rdoc_row(struct rdoc_table *t, const char *const *cells, bool total)
{
	int n = t->nrows;

	/* The table has no capacity field: it is 8, then doubles, so the
	 * arrays are full when nrows is 0, 8 or a larger power of two. */
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		size_t cap = n > 0 ? (size_t)n * 2 : 8;

		t->cells = g_renew(char *, t->cells, cap * (size_t)t->ncols);
		t->total = g_renew(bool, t->total, cap);
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[(size_t)n * (size_t)t->ncols + (size_t)c] =
			g_strdup(cells[c] != NULL ? cells[c] : "");
	t->total[n] = total;
	t->nrows = n + 1;
}

static void
table_free(struct rdoc_table *t)
{
	for (int c = 0; c < t->ncols; c++)
		g_free(t->headings[c]);
	for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
		g_free(t->cells[i]);
	g_free(t->headings);
	g_free(t->align);
	g_free(t->cells);
	g_free(t->total);
}

void
rdoc_free(struct rdoc *d)
{
	for (int i = 0; i < d->nblocks; i++) {
		g_free(d->blocks[i].text);
		if (d->blocks[i].kind == RDOC_TABLE)
			table_free(&d->blocks[i].table);
	}
	g_free(d->blocks);
	g_free(d->title);
	g_free(d->subtitle);
	g_free(d->generated);
	memset(d, 0, sizeof *d);
}
