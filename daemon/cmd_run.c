/* madod run (the service, in the foreground) and madod fetch --once. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "daemon/intake.h"
#include "daemon/source.h"
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
	struct intake_setup setup;
	struct config cfg;
	struct db *db;
	struct mado_err e = { 0 };
	int st, worst = MADO_OK;

	if (argc != 2 || strcmp(argv[1], "--once") != 0)
		return madod_usage(argv[0], _("fetch needs --once"));
	if (madod_open(c, &cfg, &db, &e) != MADO_OK)
		return madod_fail(&e);
	log_open(false);
	if ((st = intake_setup_load(&cfg, &setup, &e)) != MADO_OK)
		madod_fail(&e);
	for (int i = 0; i < cfg.madod.nsources && st == MADO_OK; i++) {
		const struct mail_source *s = &cfg.madod.sources[i];
		struct intake_target t = { .db = db, .opts = &setup.opts, .queue = s->queue };
		struct source_sink sink = { intake_take, &t, NULL, intake_take_batch };
		struct source_counts n = { 0 };
		int fst = source_fetch(s, cfg.path, &sink, &n, &e);

		log_msg(fst == MADO_OK && n.failed == 0 ? LOG_INFO : LOG_ERR,
			_("source %s: %d taken, %d left in place%s%s"), s->name, n.taken, n.failed,
			fst == MADO_OK ? "" : ": ", fst == MADO_OK ? "" : e.msg);
		if (fst != MADO_OK || n.failed > 0)
			worst = fst != MADO_OK ? fst : MADO_ETEMP;
	}
	if (cfg.madod.nsources == 0)
		log_msg(LOG_INFO, _("no mail sources configured"));
	intake_setup_free(&setup);
	db_close(db);
	config_free(&cfg);
	return st != MADO_OK ? st : worst;
}
