/* Private to the PDF renderer (core/rdoc_pdf*.c): the page being filled
 * and the drawing helpers its pages and its tables share. Lengths are in
 * points (1/72 inch), y grows down the page. Not for use elsewhere. */
#ifndef MADO_RDOC_PDF_IMPL_H
#define MADO_RDOC_PDF_IMPL_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "core/rdoc.h"

/* A4 portrait, 15 mm margins. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.890
#define PDF_MARGIN 42.52
#define PDF_BODY_W (PDF_PAGE_W - 2 * PDF_MARGIN)

enum pdf_font { PDF_BODY, PDF_BOLD, PDF_HEADING, PDF_TITLE, PDF_SMALL, PDF_NFONTS };

/* The document is laid out twice with the same code: once with draw
 * false to count the pages, then drawn, when "page n / N" can be printed.
 * Both passes use the same Pango context, so they break pages alike. */
struct pdf {
	const struct rdoc *doc;
	cairo_t *cr;
	PangoContext *ctx;
	PangoFontDescription *font[PDF_NFONTS];
	bool draw;
	int page;           /* the page being filled, from 1; 0 before the first */
	int pages;          /* known in the drawing pass */
	double y;           /* where the next thing goes */
	double top, bottom; /* the body of every page */
	GHashTable *measured; /* struct rdoc_table * -> what it measures (rdoc_pdf_table.c) */
};

/* A layout of text in font, wrapped at width points (<= 0: not wrapped).
 * Caller frees with g_object_unref(). */
PangoLayout *pdf_layout(struct pdf *p, const char *text, enum pdf_font font, double width,
	PangoAlignment align);
/* Height and natural width of a layout, in points. */
double pdf_height(PangoLayout *l);
double pdf_width(PangoLayout *l);
/* Draws l with its top left corner at (x, y) (drawing pass only). */
void pdf_show(struct pdf *p, PangoLayout *l, double x, double y);
/* A horizontal line from x0 to x1 at y, width points thick, in grey
 * (0 black .. 1 white). */
void pdf_hline(struct pdf *p, double x0, double x1, double y, double width, double grey);

/* Ends the page (if any) and starts the next, drawing its header and
 * footer; y goes to the top of the body. */
void pdf_new_page(struct pdf *p);
/* Starts a new page unless h points still fit on this one (or nothing
 * is on it yet, when no page would do better). */
void pdf_need(struct pdf *p, double h);

/* rdoc_pdf_table.c: the height a table needs on a page before it may
 * start there (its headings and first row), and the table laid out from
 * p->y on, across pages with its headings repeated. */
double pdf_table_start_height(struct pdf *p, const struct rdoc_table *t);
void pdf_table(struct pdf *p, const struct rdoc_table *t);
/* Frees a value of p->measured. */
void pdf_measured_free(void *m);

#endif
