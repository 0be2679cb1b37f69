/* A mail source hands each message to a sink and acknowledges it on its
 * server (IMAP \Seen, POP3 DELE, Maildir move to cur/) only after the
 * sink returned MADO_OK: the message is durably committed, or was taken
 * in before. Any other status leaves it where it is to be fetched again;
 * MADO_ETEMP (the database stayed busy) ends the pass early. */
#ifndef MADO_DAEMON_SOURCE_H
#define MADO_DAEMON_SOURCE_H

#include <signal.h>
#include <stddef.h>

#include "base/err.h"
#include "core/config_mail.h"

typedef int (*source_take_fn)(const char *raw, size_t len, void *ctx, struct mado_err *e);

struct source_sink {
	source_take_fn take;
	void *ctx;
	const volatile sig_atomic_t *stop;  /* when set, the pass ends after the
	                                     * message being taken; may be NULL */
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

/* One pass over a source: takes every message waiting, then disconnects. */
int source_fetch(const struct mail_source *s, const char *conffile,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e);

/* Whether the sink asked the pass to stop. */
static inline bool
source_stopping(const struct source_sink *sink)
{
	return sink->stop != NULL && *sink->stop;
}

#endif
