#include "service.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "daemon/intake.h"
#include "daemon/jobs.h"
#include "daemon/notify.h"
#include "daemon/source_watch.h"
#include "log.h"

volatile sig_atomic_t service_stopping;

static int sig_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;

	if (sig == SIGTERM || sig == SIGINT)
		service_stopping = 1;
	if (write(sig_pipe[1], &b, 1) < 0) {
		/* the pipe is full: a wake-up is already pending */
	}
	errno = saved;
}

static int
signals_open(void)
{
	struct sigaction sa;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

/* What the service runs with; replaced as a whole on reload. */
struct service {
	struct config cfg;
	struct db *db;
	struct intake_setup setup;
	struct watches watches;
};

static int
service_open(const struct madod_ctx *c, struct service *s, struct mado_err *e)
{
	int st = madod_open(c, &s->cfg, &s->db, e);

	if (st != MADO_OK)
		return st;
	if ((st = intake_setup_load(&s->cfg, &s->setup, e)) != MADO_OK) {
		db_close(s->db);
		config_free(&s->cfg);
		return st;
	}
	log_open(s->cfg.madod.log_syslog);
	jobs_schedule(s->db, &s->cfg);
	watches_open(&s->watches, &s->cfg);
	return MADO_OK;
}

static void
service_close(struct service *s)
{
	watches_close(&s->watches);
	intake_setup_free(&s->setup);
	db_close(s->db);
	config_free(&s->cfg);
}

/* SIGHUP: the new configuration replaces the old one only when it loads,
 * its database opens and its alert rules load. */
static void
reload(const struct madod_ctx *c, struct service **s)
{
	struct service *next = calloc(1, sizeof *next);
	struct mado_err e = { 0 };

	if (service_open(c, next, &e) != MADO_OK) {
		log_msg(LOG_ERR, _("reload failed, keeping the running configuration: %s"), e.msg);
		free(next);
		return;
	}
	service_close(*s);
	free(*s);
	*s = next;
	log_msg(LOG_NOTICE, _("configuration reloaded from %s"),
		next->cfg.path ? next->cfg.path : _("(none; defaults)"));
}

/* The outbox, once per turn when [smtp] from is set. */
static void
send_outbox(struct service *s)
{
	struct notify_cfg ncfg = { .smtp = &s->cfg.smtp, .stop = &service_stopping };
	struct mado_err e = { 0 };
	int sent = 0;

	if (s->cfg.smtp.from == NULL)
		return;
	if (notify_run_once(s->db, &ncfg, &sent, &e) != MADO_OK)
		log_msg(LOG_ERR, _("outbox: %s"), e.msg);
	else if (sent > 0)
		log_msg(LOG_INFO, _("outbox: %d sent"), sent);
}

/* Reads what the signal handlers wrote; true when asked to reload. */
static bool
drain_signals(void)
{
	unsigned char buf[64];
	bool hup = false;
	ssize_t n;

	while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++)
			hup |= buf[i] == SIGHUP;
	return hup;
}

int
service_run(const struct madod_ctx *c)
{
	struct service *s = calloc(1, sizeof *s);
	struct mado_err e = { 0 };

	if (service_open(c, s, &e) != MADO_OK) {
		free(s);
		return madod_fail(&e);
	}
	if (signals_open() != 0) {
		service_close(s);
		free(s);
		mado_err_set(&e, MADO_EFAIL, _("cannot set up signal handling: %s"), strerror(errno));
		return madod_fail(&e);
	}
	log_msg(LOG_NOTICE, _("started (configuration %s, %d mail sources)"),
		s->cfg.path ? s->cfg.path : _("(none; defaults)"), s->cfg.madod.nsources);
	for (;;) {
		struct pollfd pfd[1 + s->watches.n];
		int timeout = s->cfg.madod.poll_seconds * 1000, n;

		jobs_run_due(s->db, &s->cfg, &service_stopping);
		if (!service_stopping)
			send_outbox(s);
		if (service_stopping)
			break;
		pfd[0] = (struct pollfd){ .fd = sig_pipe[0], .events = POLLIN };
		n = watches_poll_set(&s->watches, pfd + 1, &timeout);
		if (poll(pfd, (nfds_t)n + 1, timeout) < 0 && errno != EINTR) {
			log_msg(LOG_ERR, "poll: %s", strerror(errno));
			break;
		}
		if (drain_signals() && !service_stopping)
			reload(c, &s);
		else if (!service_stopping)
			watches_turn(&s->watches, pfd + 1, n, s->db, &s->setup, &service_stopping);
		if (service_stopping)
			break;
	}
	log_msg(LOG_NOTICE, _("stopped"));
	service_close(s);
	free(s);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	return MADO_OK;
}
