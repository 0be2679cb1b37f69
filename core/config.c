#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/config_rules.h"

#ifndef MADO_SYSCONFDIR
#define MADO_SYSCONFDIR "/usr/local/etc"
#endif

static const char *
config_file(void)
{
	const char *p = mado_env_trusted("MADO_CONFIG");

	return p != NULL && *p != '\0' ? p : MADO_SYSCONFDIR "/madoguchi/madoguchi.conf";
}

int
config_int_key(GKeyFile *kf, const char *file, const char *group, const char *key, int min,
	int max, int *out, struct mado_err *e)
{
	GError *gerr = NULL;
	int v;

	if (!g_key_file_has_key(kf, group, key, NULL))
		return MADO_OK;
	v = g_key_file_get_integer(kf, group, key, &gerr);
	if (gerr != NULL || v < min || v > max) {
		mado_err_set(e, MADO_ECONFIG, _("%s: [%s] %s: must be a whole number from %d to %d"),
			file, group, key, min, max);
		if (gerr != NULL)
			g_error_free(gerr);
		return MADO_ECONFIG;
	}
	*out = v;
	return MADO_OK;
}

/* [client]: the full-screen client's idle lock. */
static int
st_client(GKeyFile *kf, const char *file, struct config *cfg, struct mado_err *e)
{
	char *v;

	if (config_int_key(kf, file, "client", "idle_lock_seconds", 0, 24 * 3600,
	    &cfg->idle_lock_seconds, e) != MADO_OK ||
	    config_int_key(kf, file, "client", "unlock_attempts", 1, 100, &cfg->unlock_attempts, e)
	    != MADO_OK)
		return MADO_ECONFIG;
	if ((v = g_key_file_get_string(kf, "client", "pam_service", NULL)) != NULL) {
		if (*v == '\0' || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(v)) {
			g_free(v);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [client] pam_service: must be a PAM service name"), file);
		}
		g_free(cfg->pam_service);
		cfg->pam_service = v;
	}
	if ((v = g_key_file_get_string(kf, "client", "pam_confdir", NULL)) != NULL) {
		if (!g_path_is_absolute(v)) {
			g_free(v);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [client] pam_confdir: must be an absolute path"), file);
		}
		cfg->pam_confdir = v;
	}
	return MADO_OK;
}

int
config_load(struct config *cfg, struct mado_err *e)
{
	const char *file = config_file();
	GKeyFile *kf = g_key_file_new();
	GError *gerr = NULL;
	char *hours;

	memset(cfg, 0, sizeof *cfg);
	calendar_default(&cfg->calendar);
	cfg->idle_lock_seconds = 15 * 60;
	cfg->unlock_attempts = 3;
	cfg->pam_service = g_strdup("madoguchi");
	madod_config_defaults(&cfg->madod);
	shifts_default(&cfg->shifts);
	config_smtp_default(&cfg->smtp);
	if (!g_key_file_load_from_file(kf, file, G_KEY_FILE_NONE, &gerr)) {
		int missing = g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT);
		int st = missing ? MADO_OK
			: mado_err_set(e, MADO_ECONFIG, "%s: %s", file, gerr->message);

		g_error_free(gerr);
		g_key_file_free(kf);
		if (st != MADO_OK)
			config_free(cfg);
		return st;
	}
	cfg->path = strdup(file);
	cfg->db_path = g_key_file_get_string(kf, "database", "path", NULL);
	hours = g_key_file_get_string(kf, "calendar", "office_hours", NULL);
	if (hours != NULL) {
		const char *why = NULL;

		if (!calendar_parse_hours(&cfg->calendar, hours, &why)) {
			mado_err_set(e, MADO_ECONFIG, "%s: [calendar] office_hours: %s ('%s')",
				file, why, hours);
			g_free(hours);
			g_key_file_free(kf);
			config_free(cfg);
			return MADO_ECONFIG;
		}
		g_free(hours);
	}
	if (g_key_file_has_key(kf, "calendar", "year_end_closure", NULL)) {
		gboolean v = g_key_file_get_boolean(kf, "calendar", "year_end_closure", &gerr);

		if (gerr != NULL) {
			mado_err_set(e, MADO_ECONFIG, "%s: [calendar] year_end_closure: %s",
				file, gerr->message);
			g_error_free(gerr);
			g_key_file_free(kf);
			config_free(cfg);
			return MADO_ECONFIG;
		}
		cfg->calendar.year_end_closure = v;
	}
	if (st_client(kf, file, cfg, e) != MADO_OK ||
	    madod_config_load(kf, file, &cfg->madod, e) != MADO_OK ||
	    config_shift_load(kf, file, &cfg->shifts, e) != MADO_OK ||
	    config_report_load(kf, file, &cfg->report, e) != MADO_OK ||
	    config_rules_read(kf, file, cfg, e) != MADO_OK ||
	    config_smtp_load(kf, file, &cfg->smtp, e) != MADO_OK ||
	    config_print_load(kf, file, &cfg->print, e) != MADO_OK) {
		g_key_file_free(kf);
		config_free(cfg);
		return MADO_ECONFIG;
	}
	g_key_file_free(kf);
	return MADO_OK;
}

void
config_free(struct config *cfg)
{
	free(cfg->path);
	g_free(cfg->db_path);
	g_free(cfg->pam_service);
	g_free(cfg->pam_confdir);
	madod_config_free(&cfg->madod);
	g_free(cfg->report.output_dir);
	g_free(cfg->writing_rules);
	config_smtp_free(&cfg->smtp);
	g_free(cfg->print.printer);
	memset(cfg, 0, sizeof *cfg);
}

char *
config_demo_db_path(void)
{
	char *dir = g_build_filename(g_get_user_data_dir(), "madoguchi", NULL);
	char *path, *out;

	g_mkdir_with_parents(dir, 0700);
	path = g_build_filename(dir, "demo.db", NULL);
	out = strdup(path);
	g_free(path);
	g_free(dir);
	return out;
}

int
config_db_path(const struct config *cfg, const char *cli_path, char **out, bool *is_demo,
	struct mado_err *e)
{
	const char *env = mado_env_trusted("MADO_DB");

	*out = NULL;
	*is_demo = false;
	if (cli_path != NULL && mado_env_privileged())
		return mado_err_set(e, MADO_EUSAGE,
			_("--db cannot be used by an installed (setgid) program; the database"
			  " comes from %s"), config_file());
	if (cli_path != NULL && *cli_path != '\0')
		*out = strdup(cli_path);
	else if (env != NULL && *env != '\0')
		*out = strdup(env);
	else if (cfg->db_path != NULL && *cfg->db_path != '\0')
		*out = strdup(cfg->db_path);
	else if (mado_env_privileged())
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: no [database] path is configured"), config_file());
	else {
		*out = config_demo_db_path();
		*is_demo = true;
	}
	return *out != NULL ? MADO_OK : mado_err_set(e, MADO_EFAIL, "out of memory");
}
