/* Checking values against a form and making their canonical stored text.
 * What people type at a Japanese desk is forgiven where the meaning is
 * plain (full-width digits from the IME, 2026/4/1, a stray U+3000 space);
 * what is stored is always one spelling, so searches and reports agree. */
#include "form.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"

/* A copy of s without white space at either end (g_free). Works on
 * characters, so U+3000 IDEOGRAPHIC SPACE counts as white space. */
static char *
trim(const char *s)
{
	const char *start = s, *end = s + strlen(s);

	while (*start != '\0' && g_unichar_isspace(g_utf8_get_char(start)))
		start = g_utf8_next_char(start);
	while (end > start) {
		const char *prev = g_utf8_prev_char(end);

		if (!g_unichar_isspace(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	return g_strndup(start, (gsize)(end - start));
}

/* "\r\n" and "\r" become "\n" (g_free). */
static char *
unix_lines(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\r') {
			g_string_append_c(out, '\n');
			if (p[1] == '\n')
				p++;
		} else
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

/* Free text: no control characters (a one-line text not even line breaks
 * or tabs, so it can go into a mail header or a table cell), at most
 * max_chars characters. Returns a message or NULL. */
static char *
check_text(const struct form_field *fld, const char *s)
{
	bool multiline = fld->type == FORM_MULTILINE;
	glong len;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		GUnicodeType t = g_unichar_type(c);

		if (multiline && (c == '\n' || c == '\t'))
			continue;
		if (g_unichar_iscntrl(c) || t == G_UNICODE_LINE_SEPARATOR ||
		    t == G_UNICODE_PARAGRAPH_SEPARATOR)
			return g_strdup(multiline ? _("must not contain control characters")
				: _("must be one line without control characters"));
	}
	len = g_utf8_strlen(s, -1);
	if (len > fld->max_chars)
		return g_strdup_printf(ngettext("must be at most %d character (%ld given)",
			"must be at most %d characters (%ld given)", (unsigned long)fld->max_chars),
			fld->max_chars, (long)len);
	return NULL;
}

/* Reads min to max ASCII digits at *p into *v and moves *p past them. */
static bool
digits(const char **p, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && g_ascii_isdigit((*p)[n]))
		*v = *v * 10 + ((*p)[n++] - '0');
	if (n < min || g_ascii_isdigit((*p)[n]))
		return false;
	*p += n;
	return true;
}

/* YYYY-MM-DD or YYYY/M/D, a real date; moves *p past it. */
static bool
scan_date(const char **p, int *y, int *m, int *d)
{
	char sep;

	if (!digits(p, 4, 4, y))
		return false;
	sep = **p;
	if (sep != '-' && sep != '/')
		return false;
	(*p)++;
	if (!digits(p, 1, 2, m) || **p != sep)
		return false;
	(*p)++;
	return digits(p, 1, 2, d) && *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 &&
		g_date_valid_dmy((GDateDay)*d, (GDateMonth)*m, (GDateYear)*y);
}

static char *
canon_date(const char *s, bool with_time)
{
	int y, m, d, h, mi;
	const char *p = s;

	if (!scan_date(&p, &y, &m, &d))
		return NULL;
	if (!with_time)
		return *p == '\0' ? g_strdup_printf("%04d-%02d-%02d", y, m, d) : NULL;
	if (*p != ' ' && *p != 'T')
		return NULL;
	p++;
	if (!digits(&p, 1, 2, &h) || *p++ != ':' || !digits(&p, 2, 2, &mi) || *p != '\0' ||
	    h > 23 || mi > 59)
		return NULL;
	return g_strdup_printf("%04d-%02d-%02d %02d:%02d", y, m, d, h, mi);
}

static char *
canon_integer(const struct form_field *fld, const char *s, char **message)
{
	gint64 v;

	if (!g_ascii_string_to_signed(s, 10, G_MININT64, G_MAXINT64, &v, NULL) ||
	    v < fld->min || v > fld->max) {
		*message = g_strdup_printf(_("must be a whole number from %lld to %lld"),
			fld->min, fld->max);
		return NULL;
	}
	return g_strdup_printf("%lld", (long long)v);
}

/* The words a person may answer yes or no with, after NFKC and folding
 * to lower case. Japanese forms say 有/無 or あり/なし. */
static const char *const yes_words[] = {
	"1", "yes", "y", "true", "on", "はい", "有", "有り", "あり",
};
static const char *const no_words[] = {
	"0", "no", "n", "false", "off", "いいえ", "無", "無し", "なし",
};

static char *
canon_boolean(const char *s)
{
	char *low = g_ascii_strdown(s, -1);
	const char *r = NULL;

	for (size_t i = 0; r == NULL && i < G_N_ELEMENTS(yes_words); i++)
		if (strcmp(low, yes_words[i]) == 0)
			r = "1";
	for (size_t i = 0; r == NULL && i < G_N_ELEMENTS(no_words); i++)
		if (strcmp(low, no_words[i]) == 0)
			r = "0";
	g_free(low);
	return r != NULL ? g_strdup(r) : NULL;
}

static char *
canon_choice(const struct form_field *fld, const char *s, char **message)
{
	GString *list;

	for (int i = 0; i < fld->noptions; i++)
		if (strcmp(fld->options[i].value, s) == 0)
			return g_strdup(s);
	list = g_string_new(NULL);
	for (int i = 0; i < fld->noptions; i++)
		g_string_append_printf(list, "%s%s", i > 0 ? ", " : "", fld->options[i].value);
	*message = g_strdup_printf(_("must be one of: %s"), list->str);
	g_string_free(list, TRUE);
	return NULL;
}

/* The canonical text of a non-blank, already normalised value, or NULL
 * with *message set. */
static char *
canon(const struct form_field *fld, const char *s, char **message)
{
	char *r = NULL;

	switch (fld->type) {
	case FORM_TEXT:
	case FORM_MULTILINE:
	case FORM_MASTER:
		*message = check_text(fld, s);
		return *message == NULL ? g_strdup(s) : NULL;
	case FORM_INTEGER:
		return canon_integer(fld, s, message);
	case FORM_CHOICE:
		return canon_choice(fld, s, message);
	case FORM_DATE:
		if ((r = canon_date(s, false)) == NULL)
			*message = g_strdup(_("must be a date written YYYY-MM-DD"));
		return r;
	case FORM_DATETIME:
		if ((r = canon_date(s, true)) == NULL)
			*message = g_strdup(_("must be a date and time written YYYY-MM-DD HH:MM"));
		return r;
	case FORM_BOOLEAN:
		if ((r = canon_boolean(s)) == NULL)
			*message = g_strdup(_("must be yes or no"));
		return r;
	}
	*message = g_strdup(_("unknown field type"));
	return NULL;
}

int
form_normalise(const struct form_field *fld, const char *value, char **canonical,
	char **message)
{
	bool free_text = fld->type == FORM_TEXT || fld->type == FORM_MULTILINE ||
		fld->type == FORM_MASTER;
	char *lines, *norm, *s;

	*canonical = NULL;
	*message = NULL;
	if (value == NULL)
		value = "";
	if (!g_utf8_validate(value, -1, NULL)) {
		*message = g_strdup(_("is not valid UTF-8"));
		return MADO_EDATA;
	}
	/* Free text keeps its characters (NFC only joins what a keyboard may
	 * have split); for numbers, dates and yes/no, NFKC turns full-width
	 * ２０２６／４／１ into 2026/4/1. */
	lines = unix_lines(value);
	norm = g_utf8_normalize(lines, -1, free_text ? G_NORMALIZE_NFC : G_NORMALIZE_NFKC);
	s = trim(norm);
	g_free(norm);
	g_free(lines);
	if (*s == '\0') {
		if (fld->required)
			*message = g_strdup(_("is required"));
		else
			*canonical = g_strdup("");
	} else
		*canonical = canon(fld, s, message);
	g_free(s);
	return *message == NULL ? MADO_OK : MADO_EDATA;
}

static void
add_error(GArray *errs, const char *field, char *message)
{
	struct form_error fe = { g_strdup(field != NULL ? field : ""), message };

	g_array_append_val(errs, fe);
}

static char *
unknown_field(const struct form *f)
{
	GString *names = g_string_new(NULL);
	char *msg;

	for (int i = 0; i < f->nfields; i++)
		g_string_append_printf(names, "%s%s", i > 0 ? ", " : "", f->fields[i].name);
	msg = g_strdup_printf(_("no such field in form %s (fields: %s)"), f->id, names->str);
	g_string_free(names, TRUE);
	return msg;
}

int
form_validate(const struct form *f, const char *const *names, const char *const *values,
	int n, struct form_error **errors, int *nerrors)
{
	GArray *errs = g_array_new(FALSE, TRUE, sizeof(struct form_error));
	bool *given = g_new0(bool, (gsize)f->nfields + 1);

	for (int i = 0; i < n; i++) {
		const struct form_field *fld = form_field(f, names[i]);
		char *canonical, *message;

		if (fld == NULL) {
			add_error(errs, names[i], unknown_field(f));
			continue;
		}
		if (given[fld - f->fields]) {
			add_error(errs, names[i], g_strdup(_("is given more than once")));
			continue;
		}
		given[fld - f->fields] = true;
		if (form_normalise(fld, values[i], &canonical, &message) != MADO_OK)
			add_error(errs, names[i], message);
		g_free(canonical);
	}
	for (int i = 0; i < f->nfields; i++)
		if (f->fields[i].required && !given[i])
			add_error(errs, f->fields[i].name, g_strdup(_("is required")));
	g_free(given);
	*nerrors = (int)errs->len;
	if (errs->len == 0) {
		g_array_free(errs, TRUE);
		*errors = NULL;
		return MADO_OK;
	}
	*errors = (struct form_error *)(void *)g_array_free(errs, FALSE);
	return MADO_EDATA;
}

void
form_errors_free(struct form_error *errors, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(errors[i].field);
		g_free(errors[i].message);
	}
	g_free(errors);
}
