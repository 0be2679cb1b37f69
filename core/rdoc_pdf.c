/* The document as an A4 PDF: Pango lays out the text, Cairo writes it
 * with the used glyphs of a Japanese font embedded, so the text stays
 * real text (searchable, extractable). Every page has the title and
 * subtitle at the top, the generated line and "n / N" at the bottom. */
#include "rdoc_pdf_impl.h"

#include <cairo-pdf.h>
#include <glib.h>

#include "base/env.h"
#include "base/file_write.h"
#include "base/i18n.h"

/* Noto from Debian's fonts-noto-cjk, else the IPA fonts. */
#define FAMILIES "Noto Sans CJK JP, IPAexGothic, IPAGothic, IPAPGothic"

static const struct {
	const char *size;
	PangoWeight weight;
} fonts[PDF_NFONTS] = {
	[PDF_BODY] = { "9", PANGO_WEIGHT_NORMAL },
	[PDF_BOLD] = { "9", PANGO_WEIGHT_BOLD },
	[PDF_HEADING] = { "12", PANGO_WEIGHT_BOLD },
	[PDF_TITLE] = { "16", PANGO_WEIGHT_BOLD },
	[PDF_SMALL] = { "8", PANGO_WEIGHT_NORMAL },
};

/* Between blocks, and from a heading to what it heads. */
#define BLOCK_GAP 8.0
#define HEADING_GAP 4.0

PangoLayout *
pdf_layout(struct pdf *p, const char *text, enum pdf_font font, double width,
	PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->ctx);

	pango_layout_set_font_description(l, p->font[font]);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text != NULL ? text : "", -1);
	return l;
}

