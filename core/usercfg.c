#include "usercfg.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "base/i18n.h"
#include "base/textwidth.h"
#include "core/keyfile.h"

#define GROUP "client"

/* Every setting has two values; the first problem found is kept. */
static const struct setting {
	const char *key;
	const char *choices[2];
} settings[] = {
	{ "ambiwidth", { "1", "2" } },
	{ "keymap", { "default", "vi" } },
	{ "lang", { "ja", "en" } },
	{ "charts", { "blocks", "ascii" } },
};

char *
usercfg_path(void)
{
	return g_build_filename(g_get_user_config_dir(), "madoguchi", "mado.conf", NULL);
}

void
usercfg_free(struct usercfg *u)
{
	g_free(u->keymap);
	g_free(u->lang);
	memset(u, 0, sizeof *u);
}

/* The first problem wins: the message line shows one. */
static void
problem(struct mado_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(struct mado_err *e, const char *fmt, ...)
{
	va_list ap;

	if (e->status != MADO_OK)
		return;
	va_start(ap, fmt);
	e->status = MADO_ECONFIG;
	g_vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

static void
keep(struct usercfg *u, const char *key, const char *value)
{
	if (strcmp(key, "ambiwidth") == 0)
		u->ambi = value[0] == '2' ? TW_AMBI_WIDE : TW_AMBI_NARROW;
	else if (strcmp(key, "keymap") == 0)
		u->keymap = g_strdup(value);
	else if (strcmp(key, "charts") == 0)
		u->charts = strcmp(value, "ascii") == 0 ? CHARTS_ASCII : CHARTS_BLOCKS;
	else
		u->lang = g_strdup(value);
}

static const struct setting *
setting_find(const char *key)
{
	for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

static void
read_setting(GKeyFile *kf, const char *file, const char *key, struct usercfg *u,
	struct mado_err *e)
{
	const struct setting *s = setting_find(key);
	GError *gerr = NULL;
	char *v;

	if (s == NULL) {
		problem(e, _("%s: [%s] %s: no such setting (ambiwidth, keymap, lang, charts)"), file, GROUP,
			key);
		return;
	}
	if ((v = g_key_file_get_string(kf, GROUP, key, &gerr)) == NULL) {
		problem(e, "%s: [%s] %s: %s", file, GROUP, key, gerr->message);
		g_error_free(gerr);
		return;
	}
	g_strstrip(v);
	if (strcmp(v, s->choices[0]) == 0 || strcmp(v, s->choices[1]) == 0)
		keep(u, key, v);
	else
		problem(e, _("%s: [%s] %s: must be %s or %s, not '%s'"), file, GROUP, key,
			s->choices[0], s->choices[1], v);
	g_free(v);
}

static void
read_groups(GKeyFile *kf, const char *file, struct usercfg *u, struct mado_err *e)
{
	char **groups = g_key_file_get_groups(kf, NULL);

	for (int g = 0; groups[g] != NULL; g++) {
		char **keys;

		if (strcmp(groups[g], GROUP) != 0) {
			problem(e, _("%s: [%s]: no such section (the settings are under [%s])"), file,
				groups[g], GROUP);
			continue;
		}
		keys = g_key_file_get_keys(kf, GROUP, NULL, NULL);
		for (int k = 0; keys[k] != NULL; k++)
			read_setting(kf, file, keys[k], u, e);
		g_strfreev(keys);
	}
	g_strfreev(groups);
}

int
usercfg_load(struct usercfg *u, const char *path, struct mado_err *e)
{
	GKeyFile *kf;
	GError *gerr = NULL;
	char *text = NULL;
	gsize len;

	memset(u, 0, sizeof *u);
	mado_err_clear(e);
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			problem(e, "%s: %s", path, gerr->message);
		g_error_free(gerr);
		return e->status;
	}
	kf = g_key_file_new();
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &gerr)) {
		problem(e, "%s:%d: %s", path, keyfile_bad_line(text), gerr->message);
		g_error_free(gerr);
	} else
		read_groups(kf, path, u, e);
	g_key_file_free(kf);
	g_free(text);
	return e->status;
}
