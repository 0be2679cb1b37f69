/* mado report daily and mado report monthly: the printed reports (core
 * builds them as a struct rdoc) as text on standard output, CSV for Excel
 * or an A4 PDF, and printed on request. */
#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "core/csv.h"
#include "core/print.h"
#include "core/report_daily.h"
#include "core/report_monthly.h"

enum doc_format { DOC_TEXT, DOC_CSV, DOC_PDF };

struct doc_opts {
	const char *cmd;
	enum doc_format fmt;
	enum csv_encoding enc;
	bool enc_given, fmt_given, print;
	const char *path;
	const char *printer;      /* --printer, else [print] printer, else CUPS's default */
};

/* The options both reports share; 0 when ch is not one of them. */
static int
doc_option(struct doc_opts *o, int ch, const char *arg)
{
	int v;

	if (ch == 'F') {
		if (strcmp(arg, "text") == 0)
			o->fmt = DOC_TEXT;
		else if (strcmp(arg, "csv") == 0)
			o->fmt = DOC_CSV;
		else if (strcmp(arg, "pdf") == 0)
			o->fmt = DOC_PDF;
		else
			return cli_usage(o->cmd, _("--format must be text, csv or pdf, not '%s'"), arg);
		o->fmt_given = true;
	} else if (ch == 'p')
		o->print = true;
	else if (ch == 'P')
		o->printer = arg;
	else if (ch == 'e') {
		if ((v = csv_encoding_parse(arg)) < 0 || v == CSV_AUTO)
			return cli_usage(o->cmd,
				_("--encoding: '%s' is not utf-8-bom, utf-8 or cp932"), arg);
		o->enc = (enum csv_encoding)v;
		o->enc_given = true;
	} else if (ch == 'o')
		o->path = arg;
	else
		return -1;
	return MADO_OK;
}

static int
doc_check(struct cli_ctx *c, struct doc_opts *o)
{
	if (o->printer != NULL && !o->print)
		return cli_usage(o->cmd, _("--printer goes with --print"));
	if (o->print && o->fmt_given && o->fmt != DOC_PDF)
		return cli_usage(o->cmd, _("--print prints the PDF: give --format pdf or no --format"));
	if (o->print)
		o->fmt = DOC_PDF;
	if (o->printer == NULL)
		o->printer = c->cfg.print.printer;
	if (o->enc_given && o->fmt != DOC_CSV)
		return cli_usage(o->cmd, _("--encoding applies to CSV only"));
	/* Excel needs the BOM to see UTF-8; a pipe wants plain UTF-8. */
	if (!o->enc_given && o->path != NULL)
		o->enc = CSV_UTF8_BOM;
	return MADO_OK;
}

struct doc_write {
	const struct rdoc *d;
	const struct doc_opts *o;
	int ambi;
};

static int
write_doc(FILE *fp, void *p, struct mado_err *e)
{
	const struct doc_write *w = p;

	if (w->o->fmt == DOC_CSV)
		return rdoc_csv(w->d, fp, w->o->enc == CSV_UTF8_BOM, w->o->enc == CSV_CP932, e);
	return rdoc_text(w->d, w->ambi, fp, e);
}

/* Text or CSV to standard output or --output; PDF to --output or to
 * name (core's, without a slash) in the current directory. */
static int
emit(struct cli_ctx *c, const struct rdoc *d, const struct doc_opts *o, const char *name,
	struct mado_err *e)
{
	struct doc_write w = { d, o, c->ambi };
	const char *path = o->path != NULL ? o->path : name;
	int st;

	if (o->fmt != DOC_PDF && o->path != NULL)
		return cli_write_file(o->path, 0644, write_doc, &w, e);
	if (o->fmt != DOC_PDF)
		return write_doc(c->out, &w, e);
	if ((st = rdoc_pdf(d, path, e)) == MADO_OK)
		fprintf(c->out, _("PDF written to %s\n"), path);
	if (st != MADO_OK || !o->print)
		return st;
	/* The PDF stays whatever happens to the print job. */
	if ((st = print_pdf(path, o->printer, d->title, e)) != MADO_OK)
		mado_err_prefix(e, _("%s was written but not printed: "), path);
	else
		fprintf(c->out, _("printed on %s\n"), o->printer != NULL && o->printer[0] != '\0'
			? o->printer : _("the default printer"));
	return st;
}

