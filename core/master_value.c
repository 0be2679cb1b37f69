/* Checking one value of a master column, and normalising it. */
#include "master.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/master_load.h"

#define CODE_MAX 32    /* codes and logins, as POSIX user names */
#define TEXT_MAX 1000  /* bytes of a one-line text */
#define NOTE_MAX 4000  /* bytes of a note */
#define EMAIL_MAX 254  /* RFC 5321 path limit less the brackets */

static bool
valid_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CODE_MAX)
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return false;
	return true;
}

/* A dot-atom local part and a domain of at least two labels. Quoted local
 * parts are refused on purpose: nobody at a desk needs them, and a strict
 * form keeps addresses safe to put in mail headers. */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@'), *p;
	bool dot = true;
	size_t len = 0;
	int labels = 0;

	if (at == NULL || at == s || strlen(s) > EMAIL_MAX)
		return false;
	for (p = s; p < at; p++) {
		if (*p == '.') {
			if (dot)
				return false;
			dot = true;
		} else if (g_ascii_isalnum(*p) || strchr("!#$%&'*+/=?^_`{|}~-", *p) != NULL)
			dot = false;
		else
			return false;
	}
	if (dot)
		return false;
	for (p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (len == 0 || len > 63 || p[-1] == '-')
				return false;
			labels++;
			len = 0;
			if (*p == '\0')
				break;
		} else if (g_ascii_isalnum(*p) || (*p == '-' && len > 0))
			len++;
		else
			return false;
	}
	return labels >= 2;
}

bool
master_parse_bool(const char *s, bool *out)
{
	static const char *const words[][2] = { { "1", "0" }, { "true", "false" }, { "yes", "no" } };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		for (int v = 0; v < 2; v++)
			if (g_ascii_strcasecmp(s, words[i][v]) == 0) {
				*out = v == 0;
				return true;
			}
	return false;
}

static char *
check_choice(const struct master_column *c, const char *v)
{
	char *list, *msg;

	for (const char *const *ch = c->choices; *ch != NULL; ch++)
		if (strcmp(*ch, v) == 0)
			return NULL;
	list = g_strjoinv(", ", (char **)c->choices);
	msg = g_strdup_printf(_("'%s' is not one of: %s"), v, list);
	g_free(list);
	return msg;
}

static char *
check_text(const char *s, bool lines)
{
	size_t n = strlen(s), max = lines ? NOTE_MAX : TEXT_MAX;

	if (n > max)
		return g_strdup_printf(_("too long (%zu bytes; at most %zu)"), n, max);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f)
			&& !(lines && (*p == '\n' || *p == '\r' || *p == '\t')))
			return g_strdup(lines ? _("control characters are not allowed")
				: _("line breaks and control characters are not allowed"));
	return NULL;
}

char *
master_check_value(const struct master_column *c, char **v)
{
	bool b;

	if (!g_utf8_validate(*v, -1, NULL))
		return g_strdup(_("not valid UTF-8"));
	if (c->type != MT_TEXT && c->type != MT_NOTE)
		g_strstrip(*v);
	if (**v == '\0' && c->def != NULL) {
		g_free(*v);
		*v = g_strdup(c->def);
	}
	if (**v == '\0')
		return c->flags & (MC_KEY | MC_REQUIRED) ? g_strdup(_("a value is required")) : NULL;
	switch (c->type) {
	case MT_CODE:
		if (!valid_code(*v))
			return g_strdup_printf(_("'%s' is not a valid code (at most %d letters,"
				" digits, '.', '_' or '-')"), *v, CODE_MAX);
		return NULL;
	case MT_LOGIN:
		if (!valid_code(*v) || **v == '-')
			return g_strdup_printf(_("'%s' is not a valid login name (at most %d letters,"
				" digits, '.', '_' or '-', not starting with '-')"), *v, CODE_MAX);
		return NULL;
	case MT_TEXT:
	case MT_NOTE:
		return check_text(*v, c->type == MT_NOTE);
	case MT_EMAIL:
		if (!valid_email(*v))
			return g_strdup_printf(_("'%s' is not a valid e-mail address"), *v);
		return NULL;
	case MT_BOOL:
		if (!master_parse_bool(*v, &b))
			return g_strdup_printf(_("'%s' is not 1 or 0"), *v);
		g_free(*v);
		*v = g_strdup(b ? "1" : "0");
		return NULL;
	case MT_ROLE:
		if (role_parse(*v) == ROLE_NONE)
			return g_strdup_printf(_("'%s' is not a role (staff, operator, supervisor,"
				" admin)"), *v);
		return NULL;
	case MT_ENUM:
		return check_choice(c, *v);
	}
	return NULL;
}
