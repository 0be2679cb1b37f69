/* The document as plain text for a terminal or a mail body: widths in
 * cells by East Asian width, ambiguous characters (─ ○ ①) as wide as the
 * reader's terminal draws them (narrow outside Japan-only setups). */
#include "rdoc.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/textwidth.h"

#define LINE_CELLS 80
#define GAP "  "
#define RULE "─"

/* Characters a Japanese line must not start with (kinsoku): a break
 * before one of them moves one character back. */
static const char *const no_line_start[] = {
	"、", "。", "，", "．", "・", "：", "；", "？", "！", "）", "］", "｝", "」", "』",
	"】", "〕", "〉", "》", "ー", "々", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ",
	"ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", ",", ".", ")", "!", "?",
	":", ";",
};

static bool
starts_closing(const char *s)
{
	for (size_t i = 0; i < G_N_ELEMENTS(no_line_start); i++)
		if (g_str_has_prefix(s, no_line_start[i]))
			return true;
	return false;
}

/* A copy of s with tabs and line breaks (and other control characters)
 * turned into spaces, for a table cell on one line. Caller frees. */
static char *
one_line(const char *s)
{
	char *out = g_strdup(s);

	for (char *p = out; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* A rule cells wide: ch is ambiguous (─), so it may take two cells. */
static void
rule(GString *out, int cells, const char *ch, int ambi)
{
	int w = MAX(tw_width(ch, -1, ambi), 1);

	for (int i = 0; i + w <= cells; i += w)
		g_string_append(out, ch);
	g_string_append_c(out, '\n');
}

static void
underlined(GString *out, const char *text, const char *ch, int ambi)
{
	char *line = one_line(text);

	g_string_append(out, line);
	g_string_append_c(out, '\n');
	rule(out, tw_width(line, -1, ambi), ch, ambi);
	g_free(line);
}

/* Where to end a line that starts at s and is too wide: never inside a
 * character, before a space when that keeps a Latin word whole, and not
 * before closing punctuation. */
static size_t
break_at(const char *s, int ambi)
{
	size_t n = tw_prefix(s, LINE_CELLS, ambi, NULL);
	const char *prev;

	if (n == 0)  /* only if one character were wider than a line */
		return (size_t)(g_utf8_next_char(s) - s);
	if (s[n] == ' ')
		return n;
	prev = g_utf8_find_prev_char(s, s + n);
	if (g_ascii_isalnum(s[n]) && prev != NULL && g_ascii_isalnum(*prev)) {
		for (size_t i = n - 1; i > 0; i--)
			if (s[i] == ' ')
				return i;
		return n;
	}
	if (starts_closing(s + n) && prev != NULL && prev > s)
		return (size_t)(prev - s);
	return n;
}

/* One line of a paragraph, wrapped at LINE_CELLS cells. */
static void
wrap_line(GString *out, const char *line, int ambi)
{
	const char *s = line;

	while (tw_width(s, -1, ambi) > LINE_CELLS) {
		size_t n = break_at(s, ambi);

		while (n > 0 && s[n - 1] == ' ')
			n--;
		g_string_append_len(out, s, (gssize)n);
		g_string_append_c(out, '\n');
		s += n;
		while (*s == ' ')
			s++;
	}
	g_string_append(out, s);
	g_string_append_c(out, '\n');
}

static void
paragraph(GString *out, const char *text, int ambi)
{
	char **lines = g_strsplit(text, "\n", -1);

	for (char **l = lines; *l != NULL; l++) {
		char *flat = one_line(*l);

		g_strchomp(flat);
		wrap_line(out, flat, ambi);
		g_free(flat);
	}
	g_strfreev(lines);
}

/* One row of cells laid out in the column widths; the last column is not
 * padded when left-aligned, and no line ends in spaces. */
static void
row(GString *out, const struct rdoc_table *t, char *const *cells, const int *widths,
	int ambi)
{
	for (int c = 0; c < t->ncols; c++) {
		char *fit = tw_fit(cells[c], widths[c], ambi,
			t->align[c] == RDOC_RIGHT ? TW_RIGHT : TW_LEFT);

		if (c > 0)
			g_string_append(out, GAP);
		g_string_append(out, fit);
		free(fit);
	}
	while (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	g_string_append_c(out, '\n');
}

static void
table(GString *out, const struct rdoc_table *t, int ambi)
{
	int *widths = g_new0(int, (size_t)t->ncols);
	char **cells = g_new(char *, (size_t)t->nrows * (size_t)t->ncols + 1);
	char **heads = g_new(char *, (size_t)t->ncols + 1);
	int total = 0;

	for (int c = 0; c < t->ncols; c++) {
		heads[c] = one_line(t->headings[c]);
		widths[c] = tw_width(heads[c], -1, ambi);
	}
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t i = (size_t)r * (size_t)t->ncols + (size_t)c;

			cells[i] = one_line(t->cells[i]);
			widths[c] = MAX(widths[c], tw_width(cells[i], -1, ambi));
		}
	for (int c = 0; c < t->ncols; c++)
		total += widths[c] + (c > 0 ? (int)strlen(GAP) : 0);
	row(out, t, heads, widths, ambi);
	rule(out, total, RULE, ambi);
	for (int r = 0; r < t->nrows; r++) {
		if (t->total[r])
			rule(out, total, RULE, ambi);
		row(out, t, cells + (size_t)r * (size_t)t->ncols, widths, ambi);
	}
	for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
		g_free(cells[i]);
	for (int c = 0; c < t->ncols; c++)
		g_free(heads[c]);
	g_free(cells);
	g_free(heads);
	g_free(widths);
}

int
rdoc_text(const struct rdoc *d, int ambi, FILE *out, struct mado_err *e)
{
	GString *s = g_string_new(NULL);
	int st = MADO_OK;

	underlined(s, d->title, "=", ambi);
	if (d->subtitle != NULL && *d->subtitle != '\0')
		paragraph(s, d->subtitle, ambi);
	for (int i = 0; i < d->nblocks; i++) {
		const struct rdoc_block *b = &d->blocks[i];

		if (i == 0 || b[-1].kind != RDOC_HEADING)
			g_string_append_c(s, '\n');
		if (b->kind == RDOC_HEADING)
			underlined(s, b->text, RULE, ambi);
		else if (b->kind == RDOC_PARAGRAPH)
			paragraph(s, b->text, ambi);
		else
			table(s, &b->table, ambi);
	}
	if (d->generated != NULL && *d->generated != '\0') {
		g_string_append_c(s, '\n');
		paragraph(s, d->generated, ambi);
	}
	if (fwrite(s->str, 1, s->len, out) != s->len || fflush(out) != 0)
		st = mado_err_set(e, MADO_EIO, "write error: %s", g_strerror(errno));
	g_string_free(s, TRUE);
	return st;
}
