/* Tables in the PDF: column widths from what the cells measure, long
 * cells wrapped, the heading row shaded and repeated at the top of every
 * page the table continues on, no row split across pages, totals rows
 * bold under a heavier rule. */
#include "rdoc_pdf_impl.h"

#include <glib.h>

/* Inside each cell, left and right, top and bottom. */
#define PAD_X 3.0
#define PAD_Y 2.0

/* What a table measures: once per document, for both passes. */
struct measured {
	double *w;      /* ncols: each column's width */
	double width;   /* the table's */
	double head;    /* the heading row's height */
	double *h;      /* nrows: each row's height */
};

void
pdf_measured_free(void *m)
{
	struct measured *x = m;

	g_free(x->w);
	g_free(x->h);
	g_free(x);
}

static enum pdf_font
row_font(const struct rdoc_table *t, int r)
{
	return r < 0 || t->total[r] ? PDF_BOLD : PDF_BODY;
}

/* Row r's cells; r = -1: the headings. */
static char *const *
row_cells(const struct rdoc_table *t, int r)
{
	return r < 0 ? t->headings : t->cells + (size_t)r * (size_t)t->ncols;
}

static PangoLayout *
cell_layout(struct pdf *p, const struct rdoc_table *t, int r, int c, double width)
{
	return pdf_layout(p, row_cells(t, r)[c], row_font(t, r), width,
		t->align[c] == RDOC_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

/* Each column as wide as its widest cell when the table fits the page;
 * else the narrow columns keep their width and the wide ones share what
 * is left equally (and wrap), so no column is squeezed below the share
 * of a wider one. w: the n natural widths in, the widths out; returns
 * the table's width. */
static double
column_widths(int n, double *w)
{
	bool *fixed = g_new0(bool, (size_t)n);
	double sum = 0, left = PDF_BODY_W;
	bool changed = true;
	int open = n;

	for (int c = 0; c < n; c++)
		sum += w[c];
	if (sum > PDF_BODY_W) {
		while (changed && open > 0) {
			double share = left / open;

			changed = false;
			for (int c = 0; c < n; c++)
				if (!fixed[c] && w[c] <= share) {
					fixed[c] = true;
					left -= w[c];
					open--;
					changed = true;
				}
		}
		for (int c = 0; c < n; c++)
			if (!fixed[c])
				w[c] = left / open;
		sum = PDF_BODY_W;
	}
	g_free(fixed);
	return sum;
}

/* Measures every cell unwrapped, settles the column widths, then the row
 * heights: a cell that fits its column keeps its unwrapped height, only
 * the others are laid out again, wrapped. */
static struct measured *
measure(struct pdf *p, const struct rdoc_table *t)
{
	struct measured *m = g_hash_table_lookup(p->measured, t);
	int n = t->ncols;
	size_t cells = (size_t)(t->nrows + 1) * (size_t)n;
	double *nat_w, *nat_h;

	if (m != NULL)
		return m;
	m = g_new0(struct measured, 1);
	m->w = g_new0(double, (size_t)n);
	m->h = g_new0(double, (size_t)t->nrows);
	nat_w = g_new(double, cells);
	nat_h = g_new(double, cells);
	for (int r = -1; r < t->nrows; r++)
		for (int c = 0; c < n; c++) {
			size_t i = (size_t)(r + 1) * (size_t)n + (size_t)c;
			PangoLayout *l = cell_layout(p, t, r, c, 0);

			nat_w[i] = pdf_width(l) + 2 * PAD_X;
			nat_h[i] = pdf_height(l);
			m->w[c] = MAX(m->w[c], nat_w[i]);
			g_object_unref(l);
		}
	m->width = column_widths(n, m->w);
	for (int r = -1; r < t->nrows; r++) {
		double h = 0;

		for (int c = 0; c < n; c++) {
			size_t i = (size_t)(r + 1) * (size_t)n + (size_t)c;
			double ch = nat_h[i];

			if (nat_w[i] > m->w[c]) {
				PangoLayout *l = cell_layout(p, t, r, c, m->w[c] - 2 * PAD_X);

				ch = pdf_height(l);
				g_object_unref(l);
			}
			h = MAX(h, ch);
		}
		if (r < 0)
			m->head = h + 2 * PAD_Y;
		else
			m->h[r] = h + 2 * PAD_Y;
	}
	g_free(nat_w);
	g_free(nat_h);
	g_hash_table_insert(p->measured, (void *)t, m);
	return m;
}

/* Row r (-1: the headings) at p->y, drawing pass only. */
static void
show_row(struct pdf *p, const struct rdoc_table *t, const struct measured *m, int r)
{
	double x = PDF_MARGIN;

	if (!p->draw)
		return;
	for (int c = 0; c < t->ncols; c++) {
		PangoLayout *l = cell_layout(p, t, r, c, m->w[c] - 2 * PAD_X);

		pdf_show(p, l, x + PAD_X, p->y + PAD_Y);
		g_object_unref(l);
		x += m->w[c];
	}
}

static void
show_headings(struct pdf *p, const struct rdoc_table *t, const struct measured *m)
{
	if (p->draw) {
		cairo_save(p->cr);
		cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
		cairo_rectangle(p->cr, PDF_MARGIN, p->y, m->width, m->head);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
	}
	show_row(p, t, m, -1);
	p->y += m->head;
	pdf_hline(p, PDF_MARGIN, PDF_MARGIN + m->width, p->y, 0.6, 0);
}

double
pdf_table_start_height(struct pdf *p, const struct rdoc_table *t)
{
	const struct measured *m = measure(p, t);

	return m->head + (t->nrows > 0 ? m->h[0] : 0);
}

void
pdf_table(struct pdf *p, const struct rdoc_table *t)
{
	const struct measured *m = measure(p, t);

	if (t->nrows == 0) {
		pdf_need(p, m->head);
		show_headings(p, t, m);
	}
	for (int r = 0; r < t->nrows; r++) {
		bool headings = r == 0;

		/* A row taller than a whole page still starts on a new one and
		 * runs past its bottom: it is never split. */
		if (r == 0)
			pdf_need(p, m->head + m->h[0]);
		else if (p->y + m->h[r] > p->bottom) {
			pdf_new_page(p);
			headings = true;
		}
		if (headings)
			show_headings(p, t, m);
		if (t->total[r])
			pdf_hline(p, PDF_MARGIN, PDF_MARGIN + m->width, p->y, 0.9, 0);
		show_row(p, t, m, r);
		p->y += m->h[r];
		if (!t->total[r])
			pdf_hline(p, PDF_MARGIN, PDF_MARGIN + m->width, p->y, 0.25, 0.7);
	}
}