double
pdf_height(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

double
pdf_width(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

void
pdf_show(struct pdf *p, PangoLayout *l, double x, double y)
{
	if (!p->draw)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

void
pdf_hline(struct pdf *p, double x0, double x1, double y, double width, double grey)
{
	if (!p->draw)
		return;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

/* One line of text at y in the body's width, left part and right part;
 * returns its height. */
static double
two_sided(struct pdf *p, double y, const char *left, enum pdf_font lf, const char *right,
	enum pdf_font rf)
{
	PangoLayout *l = pdf_layout(p, left, lf, PDF_BODY_W * 0.6, PANGO_ALIGN_LEFT);
	PangoLayout *r = pdf_layout(p, right, rf, PDF_BODY_W * 0.4, PANGO_ALIGN_RIGHT);
	double h;

	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_ellipsize(r, PANGO_ELLIPSIZE_START);
	h = MAX(pdf_height(l), pdf_height(r));
	pdf_show(p, l, PDF_MARGIN, y + h - pdf_height(l));
	pdf_show(p, r, PDF_MARGIN + PDF_BODY_W * 0.6, y + h - pdf_height(r));
	g_object_unref(l);
	g_object_unref(r);
	return h;
}

/* Title and subtitle above a rule; the generated line and the page
 * number below one. Sets the body's top and bottom. */
static void
furniture(struct pdf *p)
{
	char number[32];
	double h;

	h = two_sided(p, PDF_MARGIN, p->doc->title, PDF_BOLD, p->doc->subtitle, PDF_BODY);
	pdf_hline(p, PDF_MARGIN, PDF_PAGE_W - PDF_MARGIN, PDF_MARGIN + h + 2, 0.6, 0);
	p->top = PDF_MARGIN + h + 12;
	snprintf(number, sizeof number, "%d / %d", p->page, p->pages);
	{
		PangoLayout *l = pdf_layout(p, "0", PDF_SMALL, 0, PANGO_ALIGN_LEFT);

		h = pdf_height(l);
		g_object_unref(l);
	}
	pdf_hline(p, PDF_MARGIN, PDF_PAGE_W - PDF_MARGIN, PDF_PAGE_H - PDF_MARGIN - h - 2, 0.3,
		0.4);
	two_sided(p, PDF_PAGE_H - PDF_MARGIN - h, p->doc->generated, PDF_SMALL, number,
		PDF_SMALL);
	p->bottom = PDF_PAGE_H - PDF_MARGIN - h - 10;
}

void
pdf_new_page(struct pdf *p)
{
	if (p->page > 0 && p->draw)
		cairo_show_page(p->cr);
	p->page++;
	furniture(p);
	p->y = p->top;
}

void
pdf_need(struct pdf *p, double h)
{
	if (p->y + h > p->bottom && p->y > p->top)
		pdf_new_page(p);
}

/* A paragraph line by line, so a long one continues on the next page. */
static void
paragraph(struct pdf *p, const char *text, enum pdf_font font)
{
	PangoLayout *l = pdf_layout(p, text, font, PDF_BODY_W, PANGO_ALIGN_LEFT);
	PangoLayoutIter *it = pango_layout_get_iter(l);

	do {
		PangoRectangle r;
		int baseline = pango_layout_iter_get_baseline(it);
		double h;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		h = (double)r.height / PANGO_SCALE;
		pdf_need(p, h);
		if (p->draw) {
			cairo_move_to(p->cr, PDF_MARGIN + (double)r.x / PANGO_SCALE,
				p->y + (double)(baseline - r.y) / PANGO_SCALE);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* The height the block at i needs before it may start on a page: a
 * paragraph's first line, a table's headings and first row. */
static double
start_height(struct pdf *p, int i)
{
	const struct rdoc_block *b = &p->doc->blocks[i];
	PangoLayout *l;
	double h;

	if (b->kind == RDOC_TABLE)
		return pdf_table_start_height(p, &b->table);
	l = pdf_layout(p, "0", b->kind == RDOC_HEADING ? PDF_HEADING : PDF_BODY, 0,
		PANGO_ALIGN_LEFT);
	h = pdf_height(l);
	g_object_unref(l);
	return h;
}

/* A heading is kept with the start of what follows it. */
static void
heading(struct pdf *p, int i)
{
	PangoLayout *l = pdf_layout(p, p->doc->blocks[i].text, PDF_HEADING, PDF_BODY_W,
		PANGO_ALIGN_LEFT);
	double h = pdf_height(l);

	if (i + 1 < p->doc->nblocks)
		pdf_need(p, h + HEADING_GAP + start_height(p, i + 1));
	else
		pdf_need(p, h);
	pdf_show(p, l, PDF_MARGIN, p->y);
	p->y += h + HEADING_GAP;
	g_object_unref(l);
}

/* One pass over the document; returns the number of pages. */
static int
flow(struct pdf *p, bool draw)
{
	p->draw = draw;
	p->page = 0;
	pdf_new_page(p);
	paragraph(p, p->doc->title, PDF_TITLE);
	p->y += BLOCK_GAP;
	for (int i = 0; i < p->doc->nblocks; i++) {
		const struct rdoc_block *b = &p->doc->blocks[i];

		if (i > 0 && p->y > p->top)
			p->y += BLOCK_GAP;
		if (b->kind == RDOC_HEADING)
			heading(p, i);
		else if (b->kind == RDOC_PARAGRAPH)
			paragraph(p, b->text, PDF_BODY);
		else
			pdf_table(p, &b->table);
	}
	if (draw)
		cairo_show_page(p->cr);
	return p->page;
}

/* Fonts in the sizes the renderer uses; fails when the font found has
 * no Japanese, as when neither Noto CJK nor the IPA fonts are installed
 * (fontconfig would silently substitute one without kana). */
static int
load_fonts(struct pdf *p, struct mado_err *e)
{
	PangoFont *f;
	bool japanese;

	for (int i = 0; i < PDF_NFONTS; i++) {
		char *name = g_strdup_printf("%s %s", FAMILIES, fonts[i].size);

		p->font[i] = pango_font_description_from_string(name);
		pango_font_description_set_weight(p->font[i], fonts[i].weight);
		g_free(name);
	}
	f = pango_context_load_font(p->ctx, p->font[PDF_BODY]);
	japanese = f != NULL && pango_font_has_char(f, 0x3042 /* あ */)
		&& pango_font_has_char(f, 0x7A93 /* 窓 */);
	if (f != NULL)
		g_object_unref(f);
	if (!japanese)
		return mado_err_set(e, MADO_ECONFIG,
			_("no Japanese font for the PDF (looked for %s); install fonts-noto-cjk"),
			FAMILIES);
	return MADO_OK;
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
		: CAIRO_STATUS_WRITE_ERROR;
}

/* Lays the document (ctx) out on a PDF surface writing to fp. With the
 * caller's rights: the document is built, and fontconfig follows the
 * caller's own configuration (FONTCONFIG_FILE, ~/.config/fontconfig),
 * which must not reach files only the program's group may read. */
static int
render(FILE *fp, void *ctx, struct mado_err *e)
{
	const struct rdoc *d = ctx;
	gid_t saved = mado_as_caller();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, fp, PDF_PAGE_W,
		PDF_PAGE_H);
	PangoFontMap *map = pango_cairo_font_map_new();
	struct pdf p = { .doc = d };
	cairo_status_t cst;
	int st;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Madoguchi");
	p.cr = cairo_create(s);
	p.ctx = pango_font_map_create_context(map);
	/* Font sizes in points are then lengths on the page. */
	pango_cairo_context_set_resolution(p.ctx, 72);
	pango_cairo_update_context(p.cr, p.ctx);
	pango_context_set_language(p.ctx, pango_language_from_string("ja"));
	p.measured = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, pdf_measured_free);
	st = load_fonts(&p, e);
	if (st == MADO_OK) {
		p.pages = flow(&p, false);
		flow(&p, true);
	}
	cairo_destroy(p.cr);
	g_hash_table_destroy(p.measured);
	g_object_unref(p.ctx);
	g_object_unref(map);
	cairo_surface_finish(s);
	cst = cairo_surface_status(s);
	if (st == MADO_OK && cst != CAIRO_STATUS_SUCCESS)
		st = mado_err_set(e, cst == CAIRO_STATUS_WRITE_ERROR ? MADO_EIO : MADO_EFAIL,
			"PDF: %s", cairo_status_to_string(cst));
	cairo_surface_destroy(s);
	for (int i = 0; i < PDF_NFONTS; i++)
		if (p.font[i] != NULL)
			pango_font_description_free(p.font[i]);
	mado_as_program(saved);
	return st;
}

int
rdoc_pdf(const struct rdoc *d, const char *path, struct mado_err *e)
{
	return mado_write_file(path, 0666, render, (void *)d, e);
}
