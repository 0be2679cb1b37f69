/* Checks and helpers shared by the ticket operations (see ticket_impl.h). */
#include "ticket.h"
#include "ticket_impl.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/master.h"
#include "core/numbering.h"
#include "core/workflow.h"
#include "db/audit_store.h"
#include "db/master_store.h"
#include "forms/form.h"
#include "db/ticket_store.h"

#define BODY_MAX_BYTES (1 << 20)

const char *const ticket_kinds[3] = { "inquiry", "incident", "request" };

bool
ticket_kind_valid(const char *kind)
{
	for (size_t i = 0; i < G_N_ELEMENTS(ticket_kinds); i++)
		if (kind != NULL && strcmp(kind, ticket_kinds[i]) == 0)
			return true;
	return false;
}

/* One line of text: valid UTF-8, no control characters (so it can never
 * break a mail header), not blank, at most max characters. */
int
ticket_check_line(const char *field, const char *s, size_t max, bool required, struct mado_err *e)
{
	if (s == NULL || *s == '\0' || strspn(s, " \t\xe3\x80\x80") == strlen(s)) {
		if (required)
			return mado_err_set(e, MADO_EDATA, _("%s: must not be empty"), field);
		return MADO_OK;
	}
	if (!g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), field);
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (g_unichar_iscntrl(g_utf8_get_char(p)))
			return mado_err_set(e, MADO_EDATA,
				_("%s: must be one line without control characters"), field);
	if (g_utf8_strlen(s, -1) > (glong)max)
		return mado_err_set(e, MADO_EDATA, _("%s: longer than %zu characters"), field, max);
	return MADO_OK;
}

int
ticket_check_text(const char *field, const char *s, struct mado_err *e)
{
	if (s == NULL)
		return MADO_OK;
	if (strlen(s) > BODY_MAX_BYTES)
		return mado_err_set(e, MADO_EDATA, _("%s: longer than %d bytes"), field, BODY_MAX_BYTES);
	if (!g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), field);
	return MADO_OK;
}

int
ticket_check_email(const char *field, const char *s, struct mado_err *e)
{
	const char *at;
	int st = ticket_check_line(field, s, 254, false, e);

	if (st != MADO_OK || s == NULL || *s == '\0')
		return st;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
	    strpbrk(s, " <>,;\"") != NULL)
		return mado_err_set(e, MADO_EDATA, _("%s: '%s' is not a mail address"), field, s);
	return MADO_OK;
}

int
ticket_audit(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *old_value, const char *new_value, struct mado_err *e)
{
	struct audit_entry ent = {
		.action = action, .entity = "ticket", .entity_id = id, .field = field,
		.old_value = old_value, .new_value = new_value,
	};

	return actor_audit(db, a, &ent, e);
}

/* Parses "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (JST) into Unix seconds. */
bool
ticket_parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n %2d:%2d%n", &y, &mo, &d, &n, &h, &mi, &n) < 3 ||
	    s[n] != '\0')
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    !g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y))
		return false;
	*out = jst_to_time(y, mo, d, h, mi, 0);
	return true;
}

/* A field change: read the old value, write the new, audit both, all in
 * the caller's transaction. Unchanged values write nothing. */
int
ticket_change_value(struct db *db, const struct actor *a, const char *action, int64_t id,
	const char *field, const char *value, struct mado_err *e)
{
	char *old = NULL;
	int st = ticket_value_get(db, id, field, &old, e);

	if (value != NULL && *value == '\0')
		value = NULL;
	if (st == MADO_OK && g_strcmp0(old, value) != 0) {
		st = ticket_value_set(db, id, field, value, mado_now(), e);
		if (st == MADO_OK)
			st = ticket_audit(db, a, action, id, field, old, value, e);
	}
	free(old);
	return st;
}
