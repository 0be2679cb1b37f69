/* One mail message parsed with GMime into what the help desk needs, all
 * text decoded to UTF-8: ISO-2022-JP (and its variants), Shift_JIS/CP932
 * with vendor characters, EUC-JP, UTF-8, quoted-printable and base64,
 * RFC 2047 words and RFC 2231 parameters, also when the charset label is
 * missing or wrong. HTML-only mail becomes readable text. The raw bytes
 * are not copied; callers keep them (they are stored with the ticket). */
#ifndef MADO_MAIL_H
#define MADO_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct mail_addr {
	char *name;     /* display name, UTF-8, "" when none */
	char *email;    /* lower-cased addr-spec, "" when unparseable */
};

struct mail_part {
	char *filename; /* sanitised: no directory parts, no control characters,
	                 * never empty ("attachment-N" when the mail gives none) */
	char *mime;     /* "type/subtype", lower case */
	unsigned char *data;
	size_t size;
};

struct mail_msg {
	char *message_id;        /* without <>; NULL when the message has none */
	char *in_reply_to;       /* without <>; NULL when none */
	char **references;       /* without <>, oldest first */
	int nreferences;
	struct mail_addr from;
	struct mail_addr *to, *cc;
	int nto, ncc;
	char *subject;           /* decoded, one line, "" when none */
	int64_t date;            /* Date: as epoch seconds; 0 when missing or bad */
	char *body;              /* the text: text/plain preferred, else HTML as text */
	struct mail_part *parts; /* attachments (not the text body) */
	int nparts;
	bool auto_submitted;     /* Auto-Submitted other than "no"; X-Autoreply or
	                          * X-Autorespond present */
	bool bulk;               /* Precedence: bulk, junk or list; List-Id present */
	bool bounce;             /* a delivery status notification or from MAILER-DAEMON */
	char *bounce_of;         /* a bounce: the Message-ID it reports on, when found */
};

/* Parses len bytes of raw message (CRLF or LF). Only a message GMime cannot
 * read at all is an error (MADO_EDATA); anything else is parsed as well as
 * can be. Caller frees out with mail_msg_clear(). */
int mail_parse(const char *raw, size_t len, struct mail_msg *out, struct mado_err *e);
void mail_msg_clear(struct mail_msg *m);

#endif
