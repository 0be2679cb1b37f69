/* madod check-config: validates the configuration, opens (and migrates)
 * the database and loads the workflows, saying exactly what is wrong. */
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "core/workflow.h"
#include "madod.h"

int
madod_check_config(const struct madod_ctx *c, int argc, char **argv)
{
	static const char *const kinds[] = { "inquiry", "incident", "request" };
	struct config cfg;
	struct mado_err e = { 0 };
	struct db *db = NULL;
	char *path = NULL;
	bool demo = false;
	int st;

	if (argc > 1)
		return madod_usage(argv[0], _("unexpected argument '%s'"), argv[1]);
	st = config_load(&cfg, &e);
	if (st != MADO_OK)
		return madod_fail(&e);
	printf(_("configuration: %s\n"), cfg.path ? cfg.path : _("(none; defaults)"));
	st = config_db_path(&cfg, c->cli_db, &path, &demo, &e);
	if (st == MADO_OK)
		st = db_open(path, 0, &db, &e);
	if (st == MADO_OK)
		printf(_("database: %s%s (schema %d)\n"), path, demo ? _(" [demo]") : "",
			db_schema_version(db));
	for (int i = 0; i < 3 && st == MADO_OK; i++) {
		struct workflow wf;

		st = workflow_load(&wf, kinds[i], &e);
		if (st == MADO_OK)
			printf(_("workflow %s: %d statuses, %d transitions\n"), kinds[i],
				wf.nstatuses, wf.ntrans);
	}
	if (st != MADO_OK)
		madod_fail(&e);
	else
		printf(_("configuration OK\n"));
	db_close(db);
	free(path);
	config_free(&cfg);
	return st;
}
