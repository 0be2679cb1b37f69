#include "notify_render.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"

char *
notify_template_path(const char *sharedir, const char *lang, const char *event)
{
	char *name = g_strconcat(event, ".txt", NULL);
	char *path = g_build_filename(sharedir, "templates", "mail", lang, name, NULL);

	g_free(name);
	return path;
}

/* Characters that end a line or control the terminal: never in a header. */
static gboolean
is_control(gunichar c)
{
	return g_unichar_iscntrl(c) || c == 0x2028 || c == 0x2029;
}

char *
notify_header_clean(const char *s)
{
	char *valid = g_utf8_make_valid(s != NULL ? s : "", -1);
	GString *out = g_string_new(NULL);
	gboolean space = TRUE;   /* drops leading spaces */

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (is_control(c) || c == ' ') {
			if (!space)
				g_string_append_c(out, ' ');
			space = TRUE;
			continue;
		}
		g_string_append_unichar(out, c);
		space = FALSE;
	}
	if (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* Text for a body: valid UTF-8, LF line ends, no controls but tab and LF. */
static void
append_body_text(GString *out, const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\r') {
			if (p[1] != '\n')
				g_string_append_c(out, '\n');
		} else if (c == '\n' || c == '\t' || !is_control(c))
			g_string_append_unichar(out, c);
	}
	g_free(valid);
}

static const struct notify_value *
value_find(const struct notify_value *v, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(v[i].name) == len && memcmp(v[i].name, name, len) == 0)
			return &v[i];
	return NULL;
}

/* Expands one template line into out. *drop is set when an optional
 * placeholder on it is empty. */
static int
expand_line(const char *file, int lineno, const char *line, const struct notify_value *v,
	int n, GString *out, gboolean *drop, struct mado_err *e)
{
	*drop = FALSE;
	for (const char *p = line; *p; p++) {
		const struct notify_value *val;
		const char *close;
		size_t len;
		gboolean optional;

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			g_string_append_c(out, *p++);
			continue;
		}
		if (*p == '}')
			return mado_err_set(e, MADO_EDATA,
				_("%s:%d: '}' without '{' (write }} for a brace)"), file, lineno);
		if (*p != '{') {
			g_string_append_c(out, *p);
			continue;
		}
		if ((close = strchr(p + 1, '}')) == NULL)
			return mado_err_set(e, MADO_EDATA,
				_("%s:%d: '{' without '}' (write {{ for a brace)"), file, lineno);
		len = (size_t)(close - p - 1);
		optional = len > 0 && p[len] == '?';
		val = value_find(v, n, p + 1, optional ? len - 1 : len);
		if (val == NULL)
			return mado_err_set(e, MADO_EDATA, _("%s:%d: unknown placeholder {%.*s}"),
				file, lineno, (int)len, p + 1);
		if (val->value != NULL)
			append_body_text(out, val->value);
		if (optional && (val->value == NULL || *val->value == '\0'))
			*drop = TRUE;
		p = close;
	}
	return MADO_OK;
}

int
notify_render_text(const char *file, const char *text, const struct notify_value *v, int n,
	char **subject, char **body, struct mado_err *e)
{
	char **lines;
	GString *subj, *out, *line;
	int st = MADO_OK, nlines;

	*subject = *body = NULL;
	if (!g_utf8_validate(text, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not UTF-8"), file);
	lines = g_strsplit(text, "\n", -1);
	nlines = (int)g_strv_length(lines);
	subj = g_string_new(NULL);
	out = g_string_new(NULL);
	line = g_string_new(NULL);
	/* A final newline does not start another line. */
	if (nlines > 0 && lines[nlines - 1][0] == '\0')
		nlines--;
	for (int i = 0; i < nlines; i++)
		lines[i][strcspn(lines[i], "\r")] = '\0';   /* CRLF templates */
	if (nlines < 2 || !g_str_has_prefix(lines[0], "Subject:"))
		st = mado_err_set(e, MADO_EDATA, _("%s:1: the first line must be 'Subject: ...'"),
			file);
	else if (lines[1][strspn(lines[1], " \t\r")] != '\0')
		st = mado_err_set(e, MADO_EDATA, _("%s:2: must be empty (it ends the subject)"),
			file);
	for (int i = 0; i < nlines && st == MADO_OK; i++) {
		gboolean drop;

		if (i == 1)
			continue;
		g_string_truncate(line, 0);
		st = expand_line(file, i + 1, i == 0 ? lines[0] + 8 : lines[i], v, n, line,
			&drop, e);
		if (st != MADO_OK || drop)
			continue;
		if (i == 0)
			g_string_append(subj, line->str);
		else {
			append_body_text(out, line->str);   /* the template's own text too */
			g_string_append_c(out, '\n');
		}
	}
	g_strfreev(lines);
	g_string_free(line, TRUE);
	if (st != MADO_OK) {
		g_string_free(subj, TRUE);
		g_string_free(out, TRUE);
		return st;
	}
	*subject = notify_header_clean(subj->str);
	g_string_free(subj, TRUE);
	*body = g_string_free(out, FALSE);
	return MADO_OK;
}

int
notify_render(const char *file, const struct notify_value *v, int n, char **subject,
	char **body, struct mado_err *e)
{
	GError *gerr = NULL;
	char *text = NULL;
	int st;

	*subject = *body = NULL;
	if (!g_file_get_contents(file, &text, NULL, &gerr)) {
		st = mado_err_set(e, g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)
			? MADO_ENOTFOUND : MADO_EIO, _("%s: %s"), file, gerr->message);
		g_error_free(gerr);
		return st;
	}
	st = notify_render_text(file, text, v, n, subject, body, e);
	g_free(text);
	return st;
}
