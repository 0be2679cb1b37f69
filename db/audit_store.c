#include "audit_store.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"

/* The hash of a row: SHA-256 over its fields and the previous hash, each
 * field length-prefixed so that no two different rows serialise alike. */
static void
row_hash(const char *prev, int64_t at, const char *actor, const struct audit_entry *a,
	char out[65])
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	char num[64];
	const char *parts[8];
	int n = 0;

	snprintf(num, sizeof num, "%lld|%lld", (long long)at, (long long)a->entity_id);
	parts[n++] = prev;
	parts[n++] = num;
	parts[n++] = actor;
	parts[n++] = a->action;
	parts[n++] = a->entity;
	parts[n++] = a->field ? a->field : "";
	parts[n++] = a->old_value;
	parts[n++] = a->new_value;
	for (int i = 0; i < n; i++) {
		char len[24];

		/* NULL and "" differ: NULL is written as length -1. */
		snprintf(len, sizeof len, "%ld:", parts[i] ? (long)strlen(parts[i]) : -1L);
		g_checksum_update(ck, (const guchar *)len, -1);
		if (parts[i] != NULL)
			g_checksum_update(ck, (const guchar *)parts[i], -1);
	}
	g_strlcpy(out, g_checksum_get_string(ck), 65);
	g_checksum_free(ck);
}

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

int
audit_append(struct db *db, int64_t actor_id, const char *actor,
	const struct audit_entry *a, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", e);
	char prev[65] = GENESIS, hash[65];
	int64_t at = mado_now();

	if (st == NULL)
		return e->status;
	if (sqlite3_step(st) == SQLITE_ROW)
		g_strlcpy(prev, (const char *)sqlite3_column_text(st, 0), sizeof prev);
	sqlite3_reset(st);
	row_hash(prev, at, actor, a, hash);
	st = db_prepare(db,
		"INSERT INTO audit(at, actor_id, actor, action, entity, entity_id, field,"
		" old_value, new_value, prev_hash, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, at);
	db_bind_id(st, 2, actor_id);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, a->action);
	db_bind_text(st, 5, a->entity);
	db_bind_id(st, 6, a->entity_id);
	db_bind_text(st, 7, a->field ? a->field : "");
	db_bind_text(st, 8, a->old_value);
	db_bind_text(st, 9, a->new_value);
	db_bind_text(st, 10, prev);
	db_bind_text(st, 11, hash);
	return db_step_done(db, st, e);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int
audit_verify(struct db *db, int64_t *bad_id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, at, actor, action, entity, COALESCE(entity_id, 0), field,"
		" old_value, new_value, prev_hash, hash FROM audit ORDER BY id", e);
	char prev[65] = GENESIS, hash[65];
	int rc;

	*bad_id = 0;
	if (st == NULL)
		return e->status;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry a = {
			.action = col(st, 3), .entity = col(st, 4),
			.entity_id = sqlite3_column_int64(st, 5), .field = col(st, 6),
			.old_value = col(st, 7), .new_value = col(st, 8),
		};
		int64_t id = sqlite3_column_int64(st, 0);

		row_hash(prev, sqlite3_column_int64(st, 1), col(st, 2), &a, hash);
		if (strcmp(prev, col(st, 9)) != 0 || strcmp(hash, col(st, 10)) != 0) {
			sqlite3_reset(st);
			*bad_id = id;
			return mado_err_set(e, MADO_EDATA,
				_("audit trail broken at row %lld: its hash does not match its contents"
				" or the row before it"), (long long)id);
		}
		g_strlcpy(prev, hash, sizeof prev);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "audit verify");
}

int
audit_history(struct db *db, const char *entity, int64_t entity_id, audit_row_fn fn,
	void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, at, COALESCE(entity_id, 0), actor, action, entity, field,"
		" old_value, new_value FROM audit WHERE entity = ?1 AND entity_id = ?2"
		" ORDER BY id", e);
	int rc;

	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, entity);
	sqlite3_bind_int64(st, 2, entity_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_row r = {
			.id = sqlite3_column_int64(st, 0), .at = sqlite3_column_int64(st, 1),
			.entity_id = sqlite3_column_int64(st, 2), .actor = col(st, 3),
			.action = col(st, 4), .entity = col(st, 5), .field = col(st, 6),
			.old_value = col(st, 7), .new_value = col(st, 8),
		};
		fn(&r, ctx);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MADO_OK : db_fail(db, rc, e, "audit history");
}