static const struct option doc_long[] = {
	{ "date", required_argument, NULL, 'd' },
	{ "shift", required_argument, NULL, 's' },
	{ "fy", required_argument, NULL, 'y' },
	{ "month", required_argument, NULL, 'm' },
	{ "format", required_argument, NULL, 'F' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "output", required_argument, NULL, 'o' },
	{ "print", no_argument, NULL, 'p' },
	{ "printer", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static void
doc_opts_init(struct cli_ctx *c, struct doc_opts *o, const char *cmd)
{
	memset(o, 0, sizeof *o);
	o->cmd = cmd;
	o->fmt = c->format == OUT_CSV ? DOC_CSV : DOC_TEXT;
	o->enc = CSV_UTF8;
}

int
cmd_report_daily(struct cli_ctx *c, int argc, char **argv)
{
	struct doc_opts o;
	const char *day = NULL, *shift = NULL;
	struct daily_spec spec;
	struct mado_err e = { 0 };
	struct rdoc d;
	int ch, st;

	doc_opts_init(c, &o, "report daily");
	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", doc_long, NULL)) != -1) {
		if (ch == 'd')
			day = optarg;
		else if (ch == 's')
			shift = optarg;
		else if ((st = doc_option(&o, ch, optarg)) > 0)
			return st;
		else if (st < 0)
			return cli_bad_option(o.cmd, ch == 'y' || ch == 'm' ? '?' : ch, argv);
	}
	if (optind < argc)
		return cli_usage(o.cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((st = doc_check(c, &o)) != MADO_OK)
		return st;
	if (report_daily_spec(&c->cfg, day, shift, &spec, &e) != MADO_OK)
		return cli_usage(o.cmd, "%s", e.msg);
	st = report_daily(c->db, &c->actor, &c->cfg, &spec, &d, &e);
	if (st == MADO_OK) {
		char *name = report_daily_filename(&spec);

		st = emit(c, &d, &o, name, &e);
		g_free(name);
	}
	rdoc_free(&d);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* A whole number in [1, 9999]; -1 otherwise. */
static int
parse_int(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s != '\0' && *end == '\0' && v >= 1 && v <= 9999 ? (int)v : -1;
}

int
cmd_report_monthly(struct cli_ctx *c, int argc, char **argv)
{
	struct doc_opts o;
	int fy = -1, month = 0, ch, st;
	struct monthly_spec spec;
	struct mado_err e = { 0 };
	struct rdoc d;

	doc_opts_init(c, &o, "report monthly");
	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", doc_long, NULL)) != -1) {
		if (ch == 'y' && (fy = parse_int(optarg)) < 0)
			return cli_usage(o.cmd, _("--fy: '%s' is not a year"), optarg);
		else if (ch == 'm' && (month = parse_int(optarg)) < 0)
			return cli_usage(o.cmd, _("--month: '%s' is not a month (1–12)"), optarg);
		else if (ch == 'y' || ch == 'm')
			continue;
		else if ((st = doc_option(&o, ch, optarg)) > 0)
			return st;
		else if (st < 0)
			return cli_bad_option(o.cmd, ch == 'd' || ch == 's' ? '?' : ch, argv);
	}
	if (optind < argc)
		return cli_usage(o.cmd, _("unexpected argument '%s'"), argv[optind]);
	if (fy < 0)
		return cli_usage(o.cmd, _("give the fiscal year with --fy"));
	if ((st = doc_check(c, &o)) != MADO_OK)
		return st;
	if (report_monthly_spec(fy, month, &spec, &e) != MADO_OK)
		return cli_usage(o.cmd, "%s", e.msg);
	st = report_monthly(c->db, &c->actor, &spec, &d, &e);
	if (st == MADO_OK) {
		char *name = report_monthly_filename(&spec);

		st = emit(c, &d, &o, name, &e);
		g_free(name);
	}
	rdoc_free(&d);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
