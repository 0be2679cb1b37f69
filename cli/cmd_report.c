/* mado report calls: the contact center's figures for a period, the
 * totals and one breakdown, as text for people, CSV for Excel (UTF-8 with
 * BOM or CP932) or JSON. */
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/csv.h"
#include "core/report_calls.h"

enum { NCOLS = 9 };

/* Every row kept as its cells: a breakdown has at most a few hundred
 * rows (days, hours, departments, categories, operators). */
struct report {
	struct cli_ctx *c;
	enum out_format fmt;
	enum csv_encoding enc;
	int by;                  /* enum calls_grouping, or -1 for totals only */
	int64_t from, to;
	GPtrArray *rows;         /* of char *[NCOLS] (g_strfreev), breakdown then total */
};

static const struct table_column *
columns(void)
{
	static struct table_column cols[NCOLS];

	/* Translated on each call: the language is chosen at start-up. */
	cols[0] = (struct table_column){ "key", _("Group"), 0, 24 };
	cols[1] = (struct table_column){ "name", _("Name"), 0, 24 };
	cols[2] = (struct table_column){ "received", _("Received"), 1, 0 };
	cols[3] = (struct table_column){ "handled", _("Handled"), 1, 0 };
	cols[4] = (struct table_column){ "transferred", _("Transferred"), 1, 0 };
	cols[5] = (struct table_column){ "one_stop_rate", _("One-stop %"), 1, 0 };
	cols[6] = (struct table_column){ "avg_talk_s", _("Avg talk (s)"), 1, 0 };
	cols[7] = (struct table_column){ "avg_handling_s", _("Avg handling (s)"), 1, 0 };
	cols[8] = (struct table_column){ "open", _("Open"), 1, 0 };
	return cols;
}

static void
add_row(const char *key, const char *name, const struct calls_figures *f, void *p)
{
	struct report *r = p;
	char **cells = g_new0(char *, NCOLS + 1);

	cells[0] = g_strdup(key);
	cells[1] = g_strdup(name);
	cells[2] = g_strdup_printf("%" PRId64, f->received);
	cells[3] = g_strdup_printf("%" PRId64, f->handled);
	cells[4] = g_strdup_printf("%" PRId64, f->transferred);
	cells[5] = g_strdup_printf("%.1f", f->one_stop_rate * 100);
	cells[6] = g_strdup_printf("%.0f", f->avg_talk);
	cells[7] = g_strdup_printf("%.0f", f->avg_handling);
	cells[8] = g_strdup_printf("%" PRId64, f->open);
	g_ptr_array_add(r->rows, cells);
}

static int
gather(struct report *r, struct mado_err *e)
{
	struct calls_figures total;
	int st = MADO_OK;

	if (r->by >= 0)
		st = report_calls_groups(r->c->db, &r->c->actor, (enum calls_grouping)r->by, r->from,
			r->to, add_row, r, e);
	if (st == MADO_OK)
		st = report_calls_totals(r->c->db, &r->c->actor, r->from, r->to, &total, e);
	if (st == MADO_OK)
		add_row(r->fmt == OUT_TEXT ? _("Total") : "total", "", &total, r);
	return st;
}

static int
write_csv(const struct report *r, FILE *fp, struct mado_err *e)
{
	const struct table_column *cols = columns();
	struct csv_writer *w = csv_writer_new(fp, r->enc);
	const char *head[NCOLS];
	int st;

	for (int i = 0; i < NCOLS; i++)
		head[i] = cols[i].key;
	st = csv_write_row(w, head, NCOLS, e);
	for (guint i = 0; st == MADO_OK && i < r->rows->len; i++)
		st = csv_write_row(w, (const char *const *)r->rows->pdata[i], NCOLS, e);
	if (csv_writer_free(w, e) != MADO_OK && st == MADO_OK)
		st = e->status;
	return st;
}

