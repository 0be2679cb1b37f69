/* Reading a built struct rdoc back in tests: the rows of the table under
 * a heading as one string, "a|b|c;d|e|f;" (a totals row starts with '*'),
 * and whether a paragraph is there. */
#ifndef MADO_RDOC_PROBE_H
#define MADO_RDOC_PROBE_H

#include <glib.h>
#include <string.h>

#include "core/rdoc.h"

/* The first table after the heading's nth occurrence (0: the first);
 * "(no table)" when there is none. g_free(). */
static inline char *
probe_table_n(const struct rdoc *d, const char *heading, int nth)
{
	GString *s = g_string_new(NULL);
	int i;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == RDOC_HEADING && strcmp(d->blocks[i].text, heading) == 0 &&
		    nth-- == 0)
			break;
	for (; i < d->nblocks && d->blocks[i].kind != RDOC_TABLE; i++)
		;
	if (i >= d->nblocks) {
		g_string_free(s, TRUE);
		return g_strdup("(no table)");
	}
	for (int r = 0; r < d->blocks[i].table.nrows; r++) {
		const struct rdoc_table *t = &d->blocks[i].table;

		if (t->total[r])
			g_string_append_c(s, '*');
		for (int c = 0; c < t->ncols; c++)
			g_string_append_printf(s, "%s%s", c ? "|" : "",
				t->cells[r * t->ncols + c] ? t->cells[r * t->ncols + c] : "");
		g_string_append_c(s, ';');
	}
	return g_string_free(s, FALSE);
}

static inline char *
probe_table(const struct rdoc *d, const char *heading)
{
	return probe_table_n(d, heading, 0);
}

static inline bool
probe_paragraph(const struct rdoc *d, const char *text)
{
	for (int i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == RDOC_PARAGRAPH && strcmp(d->blocks[i].text, text) == 0)
			return true;
	return false;
}

/* The paragraph right after the heading (no table between), or NULL. */
static inline const char *
probe_paragraph_after(const struct rdoc *d, const char *heading)
{
	for (int i = 0; i + 1 < d->nblocks; i++)
		if (d->blocks[i].kind == RDOC_HEADING && strcmp(d->blocks[i].text, heading) == 0)
			return d->blocks[i + 1].kind == RDOC_PARAGRAPH ? d->blocks[i + 1].text : NULL;
	return NULL;
}

static inline bool
probe_heading(const struct rdoc *d, const char *text)
{
	for (int i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == RDOC_HEADING && strcmp(d->blocks[i].text, text) == 0)
			return true;
	return false;
}

#endif
