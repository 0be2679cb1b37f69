/* The public articles for the citizen site, as CSV (for Excel and the
 * site's import) or JSON. Internal articles never leave: the store is
 * asked for public ones only. */
#include "kb.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"

enum { COL_NO, COL_CATEGORY, COL_TITLE, COL_QUESTION, COL_ANSWER, COL_UPDATED, NCOLS };

/* Stable keys: the CSV header and the JSON members. */
static const char *const keys[NCOLS] = {
	"faq_no", "category", "title", "question", "answer", "updated",
};

struct export_ctx {
	FILE *fp;
	enum kb_export_format fmt;
	struct csv_writer *w;    /* CSV only */
	size_t rows;
	struct mado_err *e;
};

int
kb_may_export(const struct actor *actor, struct mado_err *e)
{
	return role_require(actor, ROLE_SUPERVISOR, _("exporting the public FAQ"), e);
}

/* ---- JSON ---- */

/* s as a JSON string. Besides what JSON requires (quote, backslash,
 * control characters), <, >, & and U+2028/U+2029 are escaped too, so the
 * file can be pasted into an HTML page's <script> (no "</script>" ends
 * it early) and read as JavaScript, not only as JSON. */
static void
put_string(GString *out, const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);

	g_string_append_c(out, '"');
	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", (char)c);
		else if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029)
			g_string_append_printf(out, "\\u%04x", (unsigned)c);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_string_append_c(out, '"');
	g_free(valid);
}

static int
json_row(struct export_ctx *x, const struct kb_row *r, const char *const *cells)
{
	GString *out = g_string_new(x->rows > 0 ? ",\n  {" : "\n  {");

	for (int i = 0; i < NCOLS; i++) {
		g_string_append_printf(out, "%s\"%s\": ", i > 0 ? ", " : "", keys[i]);
		if (i == COL_NO)
			g_string_append_printf(out, "%lld", (long long)r->faq_no);
		else if (i == COL_CATEGORY && cells[i][0] == '\0')
			g_string_append(out, "null");
		else
			put_string(out, cells[i]);
	}
	g_string_append_c(out, '}');
	fwrite(out->str, 1, out->len, x->fp);
	g_string_free(out, TRUE);
	return MADO_OK;
}

/* ---- rows ---- */

static int
export_row(const struct kb_row *r, void *p)
{
	struct export_ctx *x = p;
	char no[24], updated[16];
	const char *cells[NCOLS];
	struct jst j;
	int st;

	jst_from_time(r->updated_at, &j);
	g_snprintf(no, sizeof no, "%lld", (long long)r->faq_no);
	g_snprintf(updated, sizeof updated, "%04d-%02d-%02d", j.year, j.month, j.day);
	cells[COL_NO] = no;
	cells[COL_CATEGORY] = r->category_name;
	cells[COL_TITLE] = r->title;
	cells[COL_QUESTION] = r->question;
	cells[COL_ANSWER] = r->answer;
	cells[COL_UPDATED] = updated;
	if (x->fmt == KB_EXPORT_JSON)
		st = json_row(x, r, cells);
	else if ((st = csv_write_row(x->w, cells, NCOLS, x->e)) != MADO_OK)
		mado_err_prefix(x->e, "FAQ %lld: ", (long long)r->faq_no);
	if (st == MADO_OK)
		x->rows++;
	return st;
}

int
kb_export_public(struct db *db, const struct actor *actor, FILE *fp, enum kb_export_format fmt,
	enum csv_encoding enc, size_t *rows, struct mado_err *e)
{
	struct export_ctx x = { .fp = fp, .fmt = fmt, .e = e };
	struct mado_err later;
	int st = kb_may_export(actor, e);

	*rows = 0;
	if (st != MADO_OK)
		return st;
	if (fmt == KB_EXPORT_JSON && enc != CSV_UTF8 && enc != CSV_AUTO)
		return mado_err_set(e, MADO_EUSAGE, _("JSON is written in UTF-8 only"));
	if (fmt == KB_EXPORT_JSON) {
		fputc('[', fp);
		st = kb_each_public(db, export_row, &x, e);
		fputs(x.rows > 0 ? "\n]\n" : "]\n", fp);
		if (st == MADO_OK && (fflush(fp) != 0 || ferror(fp)))
			st = mado_err_set(e, MADO_EIO, _("writing the export: %s"), strerror(errno));
	} else {
		if ((x.w = csv_writer_new(fp, enc)) == NULL)
			return mado_err_set(e, MADO_EFAIL, "out of memory");
		st = csv_write_row(x.w, keys, NCOLS, e);
		if (st == MADO_OK)
			st = kb_each_public(db, export_row, &x, e);
		/* Always flush and free; a write error there matters only if
		 * all else went well. */
		if (csv_writer_free(x.w, &later) != MADO_OK && st == MADO_OK)
			st = mado_err_set(e, later.status, "%s", later.msg);
	}
	*rows = x.rows;
	return st;
}