/* Text: the totals as a record, then the breakdown as a table. JSON: one
 * array of the breakdown's rows and the total last, as in CSV. */
static int
write_report(FILE *fp, void *p, struct mado_err *e)
{
	struct report *r = p;
	const struct table_column *cols = columns();
	struct table *t = table_new(cols, NCOLS), *tot = NULL;
	guint nrows = r->rows->len;
	int st;

	if (r->fmt == OUT_CSV) {
		table_free(t);
		return write_csv(r, fp, e);
	}
	if (r->fmt == OUT_JSON) {
		for (guint i = 0; i < nrows; i++)
			table_add(t, (const char *const *)r->rows->pdata[i]);
		st = table_print(t, fp, OUT_JSON, r->c->ambi, e);
		table_free(t);
		return st;
	}
	tot = table_new(cols + 2, NCOLS - 2);
	table_add(tot, (const char *const *)r->rows->pdata[nrows - 1] + 2);
	st = table_print_record(tot, fp, OUT_TEXT, r->c->ambi, e);
	table_free(tot);
	for (guint i = 0; i + 1 < nrows; i++)
		table_add(t, (const char *const *)r->rows->pdata[i]);
	if (st == MADO_OK && r->by >= 0) {
		fputc('\n', fp);
		st = table_print(t, fp, OUT_TEXT, r->c->ambi, e);
	}
	table_free(t);
	return st;
}

static int
parse_options(struct report *r, int argc, char **argv, const char **from, const char **to,
	const char **path)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'F' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "report calls";
	bool enc_given = false;
	int ch, v;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'f')
			*from = optarg;
		else if (ch == 't')
			*to = optarg;
		else if (ch == 'o')
			*path = optarg;
		else if (ch == 'b' && (r->by = calls_grouping_parse(optarg)) < 0)
			return cli_usage(cmd, _("--by: '%s' is not day, hour, department, category"
				" or operator"), optarg);
		else if (ch == 'F' && (v = out_format_parse(optarg)) < 0)
			return cli_usage(cmd, _("--format must be text, csv or json, not '%s'"), optarg);
		else if (ch == 'F')
			r->fmt = (enum out_format)v;
		else if (ch == 'e' && ((v = csv_encoding_parse(optarg)) < 0 || v == CSV_AUTO))
			return cli_usage(cmd, _("--encoding: '%s' is not utf-8-bom, utf-8 or cp932"),
				optarg);
		else if (ch == 'e') {
			r->enc = (enum csv_encoding)v;
			enc_given = true;
		} else if (ch != 'b')
			return cli_bad_option(cmd, ch, argv);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (*from == NULL || *to == NULL)
		return cli_usage(cmd, _("give the period with --from and --to"));
	if (enc_given && r->fmt != OUT_CSV)
		return cli_usage(cmd, _("--encoding applies to CSV only"));
	/* A CSV file is most often opened in Excel, which needs the BOM to see
	 * UTF-8; a pipe wants plain UTF-8. */
	if (!enc_given && *path != NULL)
		r->enc = CSV_UTF8_BOM;
	return MADO_OK;
}

int
cmd_report_calls(struct cli_ctx *c, int argc, char **argv)
{
	struct report r = { .c = c, .fmt = c->format, .enc = CSV_UTF8, .by = -1 };
	const char *from = NULL, *to = NULL, *path = NULL;
	struct mado_err e = { 0 };
	int st = parse_options(&r, argc, argv, &from, &to, &path);

	if (st != MADO_OK)
		return st;
	if (report_calls_period(from, to, &r.from, &r.to, &e) != MADO_OK)
		return cli_usage("report calls", "%s", e.msg);
	r.rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	/* Read before the file is touched, so a refusal leaves no file. */
	st = gather(&r, &e);
	if (st == MADO_OK)
		st = path != NULL ? cli_write_file(path, 0600, write_report, &r, &e)
			: write_report(c->out, &r, &e);
	g_ptr_array_free(r.rows, TRUE);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
