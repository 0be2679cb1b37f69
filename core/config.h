/* Site configuration (a GLib key file) and the choice of database, the
 * same rule for mado and madod:
 *   --db PATH, else $MADO_DB, else [database] path in the system config
 *   ($MADO_CONFIG or SYSCONFDIR/madoguchi/madoguchi.conf), else the
 *   per-user demo database $XDG_DATA_HOME/madoguchi/demo.db.
 * A privileged (setgid) program ignores --db and the environment. */
#ifndef MADO_CONFIG_H
#define MADO_CONFIG_H

#include <stdbool.h>

#include "base/err.h"
#include "core/calendar.h"
#include "core/config_mail.h"
#include "core/config_print.h"
#include "core/config_report.h"
#include "core/config_shift.h"
#include "core/config_smtp.h"

struct config {
	char *path;        /* the file read, or NULL when none exists */
	char *db_path;     /* [database] path, or NULL */
	struct calendar calendar;
	int idle_lock_seconds;  /* [client] idle_lock_seconds: lock after this long idle; 0 never */
	char *pam_service;      /* [client] pam_service: the PAM service that unlocks ("madoguchi") */
	char *pam_confdir;      /* [client] pam_confdir: PAM configuration directory, or NULL
	                         * for the system's (tests point it at their own) */
	int unlock_attempts;    /* [client] unlock_attempts: wrong passwords before a pause */
	struct madod_config madod;  /* [daemon], [source *], [mail], [jobs] (config_mail.h) */
	struct shifts shifts;   /* [shift NAME] (core/config_shift.h) */
	struct config_report report; /* [report] (core/config_report.h) */
	char *writing_rules;    /* [calllog] writing_rules: the site's file, "" for none, NULL
	                         * for the shipped one (core/config_rules.h) */
	struct smtp_config smtp; /* [smtp] (core/config_smtp.h) */
	struct config_print print;  /* [print] (core/config_print.h) */
};

/* Reads the system configuration. A missing file is not an error; a bad
 * one is (MADO_ECONFIG, "file:line: ..." or "file: [group] key: ...").
 * Caller frees with config_free(). */
int config_load(struct config *cfg, struct mado_err *e);
void config_free(struct config *cfg);

/* An integer key of group in [min, max] into *out; absent keeps *out.
 * Otherwise MADO_ECONFIG "file: [group] key: must be ...". */
int config_int_key(GKeyFile *kf, const char *file, const char *group, const char *key,
	int min, int max, int *out, struct mado_err *e);

/* The database to use and whether it is the per-user demo database.
 * *out is newly allocated; caller frees. */
int config_db_path(const struct config *cfg, const char *cli_path, char **out,
	bool *is_demo, struct mado_err *e);

/* The per-user demo database path (directory created); caller frees. */
char *config_demo_db_path(void);

#endif
