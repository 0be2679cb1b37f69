#include "report_common.h"

#include <glib.h>
#include <string.h>

#include "base/i18n.h"

static const char *const kinds[3] = { "inquiry", "incident", "request" };

int
report_flows_load(struct report_flows *f, struct mado_err *e)
{
	for (int i = 0; i < 3; i++)
		if (workflow_load(&f->wf[i], kinds[i], e) != MADO_OK)
			return e->status;
	return MADO_OK;
}

const char *
report_status_label(const struct report_flows *f, const char *kind, const char *status)
{
	for (int i = 0; i < 3; i++) {
		int s;

		if (strcmp(kinds[i], kind) != 0)
			continue;
		s = workflow_status(&f->wf[i], status);
		return s >= 0 ? workflow_label(&f->wf[i], s, mado_i18n_lang()) : status;
	}
	return status;
}

char *
report_done_json(const struct report_flows *f)
{
	GString *s = g_string_new("[");

	for (int i = 0; i < 3; i++)
		for (int j = 0; j < f->wf[i].nstatuses; j++) {
			const struct wf_status *st = &f->wf[i].statuses[j];

			if ((st->flags & (WF_RESOLVED | WF_CLOSED)) == 0)
				continue;
			/* Workflow status names are [a-z_]: nothing to escape. */
			g_string_append_printf(s, "%s\"%s:%s\"", s->len > 1 ? "," : "", kinds[i],
				st->name);
		}
	g_string_append_c(s, ']');
	return g_string_free(s, FALSE);
}

char *
report_filename(const char *title, const char *rest)
{
	char *name = g_strdup_printf("%s-%s.pdf", title, rest);

	for (char *p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	if (name[0] == '.')
		name[0] = '_';
	return name;
}
