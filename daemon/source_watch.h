/* The mail sources inside `madod run`: each source is fetched when its
 * timer (poll_seconds) runs out; an IMAP source whose server offers IDLE
 * keeps its connection open waiting in IDLE between passes, its socket in
 * the service's poll() set, and is fetched as soon as the server announces
 * new mail (and at least every poll_seconds, re-entering IDLE). A source
 * that fails is tried again at its next turn; the failure is logged. */
#ifndef MADO_DAEMON_SOURCE_WATCH_H
#define MADO_DAEMON_SOURCE_WATCH_H

#include <poll.h>
#include <signal.h>

#include "core/config.h"
#include "daemon/intake.h"

struct source_watch;

struct watches {
	struct source_watch *w;
	int n;
	const struct config *cfg;
};

/* One watch per source of cfg (which must outlive them), all due now. */
void watches_open(struct watches *ws, const struct config *cfg);
void watches_close(struct watches *ws);

/* Fills pfd (room for ws->n) with the sockets of connections in IDLE;
 * returns how many. *timeout_ms is lowered to the nearest timer. */
int watches_poll_set(struct watches *ws, struct pollfd *pfd, int *timeout_ms);

/* Runs every source that is due or whose IDLE socket is readable (pfd as
 * filled by watches_poll_set and polled), into db; stops early when *stop. */
void watches_turn(struct watches *ws, const struct pollfd *pfd, int npfd, struct db *db,
	const struct intake_setup *setup, const volatile sig_atomic_t *stop);

#endif
