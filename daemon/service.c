#include "service.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "daemon/jobs.h"
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

struct service {
	const struct madod_ctx *c;
	struct config cfg;
	struct db *db;
};

/* SIGHUP: the new configuration replaces the old one only when it loads
 * and its database opens. */
static void
reload(struct service *s)
{
	struct config cfg;
	struct db *db;
	struct mado_err e = { 0 };

	if (madod_open(s->c, &cfg, &db, &e) != MADO_OK) {
		log_msg(LOG_ERR, _("reload failed, keeping the running configuration: %s"), e.msg);
		return;
	}
	db_close(s->db);
	config_free(&s->cfg);
	s->cfg = cfg;
	s->db = db;
	log_open(cfg.madod.log_syslog);
	jobs_schedule(s->db, &s->cfg);
	log_msg(LOG_NOTICE, _("configuration reloaded from %s"),
		cfg.path ? cfg.path : _("(none; defaults)"));
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
	struct service s = { .c = c };
	struct mado_err e = { 0 };

	if (madod_open(c, &s.cfg, &s.db, &e) != MADO_OK)
		return madod_fail(&e);
	if (signals_open() != 0) {
		db_close(s.db);
		config_free(&s.cfg);
		mado_err_set(&e, MADO_EFAIL, _("cannot set up signal handling: %s"), strerror(errno));
		return madod_fail(&e);
	}
	log_open(s.cfg.madod.log_syslog);
	log_msg(LOG_NOTICE, _("started (configuration %s)"),
		s.cfg.path ? s.cfg.path : _("(none; defaults)"));
	jobs_schedule(s.db, &s.cfg);
	while (!service_stopping) {
		struct pollfd pfd = { .fd = sig_pipe[0], .events = POLLIN };

		jobs_run_due(s.db, &s.cfg, &service_stopping);
		if (service_stopping)
			break;
		if (poll(&pfd, 1, 60 * 1000) < 0 && errno != EINTR) {
			log_msg(LOG_ERR, "poll: %s", strerror(errno));
			break;
		}
		if (drain_signals() && !service_stopping)
			reload(&s);
	}
	log_msg(LOG_NOTICE, _("stopped"));
	db_close(s.db);
	config_free(&s.cfg);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	return MADO_OK;
}
