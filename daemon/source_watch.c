#include "source_watch.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "daemon/imap.h"
#include "daemon/log.h"
#include "daemon/maildir.h"
#include "daemon/pop3.h"
#include "daemon/source.h"

/* Servers end IDLE after 30 minutes; it is renewed before. */
enum { IDLE_RENEW_SECONDS = 25 * 60 };

struct source_watch {
	const struct mail_source *src;
	int64_t due;            /* monotonic seconds: the next pass */
	struct imap *idle;      /* a connection waiting in IDLE, or NULL */
	int64_t idle_since;
	GHashTable *pop3_taken; /* POP3 UIDLs taken while they stay on the server */
};

void
watches_open(struct watches *ws, const struct config *cfg)
{
	int64_t now = mado_monotonic_s();

	ws->cfg = cfg;
	ws->n = cfg->madod.nsources;
	ws->w = calloc((size_t)ws->n + 1, sizeof *ws->w);
	for (int i = 0; i < ws->n; i++) {
		ws->w[i].src = &cfg->madod.sources[i];
		ws->w[i].due = now;
		ws->w[i].pop3_taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
}

void
watches_close(struct watches *ws)
{
	for (int i = 0; i < ws->n; i++) {
		imap_close(ws->w[i].idle);
		g_hash_table_destroy(ws->w[i].pop3_taken);
	}
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

int
watches_poll_set(struct watches *ws, struct pollfd *pfd, int *timeout_ms)
{
	int64_t now = mado_monotonic_s();
	int n = 0;

	for (int i = 0; i < ws->n; i++) {
		struct source_watch *w = &ws->w[i];
		int64_t wait = w->due - now;

		if (w->idle != NULL)
			pfd[n++] = (struct pollfd){ .fd = imap_socket(w->idle), .events = POLLIN };
		if (wait < 0)
			wait = 0;
		if (wait * 1000 < *timeout_ms)
			*timeout_ms = (int)(wait * 1000);
	}
	return n;
}

static void
report(const struct mail_source *s, int st, const struct source_counts *c,
	const struct mado_err *e)
{
	if (st != MADO_OK)
		log_msg(LOG_ERR, _("source %s: %d taken, %d left in place: %s"), s->name, c->taken,
			c->failed, e->msg);
	else if (c->taken > 0 || c->failed > 0)
		log_msg(c->failed > 0 ? LOG_WARNING : LOG_INFO,
			_("source %s: %d taken, %d left in place"), s->name, c->taken, c->failed);
}

/* An IMAP pass that ends waiting in IDLE when the server offers it. */
static int
imap_pass(struct source_watch *w, const char *conffile, const struct source_sink *sink,
	struct source_counts *c, struct mado_err *e)
{
	char *pw = NULL;
	int st = MADO_OK;

	if (w->idle == NULL) {
		if ((st = source_password(w->src, conffile, &pw, e)) == MADO_OK)
			st = imap_open(w->src, pw, &w->idle, e);
		if (pw != NULL) {
			explicit_bzero(pw, strlen(pw));
			g_free(pw);
		}
	}
	if (st == MADO_OK)
		st = imap_take_unseen(w->idle, w->src, sink, c, e);
	if (st == MADO_OK && w->src->idle && imap_can_idle(w->idle) && !source_stopping(sink)) {
		st = imap_idle_start(w->idle, e);
		w->idle_since = mado_monotonic_s();
	} else {
		imap_close(w->idle);
		w->idle = NULL;
	}
	if (st != MADO_OK) {
		imap_close(w->idle);
		w->idle = NULL;
	}
	return st;
}

static int
pass(struct source_watch *w, const char *conffile, const struct source_sink *sink,
	struct source_counts *c, struct mado_err *e)
{
	char *pw = NULL;
	int st;

	switch (w->src->type) {
	case SOURCE_MAILDIR:
		return maildir_take_all(w->src, sink, c, e);
	case SOURCE_IMAP:
	case SOURCE_IMAPS:
		return imap_pass(w, conffile, sink, c, e);
	case SOURCE_POP3:
	case SOURCE_POP3S:
		break;
	}
	if ((st = source_password(w->src, conffile, &pw, e)) == MADO_OK)
		st = pop3_take_all(w->src, pw, w->src->delete_after ? NULL : w->pop3_taken, sink, c,
			e);
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		g_free(pw);
	}
	return st;
}

/* Whether w's IDLE connection has something to say, must be renewed or
 * its timer ran out; ends IDLE when so (a pass follows either way). */
static bool
idle_woke(struct source_watch *w, const struct pollfd *pfd, int npfd)
{
	struct mado_err e = { 0 };
	bool readable = false, news;

	for (int k = 0; k < npfd; k++)
		if (pfd[k].fd == imap_socket(w->idle) && pfd[k].revents != 0)
			readable = true;
	if (!readable && mado_monotonic_s() - w->idle_since < IDLE_RENEW_SECONDS &&
	    mado_monotonic_s() < w->due)
		return false;
	if (imap_idle_stop(w->idle, &news, &e) != MADO_OK) {
		log_msg(LOG_WARNING, "%s", e.msg);
		imap_close(w->idle);
		w->idle = NULL;   /* the pass opens a fresh connection */
	}
	return true;
}

void
watches_turn(struct watches *ws, const struct pollfd *pfd, int npfd, struct db *db,
	const struct intake_setup *setup, const volatile sig_atomic_t *stop)
{
	for (int i = 0; i < ws->n && !*stop; i++) {
		struct source_watch *w = &ws->w[i];
		struct intake_target t = { .db = db, .opts = &setup->opts, .queue = w->src->queue };
		struct source_sink sink = { intake_take, &t, stop, intake_take_batch };
		struct source_counts c = { 0 };
		struct mado_err e = { 0 };
		int st;

		if (w->idle != NULL ? !idle_woke(w, pfd, npfd)
		    : mado_monotonic_s() < w->due)
			continue;
		st = pass(w, ws->cfg->path, &sink, &c, &e);
		report(w->src, st, &c, &e);
		w->due = mado_monotonic_s() + w->src->poll_seconds;
	}
}
