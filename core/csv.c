#include "csv.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define BOM "\xef\xbb\xbf"
#define BOM_LEN 3

/* The whole input is read before the first row: CSV_AUTO has to see all of
 * it to know it is valid UTF-8, and files from a desk are small. Parsing
 * works on the raw bytes, also for CP932: its trail bytes are 0x40 and
 * above, so '"', ',', CR and LF always stand for themselves. Each field is
 * then converted on its own, which lets an error name its line and field. */
struct csv_reader {
	FILE *fp;
	char *name;
	enum csv_encoding enc;  /* after the first read: CSV_UTF8 or CSV_CP932 */
	GIConv conv;            /* CP932 -> UTF-8, or (GIConv)-1 */
	char *buf;
	size_t len, pos;
	unsigned long line;     /* physical line at pos */
	int loaded;
	struct mado_err failed; /* sticky: status != MADO_OK after an error */
	GPtrArray *fields;      /* char *, the current row */
	GString *raw;           /* the field being parsed, unconverted */
};

struct csv_reader *
csv_reader_new(FILE *fp, const char *name, enum csv_encoding enc)
{
	struct csv_reader *r = g_new0(struct csv_reader, 1);

	r->fp = fp;
	r->name = g_strdup(name);
	r->enc = enc;
	r->conv = (GIConv)-1;
	r->line = 1;
	r->fields = g_ptr_array_new_with_free_func(g_free);
	r->raw = g_string_new(NULL);
	return r;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->conv != (GIConv)-1)
		g_iconv_close(r->conv);
	g_ptr_array_free(r->fields, TRUE);
	g_string_free(r->raw, TRUE);
	g_free(r->buf);
	g_free(r->name);
	g_free(r);
}

/* Records the error in the reader too, so later reads repeat it instead of
 * resuming in the middle of a broken record. Returns -1. */
static int __attribute__((format(printf, 4, 5)))
fail(struct csv_reader *r, struct mado_err *e, int status, const char *fmt, ...)
{
	va_list ap;

	r->failed.status = status;
	va_start(ap, fmt);
	vsnprintf(r->failed.msg, sizeof r->failed.msg, fmt, ap);
	va_end(ap);
	if (e != NULL)
		*e = r->failed;
	return -1;
}

static int
slurp(struct csv_reader *r, struct mado_err *e)
{
	size_t cap = 65536, n;

	r->buf = g_malloc(cap);
	while ((n = fread(r->buf + r->len, 1, cap - r->len, r->fp)) > 0) {
		r->len += n;
		if (r->len == cap) {
			cap *= 2;
			r->buf = g_realloc(r->buf, cap);
		}
	}
	if (ferror(r->fp))
		return fail(r, e, MADO_EIO, "%s: read error: %s", r->name, g_strerror(errno));
	return 0;
}

/* Reads the input and settles its encoding. */
static int
load(struct csv_reader *r, struct mado_err *e)
{
	int bom;

	r->loaded = 1;
	if (slurp(r, e) < 0)
		return -1;
	bom = r->len >= BOM_LEN && memcmp(r->buf, BOM, BOM_LEN) == 0;
	if (r->enc == CSV_AUTO)
		r->enc = bom || g_utf8_validate(r->buf, (gssize)r->len, NULL)
			? CSV_UTF8 : CSV_CP932;
	if (r->enc == CSV_UTF8_BOM)
		r->enc = CSV_UTF8;
	if (bom && r->enc == CSV_CP932)
		return fail(r, e, MADO_EDATA,
			"%s:1: the file starts with a UTF-8 byte order mark but CP932 was requested",
			r->name);
	if (bom)
		r->pos = BOM_LEN;
	if (r->enc == CSV_CP932) {
		r->conv = g_iconv_open("UTF-8", "CP932");
		if (r->conv == (GIConv)-1)
			return fail(r, e, MADO_EFAIL,
				"%s: CP932 conversion is not available (iconv)", r->name);
	}
	return 0;
}

