/* madod run (the service, in the foreground) and madod fetch --once. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "log.h"
#include "madod.h"
#include "service.h"

int
madod_run(const struct madod_ctx *c, int argc, char **argv)
{
	if (argc > 1)
		return madod_usage(argv[0], _("unexpected argument '%s'"), argv[1]);
	return service_run(c);
}

int
madod_fetch(const struct madod_ctx *c, int argc, char **argv)
{
	struct config cfg;
	struct db *db;
	struct mado_err e = { 0 };

	if (argc != 2 || strcmp(argv[1], "--once") != 0)
		return madod_usage(argv[0], _("fetch needs --once"));
	if (madod_open(c, &cfg, &db, &e) != MADO_OK)
		return madod_fail(&e);
	log_open(false);
	log_msg(LOG_INFO, _("no mail sources configured"));
	db_close(db);
	config_free(&cfg);
	return MADO_OK;
}
