/* Knowledge articles: the checks and tidying every title, question and
 * answer goes through before it is stored, whoever writes it. */
#include "kb_impl.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"

static bool
space_at(const char *p)
{
	return g_unichar_isspace(g_utf8_get_char(p));
}

/* MADO_OK when s is UTF-8; the message suggests converting, since the
 * usual culprit is a Shift_JIS file saved by a Windows editor. */
static int
check_utf8(const char *field, const char *s, struct mado_err *e)
{
	const char *bad;

	if (g_utf8_validate(s, -1, &bad))
		return MADO_OK;
	return mado_err_set(e, MADO_EDATA,
		_("%s: not valid UTF-8 at byte %ld (convert the text to UTF-8, e.g."
		  " with iconv -f SHIFT_JIS -t UTF-8)"), field, (long)(bad - s));
}

/* MADO_OK when valid UTF-8 s has at most max characters and no control
 * characters, except newline and tab when multiline. Control characters
 * are refused because articles are printed on operators' terminals, where
 * an escape sequence would act rather than show. */
static int
check_chars(const char *field, const char *s, long max, bool multiline, struct mado_err *e)
{
	long n = 0;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);

		if (multiline && (c == '\n' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			if (!multiline)
				return mado_err_set(e, MADO_EDATA,
					_("%s: must be a single line without control characters"
					  " (found U+%04X)"), field, (unsigned)c);
			return mado_err_set(e, MADO_EDATA,
				_("%s: control character U+%04X is not allowed"), field, (unsigned)c);
		}
	}
	if (n > max)
		return mado_err_set(e, MADO_EDATA,
			_("%s: too long (%ld characters; at most %ld)"), field, n, max);
	return MADO_OK;
}

/* Valid UTF-8 s without leading and trailing white space, which includes
 * the ideographic space (U+3000) Japanese input methods type. Caller
 * frees with g_free(). */
static char *
trim(const char *s)
{
	const char *end = s + strlen(s);

	while (*s != '\0' && space_at(s))
		s = g_utf8_next_char(s);
	while (end > s) {
		const char *prev = g_utf8_find_prev_char(s, end);

		if (prev == NULL || !space_at(prev))
			break;
		end = prev;
	}
	return g_strndup(s, (gsize)(end - s));
}

char *
kb_tidy_body(const char *s)
{
	const char *start;
	GString *out;

	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	start = s;
	for (const char *p = s; *p != '\0' && space_at(p); p = g_utf8_next_char(p))
		if (*p == '\n' || *p == '\r')
			start = p + 1;
	out = g_string_sized_new(strlen(start));
	for (const char *p = start; *p != '\0'; p++) {
		if (*p != '\r')
			g_string_append_c(out, *p);
		else if (p[1] != '\n')
			g_string_append_c(out, '\n');
	}
	while (out->len > 0) {
		const char *prev = g_utf8_find_prev_char(out->str, out->str + out->len);

		if (prev == NULL || !space_at(prev))
			break;
		g_string_truncate(out, (gsize)(prev - out->str));
	}
	return g_string_free(out, FALSE);
}

int
kb_tidy_title(const char *in, char **out, struct mado_err *e)
{
	int st;

	*out = NULL;
	if (in == NULL)
		return mado_err_set(e, MADO_EDATA, _("title: must not be empty"));
	if ((st = check_utf8(_("title"), in, e)) != MADO_OK)
		return st;
	*out = trim(in);
	if ((*out)[0] == '\0')
		st = mado_err_set(e, MADO_EDATA, _("title: must not be empty"));
	else
		st = check_chars(_("title"), *out, KB_TITLE_MAX, false, e);
	if (st != MADO_OK) {
		g_free(*out);
		*out = NULL;
	}
	return st;
}

int
kb_tidy_text(const char *field, const char *in, long max, char **out, struct mado_err *e)
{
	int st;

	*out = NULL;
	if ((st = check_utf8(field, in ? in : "", e)) != MADO_OK)
		return st;
	*out = kb_tidy_body(in ? in : "");
	if ((st = check_chars(field, *out, max, true, e)) != MADO_OK) {
		g_free(*out);
		*out = NULL;
	}
	return st;
}

void
kb_text_clear(struct kb_text *t)
{
	g_free(t->title);
	g_free(t->question);
	g_free(t->answer);
	memset(t, 0, sizeof *t);
}

int
kb_draft_check(const struct kb_draft *d, struct kb_text *t, struct mado_err *e)
{
	int st;

	memset(t, 0, sizeof *t);
	if ((st = kb_tidy_title(d->title, &t->title, e)) == MADO_OK &&
	    (st = kb_tidy_text(_("question"), d->question, KB_QUESTION_MAX, &t->question,
		e)) == MADO_OK)
		st = kb_tidy_text(_("answer"), d->answer, KB_ANSWER_MAX, &t->answer, e);
	if (st == MADO_OK && (d->faq_no < 0 || d->faq_no > KB_FAQ_NO_MAX))
		st = mado_err_set(e, MADO_EDATA, _("FAQ number: %lld is out of range (1 to %lld)"),
			(long long)d->faq_no, (long long)KB_FAQ_NO_MAX);
	if (st != MADO_OK)
		kb_text_clear(t);
	return st;
}

