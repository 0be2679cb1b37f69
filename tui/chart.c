/* Bars and sparklines (tui/chart.h). */
#include "chart.h"

#include <glib.h>

static const char *const eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
static const char full_block[] = "█";
static const char *const levels[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char ascii_levels[] = ".:-=+*#";

int
chart_cell_width(const struct painter *p)
{
	return p->ascii ? 1 : tw_width(full_block, -1, p->ambi);
}

char *
chart_bar(const struct painter *p, int64_t value, int64_t max, int cells)
{
	GString *s = g_string_new(NULL);
	/* What the whole width is worth: characters, or eighths of one. */
	int64_t units = cells > 0 ? cells / chart_cell_width(p) * (p->ascii ? 1 : 8) : 0;
	int64_t n = max > 0 && value > 0 ? value * units / max : 0;

	if (n == 0 && value > 0 && max > 0 && units > 0)
		n = 1;
	if (p->ascii) {
		for (int64_t i = 0; i < n; i++)
			g_string_append_c(s, '#');
	} else {
		for (int64_t i = 0; i < n / 8; i++)
			g_string_append(s, full_block);
		g_string_append(s, eighths[n % 8]);
	}
	return g_string_free(s, FALSE);
}

char *
chart_sparkline(const struct painter *p, const int64_t *values, int n)
{
	GString *s = g_string_new(NULL);
	int top = p->ascii ? (int)sizeof ascii_levels - 2 : (int)G_N_ELEMENTS(levels) - 1;
	int64_t max = 0;

	for (int i = 0; i < n; i++)
		max = MAX(max, values[i]);
	for (int i = 0; i < n; i++) {
		/* Rounded up, so that any value above 0 rises above the lowest. */
		int level = max > 0 && values[i] > 0
			? (int)((values[i] * top + max - 1) / max) : 0;

		if (p->ascii)
			g_string_append_c(s, ascii_levels[level]);
		else
			g_string_append(s, levels[level]);
	}
	return g_string_free(s, FALSE);
}
