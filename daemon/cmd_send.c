/* madod send --once: one pass over the outbox (daemon/notify.h). */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "madod.h"
#include "notify.h"

int
madod_send(const struct madod_ctx *c, int argc, char **argv)
{
	struct config cfg;
	struct db *db;
	struct mado_err e = { 0 };
	struct notify_counts n;
	struct notify_cfg ncfg = { 0 };
	int st;

	if (argc != 2 || strcmp(argv[1], "--once") != 0)
		return madod_usage(argv[0], _("send needs --once"));
	if (madod_open(c, &cfg, &db, &e) != MADO_OK)
		return madod_fail(&e);
	ncfg.smtp = &cfg.smtp;
	st = notify_run(db, &ncfg, &n, &e);
	if (st == MADO_OK) {
		printf(_("sent %d, to retry %d, failed %d\n"), n.sent, n.retry, n.failed);
		if (n.last_error[0] != '\0')
			fprintf(stderr, _("madod: last error: %s\n"), n.last_error);
	} else
		madod_fail(&e);
	db_close(db);
	config_free(&cfg);
	return st;
}
