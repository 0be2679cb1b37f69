/* mado admin master import | export: master data as CSV files. What the
 * kinds and their columns are, and all checking, lives in core/master.c;
 * this file parses arguments, opens the caller's files and prints. */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "core/master.h"

/* ---- help from the registry ---- */

static void
print_kinds(FILE *fp)
{
	fprintf(fp, _("kinds:\n"));
	for (size_t i = 0; i < master_kind_count(); i++) {
		const struct master_kind *k = master_kind_at(i);

		fprintf(fp, "  %-16s %s\n", k->name, _(k->help));
	}
}

static void
print_columns(FILE *fp, const struct master_kind *k, int ambi)
{
	static const struct table_column cols[3] = {
		{ "column", N_("Column"), 0, 0 }, { "type", N_("Type"), 0, 0 },
		{ "meaning", N_("Meaning"), 0, 0 },
	};
	struct table_column tr[3];
	struct mado_err e = { 0 };
	struct table *t;

	for (int i = 0; i < 3; i++) {
		tr[i] = cols[i];
		tr[i].header = _(cols[i].header);
	}
	t = table_new(tr, 3);
	fprintf(fp, _("columns of %s (first line of the file; the order is free):\n"), k->name);
	for (size_t i = 0; i < k->ncols; i++) {
		const struct master_column *c = &k->cols[i];
		GString *what = g_string_new(master_type_name(c->type));
		const char *row[3];

		if (c->flags & MC_KEY)
			g_string_append_printf(what, ", %s", _("key"));
		else if (c->flags & MC_REQUIRED)
			g_string_append_printf(what, ", %s", _("required"));
		if (c->ref != NULL)
			g_string_append_printf(what, ", -> %s", c->ref);
		if (c->def != NULL)
			g_string_append_printf(what, ", %s %s", _("default"), c->def);
		row[0] = c->key;
		row[1] = what->str;
		row[2] = _(c->help);
		table_add(t, row);
		g_string_free(what, TRUE);
	}
	{
		const char *row[3] = { MASTER_DELETE_COLUMN, "bool",
			_("1 deletes the row (refused while it is in use)") };

		table_add(t, row);
	}
	/* Aligned by display width: the meanings are Japanese in ja. */
	table_print(t, fp, OUT_TEXT, ambi, &e);
	table_free(t);
}

/* The kind named by the command line, or a usage error listing them. */
static const struct master_kind *
kind_arg(const char *cmd, const char *name, int *st)
{
	const struct master_kind *k = name ? master_kind_find(name) : NULL;

	if (k == NULL) {
		*st = name ? cli_usage(cmd, _("unknown kind '%s'"), name)
			: cli_usage(cmd, _("which kind of master?"));
		print_kinds(stderr);
	}
	return k;
}

/* --encoding, refusing "auto" when writing. */
static int
encoding_arg(const char *cmd, const char *name, bool writing, enum csv_encoding *out)
{
	int enc = csv_encoding_parse(name);

	if (enc < 0 || (writing && enc == CSV_AUTO))
		return cli_usage(cmd, writing ? _("--encoding must be utf-8-bom, utf-8 or cp932")
			: _("--encoding must be auto, utf-8 or cp932"));
	*out = (enum csv_encoding)enc;
	return MADO_OK;
}

/* Parses "[--encoding E] positional..." into *enc and pos[0..maxpos). */
static int
parse_args(const char *cmd, int argc, char **argv, bool writing, enum csv_encoding *enc,
	bool *enc_given, const char **pos, int maxpos, int *npos)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, st;

	*enc_given = false;
	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'e')
			return cli_bad_option(cmd, ch, argv);
		st = encoding_arg(cmd, optarg, writing, enc);
		if (st != MADO_OK)
			return st;
		*enc_given = true;
	}
	*npos = argc - optind;
	if (*npos > maxpos)
		return cli_usage(cmd, _("too many arguments"));
	for (int i = 0; i < *npos; i++)
		pos[i] = argv[optind + i];
	return MADO_OK;
}

/* ---- files named by the caller ---- */

