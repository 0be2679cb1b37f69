/* The printed reports on screen before they are printed (issue 7):
 * `:daily [DATE] [SHIFT]` and `:monthly FY [MONTH]` show core's document
 * as its text rendering in a page; w writes it as a PDF into the current
 * directory under the report's name, p does that and prints it. Core builds the report
 * and refuses those below supervisor. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/report_daily.h"
#include "core/print.h"
#include "core/report_monthly.h"
#include "tui/page.h"
#include "tui/views.h"

struct report_view {
	bool monthly;
	struct daily_spec daily;
	struct monthly_spec month;
};

static int
build(struct tui *t, const struct report_view *r, struct rdoc *d, struct mado_err *e)
{
	return r->monthly ? report_monthly(t->db, &t->actor, &r->month, d, e)
		: report_daily(t->db, &t->actor, t->cfg, &r->daily, d, e);
}

static int
fill(struct tui *t, void *ctx, bool first, struct page *p, char *title, size_t title_size,
	struct mado_err *e)
{
	const struct report_view *r = ctx;
	struct rdoc d;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int st;

	(void)first;
	st = build(t, r, &d, e);
	g_snprintf(title, title_size, "%s %s", d.title, d.subtitle ? d.subtitle : "");
	if (st == MADO_OK && (mem = open_memstream(&text, &len)) != NULL) {
		st = rdoc_text(&d, t->paint.ambi, mem, e);
		fclose(mem);
		if (st == MADO_OK)
			page_text(p, text);
		free(text);
	} else if (st == MADO_OK)
		st = mado_err_set(e, MADO_EFAIL, "out of memory");
	rdoc_free(&d);
	return st;
}

/* w: the PDF under the report's own name in the current directory; p
 * also prints it (the printer of [print], else CUPS's default), the PDF
 * kept either way. */
static void
write_pdf(struct tui *t, const struct report_view *r, bool print)
{
	struct mado_err e = { 0 };
	struct rdoc d;
	char *name = r->monthly ? report_monthly_filename(&r->month)
		: report_daily_filename(&r->daily);
	int st = build(t, r, &d, &e);

	if (st == MADO_OK)
		st = rdoc_pdf(&d, name, &e);
	if (st == MADO_OK && print &&
	    (st = print_pdf(name, t->cfg->print.printer, d.title, &e)) != MADO_OK)
		mado_err_prefix(&e, _("%s was written but not printed: "), name);
	if (st != MADO_OK)
		tui_error(t, &e);
	else if (print)
		tui_message(t, _("Printed; the PDF is %s"), name);
	else
		tui_message(t, _("PDF written to %s"), name);
	rdoc_free(&d);
	g_free(name);
}

static bool
act(struct tui *t, void *ctx, enum tui_action a)
{
	if (a != ACT_WRITE_PDF && a != ACT_PRINT)
		return false;
	write_pdf(t, ctx, a == ACT_PRINT);
	return true;
}

struct view *
view_report_daily_new(struct tui *t, const char *day, const char *shift)
{
	struct report_view *r = g_new0(struct report_view, 1);
	struct mado_err e = { 0 };

	if (report_daily_spec(t->cfg, day, shift, &r->daily, &e) != MADO_OK) {
		tui_error(t, &e);
		g_free(r);
		return NULL;
	}
	return page_view_set_act(page_view_new(t, fill, r), act);
}

struct view *
view_report_monthly_new(struct tui *t, const char *fy, const char *month)
{
	struct report_view *r = g_new0(struct report_view, 1);
	struct mado_err e = { 0 };
	char *end = NULL;
	long y = strtol(fy, &end, 10), m = 0;
	int st;

	r->monthly = true;
	if (*end == '\0' && month != NULL)
		m = strtol(month, &end, 10);
	st = *end != '\0' || y < 0 || y > 9999 || m < 0 || m > 99
		? mado_err_set(&e, MADO_EUSAGE, _("monthly: give the fiscal year and a month, as"
			" in :monthly 2026 10"))
		: report_monthly_spec((int)y, (int)m, &r->month, &e);
	if (st != MADO_OK) {
		tui_error(t, &e);
		g_free(r);
		return NULL;
	}
	return page_view_set_act(page_view_new(t, fill, r), act);
}
