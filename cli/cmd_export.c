/* mado export calllogs: call logs as CSV for Japanese Excel; and mado
 * admin retention run, which archives with the same export before it
 * deletes. */
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/calllog_export.h"
#include "core/report_calls.h"
#include "core/retention.h"

struct export_job {
	struct cli_ctx *c;
	enum csv_encoding enc;
	int64_t from, to;
};

static int
write_export(FILE *fp, void *p, struct mado_err *e)
{
	struct export_job *x = p;

	return calllog_export_csv(x->c->db, &x->c->actor, x->from, x->to, x->enc, fp, NULL, e);
}

int
cmd_export_calllogs(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "export calllogs", *from = NULL, *to = NULL, *path = NULL;
	struct export_job x = { .c = c, .enc = CSV_UTF8_BOM };
	struct mado_err e = { 0 };
	int ch, v, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'f')
			from = optarg;
		else if (ch == 't')
			to = optarg;
		else if (ch == 'o')
			path = optarg;
		else if (ch == 'e' && ((v = csv_encoding_parse(optarg)) < 0 || v == CSV_AUTO))
			return cli_usage(cmd, _("--encoding: '%s' is not utf-8-bom, utf-8 or cp932"),
				optarg);
		else if (ch == 'e')
			x.enc = (enum csv_encoding)v;
		else
			return cli_bad_option(cmd, ch, argv);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (from == NULL || to == NULL)
		return cli_usage(cmd, _("give the period with --from and --to"));
	if (report_calls_period(from, to, &x.from, &x.to, &e) != MADO_OK)
		return cli_usage(cmd, "%s", e.msg);
	/* Checked before the file is touched, so a refusal leaves no file. */
	if (role_require(&c->actor, ROLE_SUPERVISOR, _("exporting call logs"), &e) != MADO_OK)
		return cli_fail(&e);
	st = path != NULL ? cli_write_file(path, 0600, write_export, &x, &e)
		: write_export(c->out, &x, &e);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

struct retention_job {
	struct cli_ctx *c;
	const char *dir;
	const struct retention_year *y;
	char *path;          /* the year's archive, once written */
};

static int
write_archive(FILE *fp, void *p, struct mado_err *e)
{
	struct retention_job *r = p;

	return retention_archive(r->c->db, &r->c->actor, r->y, fp, e);
}

static int
archive_year(const struct retention_year *y, void *p, struct mado_err *e)
{
	struct retention_job *r = p;
	int st;

	g_free(r->path);
	r->path = retention_archive_path(r->dir, y->fy);
	r->y = y;
	st = cli_write_file(r->path, 0600, write_archive, r, e);
	return st;
}

static void
year_done(const struct retention_year *y, void *p, bool dry_run)
{
	struct retention_job *r = p;
	char *path = dry_run ? retention_archive_path(r->dir, y->fy) : r->path;

	if (dry_run)
		fprintf(r->c->out, _("FY%d: %" PRId64 " call logs would be archived to %s and"
			" deleted\n"), y->fy, y->count, path);
	else
		fprintf(r->c->out, _("FY%d: %" PRId64 " call logs archived to %s and deleted in"
			" %" PRId64 " batches\n"), y->fy, y->count, path, y->batches);
	if (dry_run)
		g_free(path);
}

static void
year_dry(const struct retention_year *y, void *p)
{
	year_done(y, p, true);
}

static void
year_run(const struct retention_year *y, void *p)
{
	year_done(y, p, false);
}

int
cmd_admin_retention_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "archive-dir", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "admin retention run";
	struct retention_job r = { .c = c, .dir = "." };
	struct retention_opts o = { .archive = archive_year, .done = year_run, .ctx = &r };
	struct mado_err e = { 0 };
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'n') {
			o.dry_run = true;
			o.done = year_dry;
		} else if (ch == 'd')
			r.dir = optarg;
		else
			return cli_bad_option(cmd, ch, argv);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	st = retention_run(c->db, &c->actor, &o, &e);
	g_free(r.path);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
