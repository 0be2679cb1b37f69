/* A printed report as data: a title, header lines, then headings,
 * paragraphs and tables in order. The reports (daily shift summary,
 * monthly report) build one; renderers lay it out as text aligned by
 * East Asian width (rdoc_text), CSV (rdoc_csv) or an A4 portrait PDF with
 * an embedded Japanese font, page numbers, the header on every page and
 * tables that break across pages with their column headings repeated
 * (rdoc_pdf). All text is UTF-8. */
#ifndef MADO_RDOC_H
#define MADO_RDOC_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

enum rdoc_block_kind { RDOC_HEADING, RDOC_PARAGRAPH, RDOC_TABLE };
enum rdoc_align { RDOC_LEFT, RDOC_RIGHT };

struct rdoc_table {
	int ncols, nrows;
	char **headings;          /* ncols */
	enum rdoc_align *align;   /* ncols */
	char **cells;             /* nrows * ncols, row-major */
	bool *total;              /* nrows: a totals row (drawn bold, ruled above) */
};

struct rdoc_block {
	enum rdoc_block_kind kind;
	char *text;               /* heading or paragraph */
	struct rdoc_table table;  /* RDOC_TABLE */
};

struct rdoc {
	char *title;              /* 日次運用報告 ... */
	char *subtitle;           /* date and shift; repeated in every page header */
	char *generated;          /* "作成 2026-11-20 17:20" line in the footer */
	struct rdoc_block *blocks;
	int nblocks, cap;
};

/* Building. Every string is copied; the document owns its memory and
 * rdoc_free() releases all of it. */
void rdoc_init(struct rdoc *d, const char *title, const char *subtitle, const char *generated);
void rdoc_heading(struct rdoc *d, const char *text);
void rdoc_paragraph(struct rdoc *d, const char *text);
/* Starts a table with ncols columns (align NULL: all left); returns it for
 * rdoc_row(), valid until the next block is added. */
struct rdoc_table *rdoc_table(struct rdoc *d, int ncols, const char *const *headings,
	const enum rdoc_align *align);
/* Appends a row of t->ncols cells (NULL cells print as empty). */
void rdoc_row(struct rdoc_table *t, const char *const *cells, bool total);
void rdoc_free(struct rdoc *d);

/* Renderers. Text: paragraphs wrapped at 80 cells, widths by East Asian
 * width with ambiguous characters (─ ○ ①) taking ambi cells (TW_AMBI_NARROW
 * or TW_AMBI_WIDE, the reader's terminal setting). */
int rdoc_text(const struct rdoc *d, int ambi, FILE *out, struct mado_err *e);
/* Every table, a heading line before each; bom and cp932 as for Excel
 * (cp932 has no BOM: bom is ignored with it). */
int rdoc_csv(const struct rdoc *d, FILE *out, bool bom, bool cp932, struct mado_err *e);
/* Writes the PDF to path (written to a temporary file in the same
 * directory and renamed, so a reader never sees half a file). */
int rdoc_pdf(const struct rdoc *d, const char *path, struct mado_err *e);

#endif
