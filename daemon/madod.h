/* madod's commands. Each is a handler taking the shared context and its
 * own argv (argv[0] is the command's name, so getopt_long works as
 * usual); it returns a sysexits status. The table in madod.c lists them:
 * adding a command is one line there and one prototype here. */
#ifndef MADO_MADOD_H
#define MADO_MADOD_H

#include "base/err.h"
#include "core/config.h"
#include "db/db.h"

struct madod_ctx {
	const char *cli_db;   /* --db PATH, or NULL */
};

typedef int (*madod_fn)(const struct madod_ctx *c, int argc, char **argv);

struct madod_command {
	const char *name;     /* "check-config" */
	madod_fn fn;
	const char *args;     /* synopsis of the arguments, untranslated */
	const char *summary;  /* one line, marked N_() and translated when shown */
};

/* Loads the configuration into *cfg and opens the database it names
 * (--db first). On failure nothing is left to free. */
int madod_open(const struct madod_ctx *c, struct config *cfg, struct db **db,
	struct mado_err *e);

/* Prints "madod NAME: <message>" plus the command's usage; returns MADO_EUSAGE. */
int madod_usage(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "madod: <message>" on stderr and returns e->status. */
int madod_fail(const struct mado_err *e);

/* Handlers, one file each. */
int madod_check_config(const struct madod_ctx *, int, char **);
int madod_run(const struct madod_ctx *, int, char **);
int madod_fetch(const struct madod_ctx *, int, char **);
int madod_send(const struct madod_ctx *, int, char **);
int madod_deliver(const struct madod_ctx *, int, char **);

#endif
