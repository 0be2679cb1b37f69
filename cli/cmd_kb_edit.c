/* mado kb update | review | vote | history: changing knowledge articles
 * and reading their versions. */
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/cmd_kb.h"
#include "core/kb.h"

/* ---- kb update ---- */

int
cmd_kb_update(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		KB_CLI_ARTICLE_OPTIONS,
		{ "public", no_argument, NULL, 'p' },
		{ "internal", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	const struct table_column cols[] = {
		{ "faq_no", _("FAQ No."), 1, 0 },
		{ "version", _("Version"), 1, 0 },
	};
	const char *cmd = "kb update";
	struct kb_cli_article a = { 0 };
	struct kb_change chg = { .public = -1 };
	struct mado_err e = { 0 };
	char nobuf[24], verbuf[24], line[128];
	const char *cells[] = { nobuf, NULL };
	bool any = false;
	int64_t no, version;
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		any = true;
		if (kb_cli_article_opt(&a, ch, optarg))
			continue;
		if (ch != 'p' && ch != 'i')
			return cli_bad_option(cmd, ch, argv);
		if (chg.public >= 0 && chg.public != (ch == 'p'))
			return cli_usage(cmd, _("give --public or --internal, not both"));
		chg.public = ch == 'p';
	}
	if ((st = kb_cli_faq_arg(cmd, argc, argv, &no)) != MADO_OK)
		return st;
	if (!any)
		return cli_usage(cmd, _("nothing to change: give at least one option"));
	if ((st = kb_cli_article_read(cmd, &a, &e)) == MADO_OK) {
		chg.title = a.title;
		chg.question = a.question;
		chg.answer = a.answer;
		chg.category = a.category;
		chg.department = a.department;
		chg.faq_class = a.faq_class;
		if (kb_update(c->db, &c->actor, no, &chg, &version, &e) != MADO_OK)
			st = cli_fail(&e);
	}
	kb_cli_article_free(&a);
	if (st != MADO_OK)
		return st;
	snprintf(nobuf, sizeof nobuf, "%" PRId64, no);
	snprintf(verbuf, sizeof verbuf, "%" PRId64, version);
	cells[1] = version > 0 ? verbuf : NULL;
	if (version > 0)
		snprintf(line, sizeof line, _("FAQ %s: now version %s\n"), nobuf, verbuf);
	else
		snprintf(line, sizeof line, _("FAQ %s: nothing changed\n"), nobuf);
	return kb_cli_result(c, cols, cells, 2, line);
}

/* ---- kb review ---- */

int
cmd_kb_review(struct cli_ctx *c, int argc, char **argv)
{
	const struct table_column cols[] = {
		{ "faq_no", _("FAQ No."), 1, 0 },
		{ "reviewed_at", _("Reviewed"), 0, 0 },
	};
	struct mado_err e = { 0 };
	char nobuf[24], when[32], line[128];
	const char *cells[] = { nobuf, when };
	int64_t no, at;
	int st = kb_cli_only_faq("kb review", argc, argv, &no);

	if (st != MADO_OK)
		return st;
	if (kb_review(c->db, &c->actor, no, &at, &e) != MADO_OK)
		return cli_fail(&e);
	snprintf(nobuf, sizeof nobuf, "%" PRId64, no);
	cli_time(at, when, sizeof when);
	snprintf(line, sizeof line, _("FAQ %s: reviewed %s\n"), nobuf, when);
	return kb_cli_result(c, cols, cells, 2, line);
}

/* ---- kb vote ---- */