/* Length of the line break at p (CRLF, LF or a lone CR), 0 if none. */
static size_t
line_break(const char *p, const char *end)
{
	if (p < end && *p == '\n')
		return 1;
	if (p < end && *p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	return 0;
}

/* Line breaks in the first n bytes of s. */
static unsigned long
count_lines(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	unsigned long lines = 0;

	while (p < end) {
		size_t b = line_break(p, end);

		if (b > 0) {
			lines++;
			p += b;
		} else
			p++;
	}
	return lines;
}

/* Converts the raw field (number nfield, starting on line) to a UTF-8
 * string appended to the row. */
static int
finish_field(struct csv_reader *r, size_t nfield, unsigned long line, struct mado_err *e)
{
	const char *s = r->raw->str;
	size_t n = r->raw->len;
	const char *nul = memchr(s, '\0', n);
	const char *bad;
	char *out;

	if (nul != NULL)
		return fail(r, e, MADO_EDATA, "%s:%lu: field %zu: NUL byte", r->name,
			line + count_lines(s, (size_t)(nul - s)), nfield);
	if (r->enc == CSV_UTF8) {
		if (!g_utf8_validate(s, (gssize)n, &bad))
			return fail(r, e, MADO_EDATA,
				"%s:%lu: field %zu: invalid byte sequence (not UTF-8)", r->name,
				line + count_lines(s, (size_t)(bad - s)), nfield);
		out = g_strndup(s, n);
	} else {
		GError *gerr = NULL;
		gsize nread = 0;

		out = g_convert_with_iconv(s, (gssize)n, r->conv, &nread, NULL, &gerr);
		/* Given bytes_read, GLib reports a character cut at the end of
		 * the field as success with nread < n, not as an error. */
		if (out != NULL && nread < n) {
			g_free(out);
			out = NULL;
			g_set_error_literal(&gerr, G_CONVERT_ERROR,
				G_CONVERT_ERROR_PARTIAL_INPUT, "partial character");
		}
		if (out == NULL) {
			int illegal = g_error_matches(gerr, G_CONVERT_ERROR,
					G_CONVERT_ERROR_ILLEGAL_SEQUENCE)
				|| g_error_matches(gerr, G_CONVERT_ERROR,
					G_CONVERT_ERROR_PARTIAL_INPUT);

			if (illegal)
				fail(r, e, MADO_EDATA,
					"%s:%lu: field %zu: invalid byte sequence (not CP932)",
					r->name, line + count_lines(s, nread), nfield);
			else
				fail(r, e, MADO_EFAIL, "%s:%lu: field %zu: %s", r->name, line,
					nfield, gerr->message);
			g_error_free(gerr);
			return -1;
		}
	}
	g_ptr_array_add(r->fields, out);
	return 0;
}

/* Parses a quoted field whose opening quote is at pos into r->raw. */
static int
quoted_field(struct csv_reader *r, size_t nfield, struct mado_err *e)
{
	const char *end = r->buf + r->len;
	unsigned long opened = r->line;

	r->pos++;
	for (;;) {
		const char *p = r->buf + r->pos;
		size_t b;

		if (p == end)
			return fail(r, e, MADO_EDATA,
				"%s:%lu: field %zu: the quote opened on this line is never closed",
				r->name, opened, nfield);
		if (*p == '"') {
			if (p + 1 < end && p[1] == '"') {
				g_string_append_c(r->raw, '"');
				r->pos += 2;
				continue;
			}
			r->pos++;
			break;
		}
		/* Line breaks inside quotes are data, kept as they are. */
		b = line_break(p, end);
		if (b > 0) {
			g_string_append_len(r->raw, p, (gssize)b);
			r->pos += b;
			r->line++;
			continue;
		}
		g_string_append_c(r->raw, *p);
		r->pos++;
	}
	if (r->pos < r->len && r->buf[r->pos] != ','
	    && line_break(r->buf + r->pos, end) == 0)
		return fail(r, e, MADO_EDATA,
			"%s:%lu: field %zu: unexpected text after the closing quote",
			r->name, r->line, nfield);
	return 0;
}

static int
plain_field(struct csv_reader *r, size_t nfield, struct mado_err *e)
{
	const char *end = r->buf + r->len;

	while (r->pos < r->len) {
		const char *p = r->buf + r->pos;

		if (*p == ',' || line_break(p, end) > 0)
			break;
		if (*p == '"')
			return fail(r, e, MADO_EDATA,
				"%s:%lu: field %zu: stray quote in an unquoted field"
				" (quote the whole field and double the quote)",
				r->name, r->line, nfield);
		g_string_append_c(r->raw, *p);
		r->pos++;
	}
	return 0;
}

/* Skips blank lines; returns 0 at the end of input. */
static int
skip_blank(struct csv_reader *r)
{
	const char *end = r->buf + r->len;
	size_t b;

	while ((b = line_break(r->buf + r->pos, end)) > 0) {
		r->pos += b;
		r->line++;
	}
	return r->pos < r->len;
}

int
csv_read(struct csv_reader *r, struct csv_row *row, struct mado_err *e)
{
	const char *end;

	if (r->failed.status != MADO_OK) {
		if (e != NULL)
			*e = r->failed;
		return -1;
	}
	if (!r->loaded && load(r, e) < 0)
		return -1;
	g_ptr_array_set_size(r->fields, 0);
	row->fields = NULL;
	row->nfields = 0;
	if (!skip_blank(r))
		return 0;
	end = r->buf + r->len;
	row->line = r->line;
	for (;;) {
		size_t nfield = r->fields->len + 1;
		unsigned long line = r->line;
		size_t b;
		int rc;

		g_string_truncate(r->raw, 0);
		if (r->pos < r->len && r->buf[r->pos] == '"')
			rc = quoted_field(r, nfield, e);
		else
			rc = plain_field(r, nfield, e);
		if (rc < 0 || finish_field(r, nfield, line, e) < 0)
			return -1;
		if (r->pos < r->len && r->buf[r->pos] == ',') {
			r->pos++;
			continue;
		}
		b = line_break(r->buf + r->pos, end);
		r->pos += b;
		if (b > 0)
			r->line++;
		break;
	}
	row->fields = (char **)r->fields->pdata;
	row->nfields = r->fields->len;
	return 1;
}

struct csv_writer {
	FILE *fp;
	enum csv_encoding enc;
	GIConv conv;   /* UTF-8 -> CP932, or (GIConv)-1 */
	GString *row;  /* the row being built, written whole */
};

struct csv_writer *
csv_writer_new(FILE *fp, enum csv_encoding enc)
{
	struct csv_writer *w = g_new0(struct csv_writer, 1);

	w->fp = fp;
	w->enc = enc;
	w->conv = (GIConv)-1;
	w->row = g_string_new(NULL);
	if (enc == CSV_CP932)
		w->conv = g_iconv_open("CP932", "UTF-8");
	/* A write error here shows up in ferror() at the next check. */
	if (enc == CSV_UTF8_BOM)
		fwrite(BOM, 1, BOM_LEN, fp);
	return w;
}

static int
needs_quotes(const char *s)
{
	size_t n = strlen(s);

	if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	/* A leading U+FEFF would be taken for a byte-order mark and dropped. */
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static void
append_field(GString *out, const char *s, size_t n)
{
	size_t i;

	if (!needs_quotes(s)) {
		g_string_append_len(out, s, (gssize)n);
		return;
	}
	g_string_append_c(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, s[i]);
	}
	g_string_append_c(out, '"');
}

/* Appends the CP932 form of the UTF-8 field s (1-based index i). */
static int
append_cp932(struct csv_writer *w, const char *s, size_t i, struct mado_err *e)
{
	GError *gerr = NULL;
	gsize nread = 0, nwritten = 0;
	char *out;

	out = g_convert_with_iconv(s, -1, w->conv, &nread, &nwritten, &gerr);
	if (out == NULL) {
		int st;

		if (g_error_matches(gerr, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE)) {
			gunichar c = g_utf8_get_char(s + nread);
			char ch[8] = { 0 };

			g_unichar_to_utf8(c, ch);
			st = mado_err_set(e, MADO_EDATA,
				"field %zu: U+%04X '%s' has no CP932 (Shift_JIS) form;"
				" write UTF-8 instead or replace the character",
				i, (unsigned)c, ch);
		} else
			st = mado_err_set(e, MADO_EFAIL, "field %zu: %s", i, gerr->message);
		g_error_free(gerr);
		return st;
	}
	g_string_append_len(w->row, out, (gssize)nwritten);
	g_free(out);
	return MADO_OK;
}

int
csv_write_row(struct csv_writer *w, const char *const *fields, size_t n,
	struct mado_err *e)
{
	GString *quoted = g_string_new(NULL);
	int st = MADO_OK;
	size_t i;

	if (w->enc == CSV_CP932 && w->conv == (GIConv)-1)
		st = mado_err_set(e, MADO_EFAIL, "CP932 conversion is not available (iconv)");
	g_string_truncate(w->row, 0);
	for (i = 0; i < n && st == MADO_OK; i++) {
		const char *s = fields[i] != NULL ? fields[i] : "";

		if (!g_utf8_validate(s, -1, NULL)) {
			st = mado_err_set(e, MADO_EDATA, "field %zu: invalid UTF-8", i + 1);
			break;
		}
		if (i > 0)
			g_string_append_c(w->row, ',');
		/* Quoting first: the quote and comma bytes are the same in CP932. */
		g_string_truncate(quoted, 0);
		append_field(quoted, s, strlen(s));
		if (w->enc == CSV_CP932)
			st = append_cp932(w, quoted->str, i + 1, e);
		else
			g_string_append_len(w->row, quoted->str, (gssize)quoted->len);
	}
	g_string_free(quoted, TRUE);
	if (st != MADO_OK)
		return st;
	g_string_append(w->row, "\r\n");
	if (fwrite(w->row->str, 1, w->row->len, w->fp) != w->row->len)
		return mado_err_set(e, MADO_EIO, "write error: %s", g_strerror(errno));
	return MADO_OK;
}

int
csv_writer_free(struct csv_writer *w, struct mado_err *e)
{
	int st = MADO_OK;

	if (w == NULL)
		return MADO_OK;
	if (fflush(w->fp) != 0 || ferror(w->fp))
		st = mado_err_set(e, MADO_EIO, "write error: %s", g_strerror(errno));
	if (w->conv != (GIConv)-1)
		g_iconv_close(w->conv);
	g_string_free(w->row, TRUE);
	g_free(w);
	return st;
}

int
csv_encoding_parse(const char *name)
{
	static const struct {
		const char *name;
		enum csv_encoding enc;
	} names[] = {
		{ "auto", CSV_AUTO },
		{ "utf-8", CSV_UTF8 },
		{ "utf8", CSV_UTF8 },
		{ "utf-8-bom", CSV_UTF8_BOM },
		{ "utf8-bom", CSV_UTF8_BOM },
		{ "cp932", CSV_CP932 },
		{ "sjis", CSV_CP932 },
		{ "shift_jis", CSV_CP932 },
		{ "windows-31j", CSV_CP932 },
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(names); i++)
		if (g_ascii_strcasecmp(name, names[i].name) == 0)
			return (int)names[i].enc;
	return -1;
}