static FILE *
open_input(const char *path, struct mado_err *e)
{
	gid_t saved;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return stdin;
	saved = mado_as_caller();
	fp = fopen(path, "rb");
	if (fp == NULL)
		mado_err_set(e, errno == ENOENT ? MADO_ENOTFOUND : MADO_EIO, "%s: %s", path,
			strerror(errno));
	mado_as_program(saved);
	return fp;
}

/* ---- import ---- */

struct import_report {
	const char *file;
};

static void
report_error(unsigned long line, const char *field, const char *msg, void *ctx)
{
	const struct import_report *r = ctx;

	if (field[0] != '\0')
		fprintf(stderr, "%s:%lu:%s: %s\n", r->file, line, field, msg);
	else
		fprintf(stderr, "%s:%lu: %s\n", r->file, line, msg);
}

int
cmd_admin_master_import(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin master import", *pos[2] = { NULL, NULL };
	enum csv_encoding enc = CSV_AUTO;
	const struct master_kind *k;
	struct master_summary sum;
	struct mado_err e = { 0 };
	struct import_report rep;
	bool given;
	FILE *fp;
	int n, st;

	st = parse_args(cmd, argc, argv, false, &enc, &given, pos, 2, &n);
	if (st != MADO_OK)
		return st;
	if ((k = kind_arg(cmd, pos[0], &st)) == NULL)
		return st;
	if (pos[1] == NULL) {
		st = cli_usage(cmd, _("which file?"));
		print_columns(stderr, k, c->ambi);
		return st;
	}
	/* Refuse before touching the file. */
	if (master_may_import(&c->actor, &e) != MADO_OK)
		return cli_fail(&e);
	if ((fp = open_input(pos[1], &e)) == NULL)
		return cli_fail(&e);
	rep.file = pos[1];
	st = master_import(c->db, &c->actor, k, fp, pos[1], enc, report_error, &rep, &sum, &e);
	if (fp != stdin)
		fclose(fp);
	if (st != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("%s: %u added, %u updated, %u deleted, %u unchanged\n"), k->name,
		sum.added, sum.updated, sum.deleted, sum.unchanged);
	return MADO_OK;
}

/* ---- export ---- */

struct export_ctx {
	struct cli_ctx *c;
	const struct master_kind *k;
	enum csv_encoding enc;
	size_t rows;
};

static int
export_rows(FILE *fp, void *p, struct mado_err *e)
{
	struct export_ctx *x = p;

	return master_export(x->c->db, &x->c->actor, x->k, fp, x->enc, &x->rows, e);
}

/* Writes kind to path through cli_write_file(), so a failed export (a
 * name with no CP932 form, a full disk) leaves any older file as it was.
 * The file is readable by its owner only: masters hold names and mail
 * addresses. */
static int
export_file(struct cli_ctx *c, const struct master_kind *k, const char *path,
	enum csv_encoding enc, size_t *rows, struct mado_err *e)
{
	struct export_ctx x = { c, k, enc, 0 };
	int st = cli_write_file(path, 0600, export_rows, &x, e);

	*rows = x.rows;
	return st;
}

int
cmd_admin_master_export(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin master export", *pos[2] = { NULL, NULL };
	enum csv_encoding enc = CSV_UTF8;
	const struct master_kind *k;
	struct mado_err e = { 0 };
	bool given, to_stdout;
	size_t rows;
	int n, st;

	st = parse_args(cmd, argc, argv, true, &enc, &given, pos, 2, &n);
	if (st != MADO_OK)
		return st;
	if ((k = kind_arg(cmd, pos[0], &st)) == NULL)
		return st;
	to_stdout = pos[1] == NULL || strcmp(pos[1], "-") == 0;
	/* A file is most often opened in Excel, which needs the BOM to see UTF-8;
	 * a pipe wants plain UTF-8. */
	if (!given && !to_stdout)
		enc = CSV_UTF8_BOM;
	if (master_may_export(&c->actor, &e) != MADO_OK)
		return cli_fail(&e);
	st = to_stdout ? master_export(c->db, &c->actor, k, c->out, enc, &rows, &e)
		: export_file(c, k, pos[1], enc, &rows, &e);
	if (st != MADO_OK)
		return cli_fail(&e);
	if (!to_stdout)
		fprintf(c->out, ngettext("%s: %zu row written to %s\n",
			"%s: %zu rows written to %s\n", rows), k->name, rows, pos[1]);
	return MADO_OK;
}