int
cmd_kb_vote(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	static const char *const results[] = {
		[KB_VOTE_COUNTED] = "counted", [KB_VOTE_CHANGED] = "changed",
		[KB_VOTE_UNCHANGED] = "unchanged",
	};
	const struct table_column cols[] = {
		{ "faq_no", _("FAQ No."), 1, 0 },
		{ "vote", _("Vote"), 0, 0 },
		{ "result", _("Result"), 0, 0 },
	};
	const char *cmd = "kb vote", *word;
	enum kb_vote_result result;
	struct mado_err e = { 0 };
	char nobuf[24], line[160];
	const char *cells[3];
	bool helpful;
	int64_t no;
	int ch, st;

	cli_getopt_reset();
	if ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1)
		return cli_bad_option(cmd, ch, argv);
	if (argc - optind != 2)
		return cli_usage(cmd, _("give the FAQ number and helpful or not-helpful"));
	if ((st = kb_cli_faq_no(cmd, argv[optind], &no)) != MADO_OK)
		return st;
	word = argv[optind + 1];
	if (strcmp(word, "helpful") != 0 && strcmp(word, "not-helpful") != 0)
		return cli_usage(cmd, _("'%s' is not a vote: give helpful or not-helpful"), word);
	helpful = strcmp(word, "helpful") == 0;
	if (kb_vote(c->db, &c->actor, no, helpful, &result, &e) != MADO_OK)
		return cli_fail(&e);
	snprintf(nobuf, sizeof nobuf, "%" PRId64, no);
	cells[0] = nobuf;
	cells[1] = word;
	cells[2] = results[result];
	word = helpful ? _("helpful") : _("not helpful");
	if (result == KB_VOTE_COUNTED)
		snprintf(line, sizeof line, _("FAQ %s: your vote (%s) is counted\n"), nobuf, word);
	else if (result == KB_VOTE_CHANGED)
		snprintf(line, sizeof line, _("FAQ %s: your vote is now %s\n"), nobuf, word);
	else
		snprintf(line, sizeof line, _("FAQ %s: you had voted %s already; it counts once\n"),
			nobuf, word);
	return kb_cli_result(c, cols, cells, 3, line);
}

/* ---- kb history ---- */

enum { HIST_VERSION, HIST_AT, HIST_BY, HIST_TITLE, HIST_NCOLS };

static int
history_row(const struct kb_version_row *v, void *p)
{
	struct table *t = p;
	char version[24], at[32];
	const char *cells[HIST_NCOLS];

	snprintf(version, sizeof version, "%" PRId64, v->version);
	cells[HIST_VERSION] = version;
	cells[HIST_AT] = cli_time(v->changed_at, at, sizeof at);
	cells[HIST_BY] = kb_cli_opt_cell(v->changed_by);
	cells[HIST_TITLE] = v->title;
	table_add(t, cells);
	return MADO_OK;
}

/* One version with its texts, as `kb show` prints an article. */
static int
print_version(struct cli_ctx *c, int64_t no, const struct kb_version_row *v)
{
	const struct table_column cols[] = {
		{ "faq_no", _("FAQ No."), 1, 0 },
		{ "version", _("Version"), 1, 0 },
		{ "changed_at", _("Changed"), 0, 0 },
		{ "changed_by", _("Changed by"), 0, 0 },
		{ "title", _("Title"), 0, 0 },
		{ "question", _("Question"), 0, 0 },
		{ "answer", _("Answer"), 0, 0 },
	};
	char nobuf[24], version[24], at[32];
	const char *cells[] = {
		nobuf, version, cli_time(v->changed_at, at, sizeof at),
		kb_cli_opt_cell(v->changed_by), v->title, v->question, v->answer,
	};
	struct mado_err e = { 0 };
	struct table *t = table_new(cols, (int)G_N_ELEMENTS(cols));
	int st;

	snprintf(nobuf, sizeof nobuf, "%" PRId64, no);
	snprintf(version, sizeof version, "%" PRId64, v->version);
	table_add(t, cells);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_kb_history(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const struct table_column cols[HIST_NCOLS] = {
		[HIST_VERSION] = { "version", _("Version"), 1, 0 },
		[HIST_AT] = { "changed_at", _("Changed"), 0, 0 },
		[HIST_BY] = { "changed_by", _("Changed by"), 0, 0 },
		[HIST_TITLE] = { "title", _("Title"), 0, KB_CLI_TITLE_CELLS },
	};
	const char *cmd = "kb history";
	struct kb_version_row v;
	struct mado_err e = { 0 };
	struct table *t;
	long long version = 0;
	int64_t no;
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'v')
			return cli_bad_option(cmd, ch, argv);
		if (!kb_cli_num(optarg, 1, INT64_MAX, &version))
			return cli_usage(cmd, _("--version: '%s' is not a version number"), optarg);
	}
	if ((st = kb_cli_faq_arg(cmd, argc, argv, &no)) != MADO_OK)
		return st;
	if (version > 0) {
		if (kb_history_version(c->db, &c->actor, no, version, &v, &e) != MADO_OK)
			return cli_fail(&e);
		st = print_version(c, no, &v);
		kb_version_clear(&v);
		return st;
	}
	t = table_new(cols, HIST_NCOLS);
	st = kb_history(c->db, &c->actor, no, history_row, t, &e);
	if (st == MADO_OK)
		st = table_print(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
