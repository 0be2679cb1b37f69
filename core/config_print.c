#include "config_print.h"

#include "base/i18n.h"
#include "core/print.h"

int
config_print_load(GKeyFile *kf, const char *file, struct config_print *out,
	struct mado_err *e)
{
	char *v = g_key_file_get_string(kf, "print", "printer", NULL);

	if (v == NULL)
		return MADO_OK;
	g_strstrip(v);
	if (!print_printer_name_ok(v)) {
		mado_err_set(e, MADO_ECONFIG, _("%s: [print] printer: '%s' is not a CUPS queue name"
			" (no spaces, '/', '#' or '\\')"), file, v);
		g_free(v);
		return MADO_ECONFIG;
	}
	g_free(out->printer);
	out->printer = v;
	return MADO_OK;
}
