#include "config_report.h"

#include "base/i18n.h"

int
config_report_load(GKeyFile *kf, const char *file, struct config_report *out,
	struct mado_err *e)
{
	GError *gerr = NULL;
	char *v;

	if ((v = g_key_file_get_string(kf, "report", "output_dir", NULL)) != NULL) {
		if (!g_path_is_absolute(v)) {
			g_free(v);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [report] output_dir: must be an absolute path"), file);
		}
		g_free(out->output_dir);
		out->output_dir = v;
	}
	if (g_key_file_has_key(kf, "report", "print", NULL)) {
		out->print = g_key_file_get_boolean(kf, "report", "print", &gerr);
		if (gerr != NULL) {
			g_error_free(gerr);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [report] print: must be true or false"), file);
		}
	}
	return MADO_OK;
}
