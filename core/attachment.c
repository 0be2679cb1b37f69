#include "attachment.h"

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/ticket_store.h"

/* A cut name keeps an extension up to this long, so it still opens. */
#define EXTENSION_KEEP_MAX 16

/* ---- names and types ---- */

/* Characters a name never keeps: controls (C0, DEL, C1), format
 * characters (bidirectional overrides that make "txt.exe" read as
 * "exe.txt", zero-width ones) and line or paragraph separators. */
static bool
name_char_dropped(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT ||
		t == G_UNICODE_LINE_SEPARATOR || t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* The part after the last '/' or '\\', without the dropped characters. */
static GString *
last_component(const char *s)
{
	const char *base = s;
	GString *out = g_string_new(NULL);

	for (const char *p = s; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	for (const char *p = base; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!name_char_dropped(c))
			g_string_append_unichar(out, c);
	}
	return out;
}

/* s without leading white space and dots (no hidden files, no "..") and
 * without trailing white space. Newly allocated. */
static char *
trim_name(const char *s)
{
	const char *end = s + strlen(s);

	while (*s != '\0' && (*s == '.' || g_unichar_isspace(g_utf8_get_char(s))))
		s = g_utf8_next_char(s);
	while (end > s) {
		const char *prev = g_utf8_find_prev_char(s, end);

		if (prev == NULL || !g_unichar_isspace(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	return g_strndup(s, (gsize)(end - s));
}

/* name cut to ATTACHMENT_NAME_MAX characters, keeping a short extension. */
static char *
cut_name(char *name)
{
	glong n = g_utf8_strlen(name, -1);
	const char *dot = strrchr(name, '.');
	glong ext = dot != NULL ? g_utf8_strlen(dot, -1) : 0;
	char *stem, *cut;

	if (n <= ATTACHMENT_NAME_MAX)
		return name;
	if (ext > EXTENSION_KEEP_MAX)
		ext = 0;
	stem = g_utf8_substring(name, 0, ATTACHMENT_NAME_MAX - ext);
	cut = g_strconcat(stem, ext > 0 ? dot : "", NULL);
	g_free(stem);
	g_free(name);
	return cut;
}

char *
attachment_clean_name(const char *name)
{
	char *valid = g_utf8_make_valid(name != NULL ? name : "", -1);
	GString *base = last_component(valid);
	char *nfc = g_utf8_normalize(base->str, -1, G_NORMALIZE_NFC);
	char *clean = cut_name(trim_name(nfc != NULL ? nfc : ""));

	g_free(valid);
	g_string_free(base, TRUE);
	g_free(nfc);
	if (*clean == '\0') {
		g_free(clean);
		return g_strdup("attachment");
	}
	return clean;
}

/* What the desk is sent: office documents, PDFs, screenshots, logs,
 * forwarded mail and archives. Anything else is sniffed or opaque. */
static const char *const mime_by_extension[][2] = {
	{ "txt", "text/plain" }, { "log", "text/plain" }, { "md", "text/markdown" },
	{ "csv", "text/csv" }, { "tsv", "text/tab-separated-values" },
	{ "htm", "text/html" }, { "html", "text/html" },
	{ "xml", "application/xml" }, { "json", "application/json" },
	{ "pdf", "application/pdf" },
	{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
	{ "gif", "image/gif" }, { "bmp", "image/bmp" }, { "webp", "image/webp" },
	{ "tif", "image/tiff" }, { "tiff", "image/tiff" }, { "svg", "image/svg+xml" },
	{ "doc", "application/msword" }, { "xls", "application/vnd.ms-excel" },
	{ "ppt", "application/vnd.ms-powerpoint" },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
	{ "odt", "application/vnd.oasis.opendocument.text" },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ "eml", "message/rfc822" }, { "zip", "application/zip" },
	{ "gz", "application/gzip" }, { "7z", "application/x-7z-compressed" },
};

/* UTF-8 without NUL or control characters other than tab, line ends and
 * form feed: what a pager shows as text. */
static bool
looks_like_text(const char *s, size_t len)
{
	if (!g_utf8_validate_len(s, len, NULL))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
			return false;
	}
	return true;
}

const char *
attachment_guess_mime(const char *name, const void *data, size_t len)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot != NULL && i < G_N_ELEMENTS(mime_by_extension); i++)
		if (g_ascii_strcasecmp(dot + 1, mime_by_extension[i][0]) == 0)
			return mime_by_extension[i][1];
	return len > 0 && looks_like_text(data, len) ? "text/plain" : "application/octet-stream";
}

/* ---- attaching ---- */

int
attachment_check_size(struct db *db, const char *name, int64_t size, struct mado_err *e)
{
	int64_t max;
	char *have, *limit;
	int st = attachment_max_bytes_get(db, &max, e);

	if (st != MADO_OK || size <= max)
		return st;
	have = g_format_size_full((guint64)size, G_FORMAT_SIZE_IEC_UNITS);
	limit = g_format_size_full((guint64)max, G_FORMAT_SIZE_IEC_UNITS);
	mado_err_set(e, MADO_EDATA, _("%s: too large to attach (%s); the limit is %s"
		" (setting attachment.max_bytes = %lld)"), name, have, limit, (long long)max);
	g_free(have);
	g_free(limit);
	return MADO_EDATA;
}

/* The owner as messages name it, MADO_ENOTFOUND with a message when it
 * does not exist. */
static int
owner_get(struct db *db, const char *owner_type, int64_t owner_id,
	struct attachment_owner *owner, struct mado_err *e)
{
	int st = attachment_owner_get(db, owner_type, owner_id, owner, e);

	if (st != MADO_ENOTFOUND)
		return st;
	if (strcmp(owner_type, "kb") == 0)
		return mado_err_set(e, st, _("no knowledge article with id %lld"),
			(long long)owner_id);
	return mado_err_set(e, st, _("no ticket with id %lld"), (long long)owner_id);
}

struct add_ctx {
	const struct actor *actor;
	const char *owner_type;
	int64_t owner_id;
	const char *name, *mime, *sha256;
	const void *data;
	size_t len;
	int64_t id;              /* out */
};

int
attachment_record(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, const char *name, const char *mime, const char *sha256, int64_t size,
	int64_t *id, struct mado_err *e)
{
	struct attachment_insert in = {
		.owner_type = owner_type, .owner_id = owner_id, .sha256 = sha256,
		.filename = name, .mime = mime, .size = size,
		.created_at = mado_now(), .created_by = actor->staff_id,
	};
	char *value = g_strdup_printf("%s sha256:%s", name, sha256);
	struct audit_entry row = {
		.action = "attach", .entity = owner_type, .entity_id = owner_id,
		.field = "attachment", .old_value = NULL, .new_value = value,
	};
	int st = attachment_insert(db, &in, id, e);

	if (st == MADO_OK)
		st = actor_audit(db, actor, &row, e);
	/* An attachment is news on the ticket: it moves up the lists. */
	if (st == MADO_OK && strcmp(owner_type, "ticket") == 0)
		st = ticket_touch(db, owner_id, in.created_at, e);
	g_free(value);
	return st;
}

static int
add_txn(struct db *db, void *p, struct mado_err *e)
{
	struct add_ctx *a = p;
	struct attachment_owner owner;
	int st;

	if ((st = owner_get(db, a->owner_type, a->owner_id, &owner, e)) != MADO_OK)
		return st;
	/* The same content attached again (here or anywhere) is stored once. */
	if ((st = blob_put(db, a->sha256, a->data, a->len, e)) != MADO_OK)
		return st;
	return attachment_record(db, a->actor, a->owner_type, a->owner_id, a->name, a->mime,
		a->sha256, (int64_t)a->len, &a->id, e);
}

int
attachment_add(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, const char *filename, const void *data, size_t len, int64_t *id,
	struct mado_err *e)
{
	struct add_ctx a = {
		.actor = actor, .owner_type = owner_type, .owner_id = owner_id, .data = data,
		.len = len,
	};
	char *name = NULL;
	int st = role_require(actor, ROLE_OPERATOR, _("attaching a file"), e);

	if (st == MADO_OK) {
		name = attachment_clean_name(filename);
		st = attachment_check_size(db, name, (int64_t)len, e);
	}
	if (st == MADO_OK) {
		/* Hashed before the write lock is taken: 20 MB take a while. */
		char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);

		a.name = name;
		a.mime = attachment_guess_mime(name, data, len);
		a.sha256 = sha;
		st = db_txn(db, add_txn, &a, e);
		g_free(sha);
	}
	if (st == MADO_OK)
		*id = a.id;
	g_free(name);
	return st;
}

