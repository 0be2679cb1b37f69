/* A Maildir folder as a source: every message in new/, and in cur/ not
 * flagged seen (S), is handed to the sink; once taken it is moved to cur/
 * flagged S, or deleted with delete_after. */
#ifndef MADO_DAEMON_MAILDIR_H
#define MADO_DAEMON_MAILDIR_H

#include "daemon/source.h"

int maildir_take_all(const struct mail_source *s, const struct source_sink *sink,
	struct source_counts *n, struct mado_err *e);

#endif
