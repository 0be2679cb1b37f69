/* Bars and sparklines (tui/chart.h): eighths of a cell in block
 * characters, # in ASCII, a mark for anything above 0, the widths of
 * block elements with ambiwidth 2, and sparkline heights. */
#include "tests/tap.h"

#include <glib.h>

#include "tui/chart.h"

int main(void);

static void
check_bar(const struct painter *p, int64_t value, int64_t max, int cells, const char *want,
	const char *what)
{
	char *bar = chart_bar(p, value, max, cells);

	is_str(bar, want, "%s", what);
	g_free(bar);
}

static void
check_spark(const struct painter *p, const int64_t *v, int n, const char *want,
	const char *what)
{
	char *s = chart_sparkline(p, v, n);

	is_str(s, want, "%s", what);
	g_free(s);
}

int
main(void)
{
	const struct painter blocks = { .ambi = TW_AMBI_NARROW }, wide = { .ambi = TW_AMBI_WIDE };
	const struct painter ascii = { .ambi = TW_AMBI_NARROW, .ascii = true };
	const int64_t weeks[] = { 0, 1, 7, 14, 3 }, none[] = { 0, 0, 0 };

	check_bar(&blocks, 10, 10, 4, "████", "the largest fills the width");
	check_bar(&blocks, 5, 10, 4, "██", "half of it, half the width");
	check_bar(&blocks, 3, 10, 4, "█▏", "3/10 of 32 eighths: 9 eighths");
	check_bar(&blocks, 7, 16, 2, "▉", "7/16 of 16 eighths: 7 eighths");
	check_bar(&blocks, 1, 1000, 4, "▏", "anything above 0 shows a sliver");
	check_bar(&blocks, 0, 10, 4, "", "0 shows nothing");
	check_bar(&blocks, 4, 0, 4, "", "no scale, no bar");
	check_bar(&blocks, 3, 24, -3, "", "no room (a window narrower than a panel's labels): no bar");
	check_bar(&ascii, 3, 24, -3, "", "nor in ASCII");
	check_bar(&ascii, 5, 10, 4, "##", "ASCII: #s for whole cells");
	check_bar(&ascii, 1, 1000, 4, "#", "ASCII: one # for a small value");
	is_int(chart_cell_width(&blocks), 1, "a block is one cell");
	is_int(chart_cell_width(&wide), 2, "with ambiwidth 2 a block is two cells");
	is_int(chart_cell_width(&ascii), 1, "# is one cell whatever the setting");
	check_bar(&wide, 10, 10, 5, "██", "ambiwidth 2: 5 cells hold two blocks");
	check_spark(&blocks, weeks, 5, "▁▂▅█▃", "sparkline: 0 lowest, 14 highest, 1 above lowest, 7 rounded up");
	check_spark(&ascii, weeks, 5, ".:=#-", "ASCII sparkline of .:-=+*#");
	check_spark(&blocks, none, 3, "▁▁▁", "all zero: all lowest");
	return tap_done();
}
