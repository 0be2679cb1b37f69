/* mado search | kb search, and mado admin synonym add | list | delete |
 * import | export. The query language, roles and ranking live in
 * core/search.c and core/synonym.c; this file parses arguments and prints. */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "core/search.h"
#include "core/synonym.h"

/* Text output cuts titles and excerpts to these many cells. */
#define TITLE_CELLS 40
#define EXCERPT_CELLS 60

enum { R_NO, R_KIND, R_TITLE, R_EXCERPT, R_STATUS, R_VISIBILITY, R_UPDATED, R_SCORE, R_NCOLS };

static int
print_hits(struct cli_ctx *c, const struct search_result *res)
{
	struct table_column cols[R_NCOLS] = {
		[R_NO] = { "number", _("No."), 0, 0 },
		[R_KIND] = { "kind", _("Kind"), 0, 0 },
		[R_TITLE] = { "title", _("Title"), 0, TITLE_CELLS },
		[R_EXCERPT] = { "excerpt", _("Excerpt"), 0, EXCERPT_CELLS },
		[R_STATUS] = { "status", _("Status"), 0, 0 },
		[R_VISIBILITY] = { "visibility", _("Visibility"), 0, 0 },
		[R_UPDATED] = { "updated_at", _("Updated"), 0, 0 },
		[R_SCORE] = { "score", _("Score"), 1, 0 },
	};
	/* People get the first four columns; scripts get them all. */
	int ncols = c->format == OUT_TEXT ? R_STATUS : R_NCOLS;
	struct mado_err e = { 0 };
	struct table *t = table_new(cols, ncols);
	int st;

	for (size_t i = 0; i < res->nhits; i++) {
		const struct search_hit *h = &res->hits[i];
		char no[32], updated[32], score[32];
		const char *cells[R_NCOLS];
		bool kb = strcmp(h->kind, "kb") == 0;

		if (kb)
			snprintf(no, sizeof no, c->format == OUT_TEXT ? "FAQ-%" PRId64 : "%" PRId64,
				h->faq_no);
		else
			snprintf(no, sizeof no, "%s", h->number);
		snprintf(score, sizeof score, "%.3f", h->score);
		cells[R_NO] = no;
		cells[R_KIND] = c->format == OUT_TEXT ? search_kind_label(h->kind) : h->kind;
		cells[R_TITLE] = h->title;
		cells[R_EXCERPT] = h->excerpt;
		cells[R_STATUS] = kb ? NULL : h->status;
		cells[R_VISIBILITY] = !kb ? NULL : h->public ? "public" : "internal";
		cells[R_UPDATED] = cli_time(h->updated_at, updated, sizeof updated);
		cells[R_SCORE] = score;
		table_add(t, cells);
	}
	st = table_print(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* A direct hit: the record is shown as `kb show` or `ticket show` would. */
static int
open_hit(struct cli_ctx *c, const struct search_hit *h)
{
	char no[32];
	char *argv[3] = { (char *)"show", no, NULL };

	if (strcmp(h->kind, "kb") == 0) {
		snprintf(no, sizeof no, "%" PRId64, h->faq_no);
		return cmd_kb_show(c, 2, argv);
	}
	snprintf(no, sizeof no, "%s", h->number);
	return cmd_ticket_show(c, 2, argv);
}

/* --limit N (or --limit=N) anywhere; "--" ends the options. Every other
 * word is the query's, so "-word" is an exclusion, not an option. */
static int
query_args(const char *cmd, int argc, char **argv, int *limit, GString *text)
{
	bool words_only = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		char *end;

		if (!words_only && strcmp(a, "--") == 0) {
			words_only = true;
			continue;
		}
		if (words_only || strncmp(a, "--", 2) != 0) {
			g_string_append_printf(text, "%s%s", text->len > 0 ? " " : "", a);
			continue;
		}
		if (strncmp(a, "--limit", 7) != 0 || (a[7] != '\0' && a[7] != '='))
			return cli_usage(cmd, _("unknown option %s"), a);
		v = a[7] == '=' ? a + 8 : i + 1 < argc ? argv[++i] : NULL;
		if (v == NULL)
			return cli_usage(cmd, _("option %s needs a value"), "--limit");
		errno = 0;
		*limit = (int)strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || end == v || *limit < 1 || *limit > SEARCH_LIMIT_MAX)
			return cli_usage(cmd, _("--limit: '%s' is not a number from 1 to %d"), v,
				SEARCH_LIMIT_MAX);
	}
	if (text->len == 0)
		return cli_usage(cmd, _("what to search for? words, \"a phrase\", -word, kind:,"
			" status:, category:, dept:, no:, or a number to open"));
	return MADO_OK;
}

