/* Attachments and the blobs they name: statements only. Content is stored
 * once per SHA-256 (blob); each attachment row gives it a name and an
 * owner. Who may attach or read what is decided in core/attachment.c. */
#ifndef MADO_ATTACHMENT_STORE_H
#define MADO_ATTACHMENT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* The setting attachment.max_bytes; MADO_ECONFIG when it is missing or
 * not a positive number. */
int attachment_max_bytes_get(struct db *db, int64_t *out, struct mado_err *e);

/* Whether the owner ("ticket" or "kb") exists and, for a knowledge
 * article, whether it is public. MADO_ENOTFOUND (no message) when there
 * is no such owner; MADO_EDATA for another owner type. */
struct attachment_owner {
	int public;              /* kb: the article is public; tickets: 0 */
	char ref[80];            /* the ticket's number, the article's FAQ number */
};
int attachment_owner_get(struct db *db, const char *owner_type, int64_t owner_id,
	struct attachment_owner *out, struct mado_err *e);

/* Stores data under its hash unless a blob with that hash exists. len may
 * be 0 (data is then ignored). */
int blob_put(struct db *db, const char *sha256, const void *data, size_t len,
	struct mado_err *e);
/* The content of a blob; *data is newly allocated (free()) and followed
 * by a NUL byte, so text can be used as a string. MADO_ENOTFOUND (no
 * message) when absent. */
int blob_get(struct db *db, const char *sha256, void **data, size_t *len,
	struct mado_err *e);

struct attachment_insert {
	const char *owner_type;
	int64_t owner_id;
	const char *sha256, *filename, *mime;
	int64_t size, created_at, created_by;  /* created_by 0: the system account */
};
int attachment_insert(struct db *db, const struct attachment_insert *in, int64_t *id,
	struct mado_err *e);

/* One attachment as listed; strings are valid during the callback only
 * (or, from attachment_get(), until attachment_row_clear()). */
struct attachment_row {
	int64_t id, owner_id, size, created_at;
	char *owner_type, *sha256, *filename, *mime;
	char *created_by;        /* login; "" for the system account */
};
void attachment_row_clear(struct attachment_row *row);

/* Fills row (free with attachment_row_clear()); MADO_ENOTFOUND (no
 * message) when there is no attachment with that id. */
int attachment_get(struct db *db, int64_t id, struct attachment_row *row,
	struct mado_err *e);

/* Calls fn for each attachment of an owner, oldest first. */
typedef void (*attachment_row_fn)(const struct attachment_row *row, void *ctx);
int attachment_each(struct db *db, const char *owner_type, int64_t owner_id,
	attachment_row_fn fn, void *ctx, struct mado_err *e);

#endif
