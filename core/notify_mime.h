/* A notification as a MIME message, built with GMime. Japanese goes out as
 * Japanese mail clients expect it: for lang "ja" the subject as RFC 2047
 * ISO-2022-JP words and the body text/plain; charset=ISO-2022-JP in 7bit
 * when every character can be written so, else UTF-8 (words in the
 * subject, base64 in the body); other languages UTF-8 (quoted-printable
 * or base64, whichever is shorter) or plain US-ASCII. Every value that
 * reaches a header is cleaned of CR, LF and other control characters. */
#ifndef MADO_NOTIFY_MIME_H
#define MADO_NOTIFY_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct notify_mail {
	const char *from;            /* "Name <desk@example.jp>" or an address */
	const char *to;              /* one address */
	const char *subject, *body;  /* UTF-8 */
	const char *lang;            /* "ja" or "en" */
	const char *message_id;      /* without <> */
	const char *in_reply_to;     /* without <>, or NULL */
	const char *const *references; /* without <>, oldest first */
	int nreferences;
	const char *auto_submitted;  /* "auto-replied", "auto-generated" or NULL */
	int64_t date;                /* Unix seconds, written in JST */
};

/* The message with CRLF line ends, as SMTP carries it: *raw newly
 * allocated (g_free), *len its length. MADO_EDATA when From or To is not
 * a usable address. */
int notify_mime_build(const struct notify_mail *m, char **raw, size_t *len,
	struct mado_err *e);

/* A new Message-ID (without <>) in domain: newly allocated (g_free). */
char *notify_message_id_new(const char *domain);

/* The addr-spec of an address as given in [smtp] from ("Name <a@b>" or
 * "a@b"), for the SMTP envelope and the Message-ID's domain; newly
 * allocated (g_free), NULL when there is none. */
char *notify_address_of(const char *from);

/* A plain address fit for RCPT TO and To: (one '@', printable ASCII, no
 * spaces or specials). */
bool notify_address_ok(const char *addr);

#endif
