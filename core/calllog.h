/* Call logs (応対履歴): one record per phone contact of the citizen
 * contact center. They are the center's records, so reading them needs
 * the operator role; staff may not. This side only reads: calls are
 * recorded elsewhere. */
#ifndef MADO_CALLLOG_H
#define MADO_CALLLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "db/calllog_store.h"
#include "db/db.h"

enum { CALLLOG_LIST_MAX = 1000 };

/* Calls fn for one page of call logs as f asks (db/calllog_store.h: newest
 * first, keyset by (started_at, id) in either direction, by operator and
 * by a started_at range); *more tells whether rows remain beyond the page.
 * Master names are in the language messages are shown in. Needs the
 * operator role. An unknown operator login or an empty range is
 * MADO_EUSAGE. */
int calllog_list(struct db *db, const struct actor *actor, const struct calllog_filter *f,
	calllog_brief_fn fn, void *ctx, bool *more, struct mado_err *e);

/* Fills row with every field of call log id (free with
 * calllog_row_clear()). Needs the operator role. MADO_ENOTFOUND when there
 * is no such call log. */
int calllog_read(struct db *db, const struct actor *actor, int64_t id,
	struct calllog_row *row, struct mado_err *e);

#endif
