/* Who is acting: the real uid mapped to a staff record, and the role that
 * every core operation checks before it changes or shows anything. */
#ifndef MADO_IDENTITY_H
#define MADO_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "db/db.h"

enum role {
	ROLE_NONE = 0,
	ROLE_STAFF = 1,      /* may read and file tickets */
	ROLE_OPERATOR = 2,   /* works tickets, call logs, knowledge */
	ROLE_SUPERVISOR = 3, /* assigns, approves, reports */
	ROLE_ADMIN = 4,      /* masters, users, settings */
};

struct actor {
	int64_t staff_id;    /* 0 for the system account (root, madod) */
	char login[64];
	char name[128];
	char lang[4];
	enum role role;
};

/* "staff", "operator", ... -> role; ROLE_NONE if unknown. */
enum role role_parse(const char *name);
const char *role_name(enum role r);

/* Looks up the staff record whose login is uid's user name. uid 0 without
 * a staff record acts as the built-in administrator "root" (it owns the
 * file anyway); anyone else unknown or inactive is refused (MADO_EPERM)
 * with a message saying how to be registered. */
int identity_resolve(struct db *db, uid_t uid, struct actor *out, struct mado_err *e);

/* The same for a login name (used by identity_resolve and by madod). */
int identity_by_login(struct db *db, const char *login, struct actor *out,
	struct mado_err *e);

/* The account madod and jobs act as. */
void identity_system(struct actor *out);

/* MADO_OK when actor has at least role min; else MADO_EPERM with a message
 * naming the operation ("assign a ticket needs the supervisor role; you
 * are operator"). */
int role_require(const struct actor *actor, enum role min, const char *operation,
	struct mado_err *e);

/* Writes an audit row as this actor (inside a transaction). */
struct audit_entry;
int actor_audit(struct db *db, const struct actor *actor, const struct audit_entry *a,
	struct mado_err *e);

/* Security events of a client session ("login", "logout", "lock",
 * "unlock", "unlock_failed"), written to the audit trail; "login" also
 * records the time as the staff member's last login. */
int session_event(struct db *db, const struct actor *actor, const char *event,
	struct mado_err *e);
/* The "login" event, telling the previous login time (0 for never) so
 * the client can show it, as the security rules ask. */
int session_login(struct db *db, const struct actor *actor, int64_t *previous,
	struct mado_err *e);

/* Verifies the audit trail's hash chain (supervisor and above). */
int audit_check(struct db *db, const struct actor *actor, int64_t *bad_id,
	struct mado_err *e);

#endif
