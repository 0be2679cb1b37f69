/* madod: the companion daemon. This foundation gives it the same choice
 * of database as mado and `madod check-config`, which validates the
 * configuration, opens (and migrates) the database and loads the
 * workflows, saying exactly what is wrong. Mail intake, notifications and
 * jobs build on this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/config.h"
#include "core/workflow.h"
#include "db/db.h"

static int
usage(FILE *fp, int st)
{
	fprintf(fp, _("usage: madod [--db PATH] check-config\n"
		"  check-config  validate the configuration and the database, then exit\n"));
	return st;
}

static int
check_config(const char *cli_db)
{
	static const char *const kinds[] = { "inquiry", "incident", "request" };
	struct config cfg;
	struct mado_err e = { 0 };
	struct db *db = NULL;
	char *path = NULL;
	bool demo = false;
	int st;

	st = config_load(&cfg, &e);
	if (st == MADO_OK) {
		printf(_("configuration: %s\n"), cfg.path ? cfg.path : _("(none; defaults)"));
		st = config_db_path(&cfg, cli_db, &path, &demo, &e);
	}
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
		fprintf(stderr, "madod: %s\n", e.msg);
	else
		printf(_("configuration OK\n"));
	db_close(db);
	free(path);
	config_free(&cfg);
	return st;
}

int
main(int argc, char **argv)
{
	const char *db = NULL;
	int i;

	mado_i18n_init(NULL);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			db = argv[i] + 5;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout, 0);
		else if (strcmp(argv[i], "--version") == 0) {
			printf("madod %s\n", MADO_VERSION);
			return 0;
		} else {
			fprintf(stderr, _("madod: unknown option '%s'\n"), argv[i]);
			return usage(stderr, MADO_EUSAGE);
		}
	}
	if (i + 1 == argc && strcmp(argv[i], "check-config") == 0)
		return check_config(db);
	return usage(stderr, MADO_EUSAGE);
}
