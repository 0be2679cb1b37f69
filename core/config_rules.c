#include "config_rules.h"

#include "base/env.h"
#include "base/i18n.h"

int
config_rules_read(GKeyFile *kf, const char *file, struct config *cfg, struct mado_err *e)
{
	char *v = g_key_file_get_string(kf, "calllog", "writing_rules", NULL);

	if (v == NULL)
		return MADO_OK;
	if (*v != '\0' && !g_path_is_absolute(v)) {
		g_free(v);
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [calllog] writing_rules: must be an absolute path (or empty for none)"),
			file);
	}
	g_free(cfg->writing_rules);
	cfg->writing_rules = v;
	return MADO_OK;
}

int
config_writing_rules(const struct config *cfg, struct writing_rules **out,
	struct mado_err *e)
{
	char *shipped;
	int st;

	*out = NULL;
	if (cfg->writing_rules != NULL)
		return *cfg->writing_rules != '\0'
			? writing_rules_load(cfg->writing_rules, out, e) : MADO_OK;
	shipped = g_build_filename(mado_sharedir(), "writing-rules.conf", NULL);
	st = writing_rules_load(shipped, out, e);
	g_free(shipped);
	return st;
}
