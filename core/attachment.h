/* Attachments of tickets and knowledge articles: files (screenshots,
 * manuals, logs) stored in the database, content-addressed by SHA-256 so
 * the same file attached twice is kept once. Attaching needs the operator
 * role and is audited; reading needs the role that reads the owner. */
#ifndef MADO_ATTACHMENT_H
#define MADO_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/identity.h"
#include "db/attachment_store.h"
#include "db/db.h"

/* A stored file name is at most this many characters. */
#define ATTACHMENT_NAME_MAX 200

/* The name a file is stored and offered under: valid UTF-8 in NFC, its
 * last path component only ('/' and '\\' both separate: names come from
 * Windows too), without control characters, leading dots or surrounding
 * white space, at most ATTACHMENT_NAME_MAX characters (the extension is
 * kept when the rest is cut), "attachment" when nothing is left. So it
 * can never name another directory or a hidden file, and never starts a
 * terminal's escape sequence. Newly allocated (g_free()). */
char *attachment_clean_name(const char *name);

/* The MIME type by the name's extension, else text/plain for data that
 * is UTF-8 text, else application/octet-stream. A static string. */
const char *attachment_guess_mime(const char *name, const void *data, size_t len);

/* MADO_OK when a file of size bytes may be attached; MADO_EDATA naming
 * name, its size and the limit (setting attachment.max_bytes) when not.
 * Lets a caller refuse a large file before reading it. */
int attachment_check_size(struct db *db, const char *name, int64_t size,
	struct mado_err *e);

/* Attaches len bytes of data to owner ("ticket" or "kb", with its id)
 * under the cleaned filename, in one transaction with its audit row
 * (action "attach", the name and the SHA-256); a ticket's last change
 * becomes now. *id receives the attachment's id. Needs the operator
 * role; a missing owner is MADO_ENOTFOUND, too much data MADO_EDATA. */
int attachment_add(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, const char *filename, const void *data, size_t len, int64_t *id,
	struct mado_err *e);

/* In the caller's transaction: names the blob sha256 (already stored,
 * size bytes) as an attachment of owner, with the audit row, and moves a
 * ticket's last change to now. No role or size check: for what the
 * system itself keeps with a record, such as the raw mail a ticket came
 * from, which is kept whatever its size. */
int attachment_record(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, const char *name, const char *mime, const char *sha256, int64_t size,
	int64_t *id, struct mado_err *e);

/* Calls fn for each attachment of the owner, oldest first. Needs the role
 * that reads the owner: any for a ticket or a public article, operator
 * for an internal article. */
int attachment_list(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, attachment_row_fn fn, void *ctx, struct mado_err *e);

/* Attachment id's description (free with attachment_row_clear()) and
 * content: *data is newly allocated (free()) and NUL-terminated after its
 * *len bytes. The same roles as attachment_list(); MADO_ENOTFOUND when
 * there is no such attachment. */
int attachment_read(struct db *db, const struct actor *actor, int64_t id,
	struct attachment_row *row, void **data, size_t *len, struct mado_err *e);

#endif
