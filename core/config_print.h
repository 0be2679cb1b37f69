/* [print]: where printed reports go.
 *
 *   [print]
 *   printer = NAME   (a CUPS queue; not set: CUPS's default destination;
 *                     `--printer` on the command line wins) */
#ifndef MADO_CONFIG_PRINT_H
#define MADO_CONFIG_PRINT_H

#include <glib.h>

#include "base/err.h"

struct config_print {
	char *printer;   /* g_free(); NULL when not configured */
};

/* MADO_ECONFIG "FILE: [print] printer: what" when wrong. */
int config_print_load(GKeyFile *kf, const char *file, struct config_print *out,
	struct mado_err *e);

#endif
