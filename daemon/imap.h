/* IMAP and IMAPS through libcurl. libcurl connects, starts TLS and logs
 * in (CURLOPT_CONNECT_ONLY); the commands after that are sent on that
 * connection with curl_easy_send/recv, because libcurl's own FETCH uses
 * BODY[], which sets \Seen before the message is committed, and libcurl
 * has no IDLE (curl/curl#295 proposed one; it was not merged). libcurl's
 * send/recv do not time out on such a connection: every wait here is a
 * poll() with a timeout. Messages are read with BODY.PEEK[] and flagged \Seen (and
 * \Deleted, then expunged, with delete_after) only once the sink took them. */
#ifndef MADO_DAEMON_IMAP_H
#define MADO_DAEMON_IMAP_H

#include <stdbool.h>

#include "daemon/source.h"

struct imap;

/* Connects, logs in and selects the source's mailbox. */
int imap_open(const struct mail_source *s, const char *password, struct imap **out,
	struct mado_err *e);
/* LOGOUT and disconnect; NULL is fine. */
void imap_close(struct imap *im);

/* Takes every unseen (and undeleted) message of the mailbox. */
int imap_take_unseen(struct imap *im, const struct mail_source *s,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e);

/* IDLE (RFC 2177), when the server offers it: imap_idle_start() sends
 * IDLE; the caller polls imap_socket() and calls imap_idle_stop() when it
 * is readable or its timer runs out, which ends IDLE and tells whether
 * new mail was announced. */
bool imap_can_idle(const struct imap *im);
int imap_idle_start(struct imap *im, struct mado_err *e);
int imap_idle_stop(struct imap *im, bool *news, struct mado_err *e);
int imap_socket(const struct imap *im);

#endif