static int
run_search(struct cli_ctx *c, const char *cmd, enum search_scope scope, int argc, char **argv)
{
	struct search_request req = { .scope = scope };
	struct search_result res;
	struct mado_err e = { 0 };
	GString *text = g_string_new(NULL);
	int st;

	if ((st = query_args(cmd, argc, argv, &req.limit, text)) != MADO_OK) {
		g_string_free(text, TRUE);
		return st;
	}
	req.text = text->str;
	st = search_run(c->db, &c->actor, &req, &res, &e);
	g_string_free(text, TRUE);
	if (st != MADO_OK) {
		search_result_clear(&res);
		return cli_fail(&e);
	}
	if (res.direct)
		st = open_hit(c, &res.hits[0]);
	else if (res.nhits == 0 && c->format == OUT_TEXT)
		fprintf(stderr, _("no matches\n"));
	else
		st = print_hits(c, &res);
	if (st == MADO_OK && res.more && !res.direct && c->format == OUT_TEXT)
		fprintf(stderr, _("more matches than shown: add words or filters (kind:, status:,"
			" category:, dept:) to narrow the search\n"));
	search_result_clear(&res);
	return st;
}

int
cmd_search(struct cli_ctx *c, int argc, char **argv)
{
	return run_search(c, "search", SEARCH_ALL, argc, argv);
}

int
cmd_kb_search(struct cli_ctx *c, int argc, char **argv)
{
	return run_search(c, "kb search", SEARCH_KB, argc, argv);
}

/* ---- admin search optimize | check | rebuild ---- */

/* Only positional arguments (after an optional "--"). */
static int
no_options(const char *cmd, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int ch;

	cli_getopt_reset();
	if ((ch = getopt_long(argc, argv, "+:", opts, NULL)) != -1)
		return cli_bad_option(cmd, ch, argv);
	return MADO_OK;
}


int
cmd_admin_search(struct cli_ctx *c, int argc, char **argv)
{
	enum search_upkeep what;
	struct mado_err e = { 0 };
	char cmd[32];
	double s;
	int64_t t0;
	int st;

	snprintf(cmd, sizeof cmd, "admin search %s", argv[0]);
	if ((st = no_options(cmd, argc, argv)) != MADO_OK)
		return st;
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (strcmp(argv[0], "optimize") == 0)
		what = SEARCH_OPTIMIZE;
	else if (strcmp(argv[0], "check") == 0)
		what = SEARCH_CHECK;
	else
		what = SEARCH_REBUILD;
	t0 = g_get_monotonic_time();
	if (search_upkeep(c->db, &c->actor, what, &e) != MADO_OK)
		return cli_fail(&e);
	s = (double)(g_get_monotonic_time() - t0) / 1e6;
	if (what == SEARCH_OPTIMIZE)
		fprintf(c->out, _("search index: merged into one segment in %.1f s\n"), s);
	else if (what == SEARCH_CHECK)
		fprintf(c->out, _("search index: matches the records (%.1f s)\n"), s);
	else
		fprintf(c->out, _("search index: built again in %.1f s\n"), s);
	return MADO_OK;
}

/* ---- admin synonym ---- */

int
cmd_admin_synonym_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin synonym add";
	struct mado_err e = { 0 };
	int64_t group;
	int st;

	if ((st = no_options(cmd, argc, argv)) != MADO_OK)
		return st;
	if (argc - optind < 2)
		return cli_usage(cmd, _("give a term and at least one synonym"));
	st = synonym_add(c->db, &c->actor, argv[optind], (const char *const *)argv + optind + 1,
		(size_t)(argc - optind - 1), &group, &e);
	if (st != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("group %" PRId64 "\n"), group);
	return MADO_OK;
}