/* ---- reading ---- */

/* Whoever may read a ticket or a public article may read what is attached
 * to it; internal articles are for operators, as in core/kb.c. */
static int
may_read(struct db *db, const struct actor *actor, const char *owner_type, int64_t owner_id,
	struct mado_err *e)
{
	struct attachment_owner owner;
	int st = role_require(actor, ROLE_STAFF, _("reading attachments"), e);

	if (st == MADO_OK)
		st = owner_get(db, owner_type, owner_id, &owner, e);
	if (st == MADO_OK && strcmp(owner_type, "kb") == 0 && !owner.public &&
	    actor->role < ROLE_OPERATOR)
		return mado_err_set(e, MADO_EPERM,
			_("FAQ %s is internal: reading its attachments needs the operator role"),
			owner.ref);
	return st;
}

int
attachment_list(struct db *db, const struct actor *actor, const char *owner_type,
	int64_t owner_id, attachment_row_fn fn, void *ctx, struct mado_err *e)
{
	int st = may_read(db, actor, owner_type, owner_id, e);

	return st != MADO_OK ? st : attachment_each(db, owner_type, owner_id, fn, ctx, e);
}

int
attachment_read(struct db *db, const struct actor *actor, int64_t id,
	struct attachment_row *row, void **data, size_t *len, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("reading attachments"), e);

	*data = NULL;
	*len = 0;
	memset(row, 0, sizeof *row);
	if (st == MADO_OK && (st = attachment_get(db, id, row, e)) == MADO_ENOTFOUND)
		st = mado_err_set(e, st, _("no attachment with id %lld"), (long long)id);
	if (st == MADO_OK)
		st = may_read(db, actor, row->owner_type, row->owner_id, e);
	if (st == MADO_OK && (st = blob_get(db, row->sha256, data, len, e)) == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_EFAIL, "attachment %lld: content %s is missing",
			(long long)id, row->sha256);
	if (st != MADO_OK)
		attachment_row_clear(row);
	return st;
}
