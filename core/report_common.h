/* What the printed reports (daily, monthly) share: status labels from
 * the workflows, the done statuses for the stores and safe file names.
 * Internal to core/report_*.c. */
#ifndef MADO_REPORT_COMMON_H
#define MADO_REPORT_COMMON_H

#include <stdint.h>

#include "base/err.h"
#include "core/workflow.h"

/* The three ticket kinds' workflows. */
struct report_flows {
	struct workflow wf[3];   /* inquiry, incident, request */
};

int report_flows_load(struct report_flows *f, struct mado_err *e);
/* A status's label in the messages' language; the name when unknown. */
const char *report_status_label(const struct report_flows *f, const char *kind,
	const char *status);
/* ["inquiry:answered", "inquiry:closed", ...]: every resolved or closed
 * status, for the stores (db/report_daily_store.h). g_free(). */
char *report_done_json(const struct report_flows *f);

/* title + "-" + rest + ".pdf" with every '/', '\\' and control character
 * made '_' and a leading '.' dropped. g_free(). */
char *report_filename(const char *title, const char *rest);

#endif
