/* Tables in the PDF: column widths from what the cells measure, long
 * cells wrapped, the heading row shaded and repeated at the top of every
 * page the table continues on, no row split across pages, totals rows
 * bold under a heavier rule. */
#include "rdoc_pdf_impl.h"

#include <glib.h>

/* Inside each cell, left and right, top and bottom. */
#define PAD_X 3.0
#define PAD_Y 2.0

static double
natural(struct pdf *p, const char *s, enum pdf_font font)
{
	PangoLayout *l = pdf_layout(p, s, font, 0, PANGO_ALIGN_LEFT);
	double w = pdf_width(l) + 2 * PAD_X;

	g_object_unref(l);
	return w;
}

/* Each column as wide as its widest cell when the table fits the page;
 * else the narrow columns keep their width and the wide ones share what
 * is left equally (and wrap), so no column is squeezed below the share
 * of a wider one. Returns the table's width. */
static double
column_widths(struct pdf *p, const struct rdoc_table *t, double *w)
{
	int n = t->ncols, open = n;
	bool *fixed = g_new0(bool, (size_t)n);
	double sum = 0, left = PDF_BODY_W;
	bool changed = true;

	for (int c = 0; c < n; c++) {
		w[c] = natural(p, t->headings[c], PDF_BOLD);
		for (int r = 0; r < t->nrows; r++)
			w[c] = MAX(w[c], natural(p, t->cells[(size_t)r * (size_t)n + (size_t)c],
				t->total[r] ? PDF_BOLD : PDF_BODY));
		sum += w[c];
	}
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

/* Lays out one row's cells in their columns into l; returns the row's
 * height. */
static double
row_layouts(struct pdf *p, const struct rdoc_table *t, char *const *cells, enum pdf_font font,
	const double *w, PangoLayout **l)
{
	double h = 0;

	for (int c = 0; c < t->ncols; c++) {
		l[c] = pdf_layout(p, cells[c], font, w[c] - 2 * PAD_X,
			t->align[c] == RDOC_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		h = MAX(h, pdf_height(l[c]));
	}
	return h + 2 * PAD_Y;
}

static void
free_layouts(PangoLayout **l, int n)
{
	for (int c = 0; c < n; c++)
		g_object_unref(l[c]);
}

static void
show_row(struct pdf *p, PangoLayout **l, int n, const double *w)
{
	double x = PDF_MARGIN;

	for (int c = 0; c < n; c++) {
		pdf_show(p, l[c], x + PAD_X, p->y + PAD_Y);
		x += w[c];
	}
}

static void
show_headings(struct pdf *p, PangoLayout **l, int n, const double *w, double width, double h)
{
	if (p->draw) {
		cairo_save(p->cr);
		cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
		cairo_rectangle(p->cr, PDF_MARGIN, p->y, width, h);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
	}
	show_row(p, l, n, w);
	p->y += h;
	pdf_hline(p, PDF_MARGIN, PDF_MARGIN + width, p->y, 0.6, 0);
}

static char *const *
row_cells(const struct rdoc_table *t, int r)
{
	return t->cells + (size_t)r * (size_t)t->ncols;
}

double
pdf_table_start_height(struct pdf *p, const struct rdoc_table *t)
{
	double *w = g_new(double, (size_t)t->ncols);
	PangoLayout **l = g_new(PangoLayout *, (size_t)t->ncols);
	double h;

	column_widths(p, t, w);
	h = row_layouts(p, t, t->headings, PDF_BOLD, w, l);
	free_layouts(l, t->ncols);
	if (t->nrows > 0) {
		h += row_layouts(p, t, row_cells(t, 0), t->total[0] ? PDF_BOLD : PDF_BODY, w, l);
		free_layouts(l, t->ncols);
	}
	g_free(l);
	g_free(w);
	return h;
}

void
pdf_table(struct pdf *p, const struct rdoc_table *t)
{
	int n = t->ncols;
	double *w = g_new(double, (size_t)n);
	PangoLayout **head = g_new(PangoLayout *, (size_t)n);
	PangoLayout **row = g_new(PangoLayout *, (size_t)n);
	double width = column_widths(p, t, w);
	double hh = row_layouts(p, t, t->headings, PDF_BOLD, w, head);

	if (t->nrows == 0) {
		pdf_need(p, hh);
		show_headings(p, head, n, w, width, hh);
	}
	for (int r = 0; r < t->nrows; r++) {
		double h = row_layouts(p, t, row_cells(t, r), t->total[r] ? PDF_BOLD : PDF_BODY, w,
			row);
		bool headings = r == 0;

		/* A row taller than a whole page still starts on a new one and
		 * runs past its bottom: it is never split. */
		if (r == 0)
			pdf_need(p, hh + h);
		else if (p->y + h > p->bottom) {
			pdf_new_page(p);
			headings = true;
		}
		if (headings)
			show_headings(p, head, n, w, width, hh);
		if (t->total[r])
			pdf_hline(p, PDF_MARGIN, PDF_MARGIN + width, p->y, 0.9, 0);
		show_row(p, row, n, w);
		p->y += h;
		if (!t->total[r])
			pdf_hline(p, PDF_MARGIN, PDF_MARGIN + width, p->y, 0.25, 0.7);
		free_layouts(row, n);
	}
	free_layouts(head, n);
	g_free(row);
	g_free(head);
	g_free(w);
}
