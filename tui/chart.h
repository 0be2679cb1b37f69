/* Bars and sparklines made of characters that work in any terminal:
 * block elements (bars ▏▎▍▌▋▊▉█ in eighths of a cell, sparklines
 * ▁▂▃▄▅▆▇█), or plain ASCII (bars of #, sparklines of .:-=+*#) when the
 * painter says so (p->ascii: the locale is not UTF-8, or charts = ascii).
 * Block elements are East Asian ambiguous characters, so with ambiwidth
 * 2 each takes two cells; every width here is in cells (base/textwidth),
 * never in characters or bytes. The strings are newly allocated; free
 * them with g_free(). */
#ifndef MADO_CHART_H
#define MADO_CHART_H

#include <stdint.h>

#include "tui/draw.h"

/* A bar for value on a scale where max fills cells cells; any value
 * above 0 shows at least the thinnest mark, 0 shows nothing. */
char *chart_bar(const struct painter *p, int64_t value, int64_t max, int cells);

/* One character per value, its height relative to the largest of the n
 * values: the lowest for 0, the highest for the largest, and above the
 * lowest for anything above 0. */
char *chart_sparkline(const struct painter *p, const int64_t *values, int n);

/* Cells one character of a chart takes (1, or 2 for block elements with
 * ambiwidth 2). */
int chart_cell_width(const struct painter *p);

#endif
