/* [report]: where madod's end-of-shift summary goes.
 *
 *   [report]
 *   output_dir = /var/lib/madoguchi/reports   (absolute; none: not written)
 *   print = true                              (also print it; default false) */
#ifndef MADO_CONFIG_REPORT_H
#define MADO_CONFIG_REPORT_H

#include <glib.h>
#include <stdbool.h>

#include "base/err.h"

struct config_report {
	char *output_dir;   /* g_free(); NULL when not configured */
	bool print;
};

/* MADO_ECONFIG "FILE: [report] key: what" when wrong. */
int config_report_load(GKeyFile *kf, const char *file, struct config_report *out,
	struct mado_err *e);

#endif
