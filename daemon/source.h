/* A mail source hands its messages to a sink and acknowledges each on its
 * server (IMAP \Seen, POP3 DELE, Maildir move to cur/) only after the
 * sink said MADO_OK: the message is durably committed, or was taken in
 * before. Any other status leaves it where it is to be fetched again;
 * MADO_ETEMP (the database stayed busy) ends the pass early.
 *
 * Messages go in batches (SOURCE_BATCH, SOURCE_BATCH_BYTES): a sink that can take a
 * batch in one commit (one fsync for all of them) does; when the batch
 * fails, its messages are taken one by one, so one bad message costs only
 * itself. A batch is acknowledged only after its commit. */
#ifndef MADO_DAEMON_SOURCE_H
#define MADO_DAEMON_SOURCE_H

#include <curl/curl.h>
#include <signal.h>
#include <stddef.h>

#include "base/err.h"
#include "core/config_mail.h"

/* A batch: this many messages at most, and no more bytes than
 * SOURCE_BATCH_BYTES (but at least one message, however large). */
enum { SOURCE_BATCH = 100, SOURCE_BATCH_BYTES = 16 * 1024 * 1024 };

/* One message of a batch: what the source read, and what became of it. */
struct source_msg {
	char *raw;            /* owned by the source */
	size_t len;
	char *what;           /* names it in the log ("UID 5", a path) */
	unsigned long ref;    /* the source's own (IMAP UID, POP3 number) */
	int status;           /* set by source_take(): MADO_OK once committed */
};

typedef int (*source_take_fn)(const char *raw, size_t len, void *ctx, struct mado_err *e);
/* All n messages in one commit, or nothing (the caller then goes one by one). */
typedef int (*source_batch_fn)(const struct source_msg *msgs, int n, void *ctx,
	struct mado_err *e);

struct source_sink {
	source_take_fn take;
	void *ctx;
	const volatile sig_atomic_t *stop;  /* when set, the pass ends after the
	                                     * batch being taken; may be NULL */
	source_batch_fn batch;              /* may be NULL: one by one */
};

struct source_counts {
	int taken;     /* committed (or duplicates) and acknowledged */
	int failed;    /* refused by the sink; left on the server */
};

/* The password of an IMAP/POP3 source, read from its password_file (first
 * line), which must be a regular file not readable, writable or runnable
 * by others. conffile names the configuration in messages. Caller frees
 * *out (and should clear it). */
int source_password(const struct mail_source *s, const char *conffile, char **out,
	struct mado_err *e);

/* Sets the TLS options of an IMAP/POP3 source's libcurl handle: trust
 * ca_file (when set) for the certificate, verified as for imaps://, and
 * STARTTLS on imap:// and pop3:// as starttls says. */
void source_curl_tls(CURL *curl, const struct mail_source *s);
/* What the libcurl error rc means for source s ("STARTTLS not offered:
 * nothing sent" for a refused starttls = require). */
const char *source_curl_error(const struct mail_source *s, CURLcode rc);

/* One pass over a source: takes every message waiting, then disconnects. */
int source_fetch(const struct mail_source *s, const char *conffile,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e);

/* Takes msgs[0..n) into the sink (a batch, else one by one), setting each
 * status, counting them in c and logging refusals. MADO_ETEMP (the rest
 * left untaken, e set) when the database stayed busy, else MADO_OK. */
int source_take(const struct mail_source *s, const struct source_sink *sink,
	struct source_msg *msgs, int n, struct source_counts *c, struct mado_err *e);
/* Frees what the messages hold and empties them. */
void source_msgs_clear(struct source_msg *msgs, int n);

/* Whether the sink asked the pass to stop. */
static inline bool
source_stopping(const struct source_sink *sink)
{
	return sink->stop != NULL && *sink->stop;
}

#endif