int
cmd_admin_synonym_delete(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin synonym delete";
	struct mado_err e = { 0 };
	int st;

	if ((st = no_options(cmd, argc, argv)) != MADO_OK)
		return st;
	if (argc - optind < 1)
		return cli_usage(cmd, _("which terms?"));
	st = synonym_remove(c->db, &c->actor, (const char *const *)argv + optind,
		(size_t)(argc - optind), &e);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

struct list_ctx {
	struct table *t;
	bool per_term;            /* CSV and JSON: one row per term */
	int64_t group;
	GString *terms;
};

static void
list_flush(struct list_ctx *l)
{
	char group[24];
	const char *cells[2] = { group, l->terms->str };

	if (l->group == 0)
		return;
	snprintf(group, sizeof group, "%" PRId64, l->group);
	table_add(l->t, cells);
	g_string_truncate(l->terms, 0);
}

static void
list_row(const struct synonym_row *r, void *p)
{
	struct list_ctx *l = p;

	if (l->per_term) {
		char group[24];
		const char *cells[2] = { group, r->term };

		snprintf(group, sizeof group, "%" PRId64, r->group_id);
		table_add(l->t, cells);
		return;
	}
	if (r->group_id != l->group) {
		list_flush(l);
		l->group = r->group_id;
	}
	g_string_append_printf(l->terms, "%s%s", l->terms->len > 0 ? " / " : "", r->term);
}

int
cmd_admin_synonym_list(struct cli_ctx *c, int argc, char **argv)
{
	struct table_column cols[2] = {
		{ SYNONYM_COL_GROUP, _("Group"), 1, 0 },
		{ SYNONYM_COL_TERM, _("Terms"), 0, 0 },
	};
	struct list_ctx l = { .per_term = c->format != OUT_TEXT };
	struct mado_err e = { 0 };
	int st;

	if ((st = no_options("admin synonym list", argc, argv)) != MADO_OK)
		return st;
	if (optind < argc)
		return cli_usage("admin synonym list", _("unexpected argument '%s'"), argv[optind]);
	if (l.per_term)
		cols[1].header = _("Term");
	l.t = table_new(cols, 2);
	l.terms = g_string_new(NULL);
	st = synonym_list(c->db, &c->actor, list_row, &l, &e);
	if (st == MADO_OK) {
		list_flush(&l);
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	}
	g_string_free(l.terms, TRUE);
	table_free(l.t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* [--encoding E] and up to one file. */
static int
file_args(const char *cmd, int argc, char **argv, bool writing, enum csv_encoding *enc,
	bool *given, const char **file)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, v;

	*file = NULL;
	*given = false;
	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'e')
			return cli_bad_option(cmd, ch, argv);
		v = csv_encoding_parse(optarg);
		if (v < 0 || (writing && v == CSV_AUTO))
			return cli_usage(cmd, writing ? _("--encoding must be utf-8-bom, utf-8 or cp932")
				: _("--encoding must be auto, utf-8 or cp932"));
		*enc = (enum csv_encoding)v;
		*given = true;
	}
	if (argc - optind > 1)
		return cli_usage(cmd, _("too many arguments"));
	*file = optind < argc ? argv[optind] : NULL;
	return MADO_OK;
}

static void
report_error(unsigned long line, const char *field, const char *msg, void *ctx)
{
	const char *file = ctx;

	if (field[0] != '\0')
		fprintf(stderr, "%s:%lu:%s: %s\n", file, line, field, msg);
	else
		fprintf(stderr, "%s:%lu: %s\n", file, line, msg);
}

int
cmd_admin_synonym_import(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin synonym import", *file;
	enum csv_encoding enc = CSV_AUTO;
	struct synonym_summary sum;
	struct mado_err e = { 0 };
	bool given;
	gid_t saved;
	FILE *fp;
	int st;

	if ((st = file_args(cmd, argc, argv, false, &enc, &given, &file)) != MADO_OK)
		return st;
	if (file == NULL)
		return cli_usage(cmd, _("which file?"));
	/* Refuse before touching the file. */
	if (role_require(&c->actor, ROLE_ADMIN, _("importing synonyms"), &e) != MADO_OK)
		return cli_fail(&e);
	if (strcmp(file, "-") == 0)
		fp = stdin;
	else {
		saved = mado_as_caller();
		fp = fopen(file, "rb");
		if (fp == NULL)
			mado_err_set(&e, errno == ENOENT ? MADO_ENOTFOUND : MADO_EIO, "%s: %s", file,
				strerror(errno));
		mado_as_program(saved);
		if (fp == NULL)
			return cli_fail(&e);
	}
	st = synonym_import(c->db, &c->actor, fp, file, enc, report_error, (void *)file, &sum, &e);
	if (fp != stdin)
		fclose(fp);
	if (st != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("synonyms: %u groups; %u terms added, %u changed, %u removed,"
		" %u unchanged\n"), sum.groups, sum.added, sum.changed, sum.removed, sum.unchanged);
	return MADO_OK;
}

struct export_ctx {
	struct cli_ctx *c;
	enum csv_encoding enc;
	size_t rows;
};

static int
export_rows(FILE *fp, void *p, struct mado_err *e)
{
	struct export_ctx *x = p;

	return synonym_export(x->c->db, &x->c->actor, fp, x->enc, &x->rows, e);
}

int
cmd_admin_synonym_export(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "admin synonym export", *file;
	struct export_ctx x = { c, CSV_UTF8, 0 };
	bool given;
	struct mado_err e = { 0 };
	int st;

	if ((st = file_args(cmd, argc, argv, true, &x.enc, &given, &file)) != MADO_OK)
		return st;
	if (file == NULL || strcmp(file, "-") == 0)
		st = export_rows(c->out, &x, &e);
	else {
		/* A file is most often opened in Excel, which needs the BOM to
		 * see UTF-8; a pipe wants plain UTF-8. */
		if (!given)
			x.enc = CSV_UTF8_BOM;
		if ((st = role_require(&c->actor, ROLE_OPERATOR, _("exporting synonyms"), &e)) ==
		    MADO_OK)
			st = cli_write_file(file, 0644, export_rows, &x, &e);
		if (st == MADO_OK)
			fprintf(c->out, ngettext("synonyms: %zu term written to %s\n",
				"synonyms: %zu terms written to %s\n", x.rows), x.rows, file);
	}
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
