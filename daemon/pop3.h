/* POP3 and POP3S through libcurl: UIDL, then RETR of each message not
 * taken before, the sink, and DELE (with delete_after) only once the sink
 * took it; the deletions take effect at QUIT, when the pass ends. */
#ifndef MADO_DAEMON_POP3_H
#define MADO_DAEMON_POP3_H

#include <glib.h>

#include "daemon/source.h"

/* taken: the UIDLs taken by earlier passes of this process (kept across
 * passes when messages stay on the server), added to; may be NULL. */
int pop3_take_all(const struct mail_source *s, const char *password, GHashTable *taken,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e);

#endif
