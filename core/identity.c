#include "identity.h"

#include <glib.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/staff_store.h"

static const char *const role_names[] = {
	[ROLE_NONE] = "none", [ROLE_STAFF] = "staff", [ROLE_OPERATOR] = "operator",
	[ROLE_SUPERVISOR] = "supervisor", [ROLE_ADMIN] = "admin",
};

enum role
role_parse(const char *name)
{
	for (int r = ROLE_STAFF; r <= ROLE_ADMIN; r++)
		if (name != NULL && strcmp(name, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *
role_name(enum role r)
{
	return r >= ROLE_NONE && r <= ROLE_ADMIN ? role_names[r] : "none";
}

void
identity_system(struct actor *out)
{
	memset(out, 0, sizeof *out);
	g_strlcpy(out->login, "root", sizeof out->login);
	g_strlcpy(out->name, "system", sizeof out->name);
	g_strlcpy(out->lang, "ja", sizeof out->lang);
	out->role = ROLE_ADMIN;
}

int
identity_by_login(struct db *db, const char *login, struct actor *out, struct mado_err *e)
{
	struct staff_row row;
	int st = staff_by_login(db, login, &row, e);

	memset(out, 0, sizeof *out);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EPERM,
			_("user '%s' is not registered as staff in %s; an administrator can add"
			  " you with: mado admin user add %s --name NAME --role operator"),
			login, db_path(db), login);
	if (st != MADO_OK)
		return st;
	if (!row.active) {
		staff_row_clear(&row);
		return mado_err_set(e, MADO_EPERM, _("staff account '%s' is disabled"), login);
	}
	out->staff_id = row.id;
	g_strlcpy(out->login, row.login, sizeof out->login);
	g_strlcpy(out->name, row.name, sizeof out->name);
	g_strlcpy(out->lang, row.lang, sizeof out->lang);
	out->role = role_parse(row.role);
	staff_row_clear(&row);
	return MADO_OK;
}

int
identity_resolve(struct db *db, uid_t uid, struct actor *out, struct mado_err *e)
{
	struct passwd *pw = getpwuid(uid);
	int st;

	if (pw == NULL)
		return mado_err_set(e, MADO_EPERM, _("uid %ld has no user name"), (long)uid);
	st = identity_by_login(db, pw->pw_name, out, e);
	if (st == MADO_EPERM && uid == 0 && out->staff_id == 0) {
		struct staff_row row;
		struct mado_err ignored;

		/* Only fall back when root truly has no record, not when disabled. */
		if (staff_by_login(db, pw->pw_name, &row, &ignored) == MADO_ENOTFOUND) {
			identity_system(out);
			mado_err_clear(e);
			return MADO_OK;
		}
		staff_row_clear(&row);
	}
	return st;
}

int
role_require(const struct actor *actor, enum role min, const char *operation,
	struct mado_err *e)
{
	if (actor != NULL && actor->role >= min)
		return MADO_OK;
	return mado_err_set(e, MADO_EPERM, _("%s needs the %s role; %s is %s"),
		operation, role_name(min), actor ? actor->login : "?",
		role_name(actor ? actor->role : ROLE_NONE));
}

int
actor_audit(struct db *db, const struct actor *actor, const struct audit_entry *a,
	struct mado_err *e)
{
	return audit_append(db, actor->staff_id, actor->login, a, e);
}

int
audit_check(struct db *db, const struct actor *actor, int64_t *bad_id, struct mado_err *e)
{
	int st = role_require(actor, ROLE_SUPERVISOR, _("verifying the audit trail"), e);

	*bad_id = 0;
	return st != MADO_OK ? st : audit_verify(db, bad_id, e);
}

struct session_ctx {
	const struct actor *actor;
	const char *event;
};

static int
session_txn(struct db *db, void *p, struct mado_err *e)
{
	struct session_ctx *s = p;
	struct audit_entry a = { .action = s->event, .entity = "session",
		.entity_id = s->actor->staff_id, .field = "" };
	int st = actor_audit(db, s->actor, &a, e);

	if (st == MADO_OK && strcmp(s->event, "login") == 0 && s->actor->staff_id > 0)
		st = staff_touch_login(db, s->actor->staff_id, mado_now(), e);
	return st;
}

int
session_event(struct db *db, const struct actor *actor, const char *event, struct mado_err *e)
{
	struct session_ctx s = { actor, event };

	return db_txn(db, session_txn, &s, e);
}

int
session_login(struct db *db, const struct actor *actor, int64_t *previous, struct mado_err *e)
{
	struct staff_row row;
	struct mado_err ignored = { 0 };

	*previous = 0;
	if (actor->staff_id > 0 && staff_by_id(db, actor->staff_id, &row, &ignored) == MADO_OK) {
		*previous = row.last_login;
		staff_row_clear(&row);
	}
	return session_event(db, actor, "login", e);
}
