/* madod: the companion daemon. `madod [--db PATH] [--config FILE] COMMAND`
 * runs one of the commands below; `madod run` is the service itself. */
#include "madod.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"

static const struct madod_command madod_commands[] = {
	{ "run", madod_run, "",
	  N_("run the service in the foreground: mail intake, notifications and jobs") },
	{ "check-config", madod_check_config, "",
	  N_("validate the configuration, its sources and the database, then exit") },
	{ "fetch", madod_fetch, "--once",
	  N_("take in the mail of every configured source once, then exit") },
	{ "send", madod_send, "--once",
	  N_("send the notifications that are due once, then exit") },
	{ "deliver", madod_deliver, "--queue QUEUE",
	  N_("take in one message from standard input (for an MTA's pipe)") },
};
static const int madod_ncommands = (int)(sizeof madod_commands / sizeof madod_commands[0]);

static int
usage(FILE *fp, int st)
{
	fprintf(fp, _("usage: madod [--db PATH] [--config FILE] COMMAND\n"));
	for (int i = 0; i < madod_ncommands; i++) {
		const struct madod_command *m = &madod_commands[i];

		fprintf(fp, "  madod %s%s%s\n      %s\n", m->name, *m->args ? " " : "", m->args,
			_(m->summary));
	}
	return st;
}

int
madod_usage(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "madod %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (int i = 0; i < madod_ncommands; i++)
		if (strcmp(madod_commands[i].name, name) == 0)
			fprintf(stderr, _("usage: madod %s %s\n"), name, madod_commands[i].args);
	return MADO_EUSAGE;
}

int
madod_fail(const struct mado_err *e)
{
	fprintf(stderr, "madod: %s\n", e->msg);
	return e->status != MADO_OK ? e->status : MADO_EFAIL;
}

int
madod_open(const struct madod_ctx *c, struct config *cfg, struct db **db, struct mado_err *e)
{
	char *path = NULL;
	bool demo = false;
	int st;

	*db = NULL;
	st = config_load(cfg, e);
	if (st != MADO_OK)
		return st;
	st = config_db_path(cfg, c->cli_db, &path, &demo, e);
	if (st == MADO_OK)
		st = db_open(path, 0, db, e);
	free(path);
	if (st != MADO_OK)
		config_free(cfg);
	return st;
}

/* --config FILE: the system configuration to read instead of the
 * installed one (MADO_CONFIG does the same). Not for a privileged run. */
static int
use_config(const char *file)
{
	if (mado_env_privileged()) {
		fprintf(stderr, _("madod: --config cannot be used by an installed (setgid) program\n"));
		return MADO_EUSAGE;
	}
	return setenv("MADO_CONFIG", file, 1) == 0 ? MADO_OK : MADO_EFAIL;
}

int
main(int argc, char **argv)
{
	struct madod_ctx c = { 0 };
	int i, st;

	mado_i18n_init(NULL);
	/* libcurl reads it with plain getenv (OpenSSL's own variables are
	 * ignored for a setgid program): the caller must not get the TLS keys
	 * of the sources' connections written to a file of theirs. */
	if (mado_env_privileged())
		unsetenv("SSLKEYLOGFILE");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			c.cli_db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			c.cli_db = argv[i] + 5;
		else if ((strcmp(argv[i], "--config") == 0 && i + 1 < argc) ||
		    strncmp(argv[i], "--config=", 9) == 0) {
			st = use_config(argv[i][8] == '=' ? argv[i] + 9 : argv[++i]);
			if (st != MADO_OK)
				return st;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout, 0);
		else if (strcmp(argv[i], "--version") == 0) {
			printf("madod %s\n", MADO_VERSION);
			return 0;
		} else {
			fprintf(stderr, _("madod: unknown option '%s'\n"), argv[i]);
			return usage(stderr, MADO_EUSAGE);
		}
	}
	if (i == argc)
		return usage(stderr, MADO_EUSAGE);
	for (int k = 0; k < madod_ncommands; k++)
		if (strcmp(madod_commands[k].name, argv[i]) == 0)
			return madod_commands[k].fn(&c, argc - i, argv + i);
	fprintf(stderr, _("madod: unknown command '%s'\n"), argv[i]);
	return usage(stderr, MADO_EUSAGE);
}
