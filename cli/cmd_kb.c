/* mado kb add | show | list: knowledge articles from the shell, and the
 * helpers every kb command shares (cmd_kb.h). */
#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/cmd_kb.h"
#include "core/kb.h"

/* Rows per page of `kb list` unless --limit says otherwise. */
#define LIST_DEFAULT 50

bool
kb_cli_num(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int
kb_cli_faq_no(const char *cmd, const char *s, int64_t *no)
{
	long long n;

	if (!kb_cli_num(g_str_has_prefix(s, "FAQ-") ? s + 4 : s, 1, KB_FAQ_NO_MAX, &n))
		return cli_usage(cmd, _("'%s' is not a FAQ number"), s);
	*no = n;
	return MADO_OK;
}

int
kb_cli_faq_arg(const char *cmd, int argc, char **argv, int64_t *no)
{
	if (optind >= argc)
		return cli_usage(cmd, _("give the FAQ number"));
	if (optind + 1 < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	return kb_cli_faq_no(cmd, argv[optind], no);
}

int
kb_cli_only_faq(const char *cmd, int argc, char **argv, int64_t *no)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int ch;

	cli_getopt_reset();
	if ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1)
		return cli_bad_option(cmd, ch, argv);
	return kb_cli_faq_arg(cmd, argc, argv, no);
}

const char *
kb_cli_opt_cell(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

bool
kb_cli_article_opt(struct kb_cli_article *a, int ch, const char *arg)
{
	const char **slot;

	switch (ch) {
	case 't': slot = &a->title; break;
	case 'q': slot = &a->question; break;
	case 'Q': slot = &a->qfile; break;
	case 'a': slot = &a->answer; break;
	case 'A': slot = &a->afile; break;
	case 'c': slot = &a->category; break;
	case 'd': slot = &a->department; break;
	case 'k': slot = &a->faq_class; break;
	default: return false;
	}
	*slot = arg;
	return true;
}

/* Reads file when given (into *buf, caller frees) and makes *text point
 * at the text to use. */
static int
text_arg(const char *cmd, const char *opt, const char **text, const char *file, char **buf,
	struct mado_err *e)
{
	if (file == NULL)
		return MADO_OK;
	if (*text != NULL)
		return cli_usage(cmd, _("give --%s or --%s-file, not both"), opt, opt);
	if (cli_read_text(file, buf, e) != MADO_OK)
		return cli_fail(e);
	*text = *buf;
	return MADO_OK;
}

int
kb_cli_article_read(const char *cmd, struct kb_cli_article *a, struct mado_err *e)
{
	int st = text_arg(cmd, "question", &a->question, a->qfile, &a->qbuf, e);

	return st != MADO_OK ? st : text_arg(cmd, "answer", &a->answer, a->afile, &a->abuf, e);
}

void
kb_cli_article_free(struct kb_cli_article *a)
{
	free(a->qbuf);
	free(a->abuf);
	a->qbuf = a->abuf = NULL;
}

int
kb_cli_result(struct cli_ctx *c, const struct table_column *cols, const char *const *cells,
	int n, const char *text)
{
	struct mado_err e = { 0 };
	struct table *t;
	int st;

	if (c->format == OUT_TEXT) {
		fputs(text, c->out);
		return MADO_OK;
	}
	t = table_new(cols, n);
	table_add(t, cells);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* Public or internal: translated for people, stable words for scripts. */
static const char *
visibility_cell(const struct cli_ctx *c, int public)
{
	if (c->format == OUT_TEXT)
		return public ? _("public") : _("internal");
	return public ? "public" : "internal";
}

/* ---- kb add ---- */

static int
print_new_number(struct cli_ctx *c, int64_t no)
{
	const struct table_column cols[] = { { "faq_no", _("FAQ No."), 1, 0 } };
	char buf[24], line[32];
	const char *cells[] = { buf };

	snprintf(buf, sizeof buf, "%" PRId64, no);
	snprintf(line, sizeof line, "%s\n", buf);
	return kb_cli_result(c, cols, cells, 1, line);
}

int
cmd_kb_add(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		KB_CLI_ARTICLE_OPTIONS,
		{ "public", no_argument, NULL, 'p' },
		{ "faq-no", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "kb add";
	struct kb_cli_article a = { 0 };
	struct kb_draft d = { 0 };
	struct mado_err e = { 0 };
	long long n;
	int64_t no;
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (kb_cli_article_opt(&a, ch, optarg))
			continue;
		if (ch == 'p')
			d.public = true;
		else if (ch != 'n')
			return cli_bad_option(cmd, ch, argv);
		else if (kb_cli_num(optarg, 1, KB_FAQ_NO_MAX, &n))
			d.faq_no = n;
		else
			return cli_usage(cmd, _("--faq-no: '%s' is not a number from 1 to %lld"),
				optarg, (long long)KB_FAQ_NO_MAX);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (a.title == NULL)
		return cli_usage(cmd, _("--title is required"));
	if ((st = kb_cli_article_read(cmd, &a, &e)) == MADO_OK) {
		d.title = a.title;
		d.question = a.question;
		d.answer = a.answer;
		d.category = a.category;
		d.department = a.department;
		d.faq_class = a.faq_class;
		st = kb_add(c->db, &c->actor, &d, &no, &e);
		st = st == MADO_OK ? print_new_number(c, no) : cli_fail(&e);
	}
	kb_cli_article_free(&a);
	return st;
}

/* ---- kb show ---- */

enum {
	SHOW_NO, SHOW_TITLE, SHOW_QUESTION, SHOW_ANSWER,
	SHOW_CATEGORY, SHOW_CATEGORY_CODE, SHOW_DEPT, SHOW_DEPT_CODE,
	SHOW_CLASS, SHOW_CLASS_CODE, SHOW_VISIBILITY, SHOW_VIEWS, SHOW_HELPFUL,
	SHOW_NOT_HELPFUL, SHOW_VERSION, SHOW_REVIEWED, SHOW_CREATED, SHOW_CREATED_BY,
	SHOW_UPDATED, SHOW_SOURCE, SHOW_NCOLS
};

static int
print_article(struct cli_ctx *c, const struct kb_row *r)
{
	const struct table_column cols[SHOW_NCOLS] = {
		[SHOW_NO] = { "faq_no", _("FAQ No."), 1, 0 },
		[SHOW_TITLE] = { "title", _("Title"), 0, 0 },
		[SHOW_QUESTION] = { "question", _("Question"), 0, 0 },
		[SHOW_ANSWER] = { "answer", _("Answer"), 0, 0 },
		[SHOW_CATEGORY] = { "category", _("Category"), 0, 0 },
		[SHOW_CATEGORY_CODE] = { "category_code", _("Category code"), 0, 0 },
		[SHOW_DEPT] = { "department", _("Department"), 0, 0 },
		[SHOW_DEPT_CODE] = { "department_code", _("Department code"), 0, 0 },
		[SHOW_CLASS] = { "class", _("Class"), 0, 0 },
		[SHOW_CLASS_CODE] = { "class_code", _("Class code"), 0, 0 },
		[SHOW_VISIBILITY] = { "visibility", _("Visibility"), 0, 0 },
		[SHOW_VIEWS] = { "views", _("Views"), 1, 0 },
		[SHOW_HELPFUL] = { "helpful", _("Helpful"), 1, 0 },
		[SHOW_NOT_HELPFUL] = { "not_helpful", _("Not helpful"), 1, 0 },
		[SHOW_VERSION] = { "version", _("Version"), 1, 0 },
		[SHOW_REVIEWED] = { "reviewed_at", _("Reviewed"), 0, 0 },
		[SHOW_CREATED] = { "created_at", _("Created"), 0, 0 },
		[SHOW_CREATED_BY] = { "created_by", _("Created by"), 0, 0 },
		[SHOW_UPDATED] = { "updated_at", _("Updated"), 0, 0 },
		[SHOW_SOURCE] = { "source_ticket", _("Made from ticket"), 0, 0 },
	};
	char no[24], views[24], helpful[24], not_helpful[24], version[24];
	char reviewed[32], created[32], updated[32];
	const char *cells[SHOW_NCOLS];
	struct mado_err e = { 0 };
	struct table *t;
	int st;

	snprintf(no, sizeof no, "%" PRId64, r->faq_no);
	snprintf(views, sizeof views, "%" PRId64, r->views);
	snprintf(helpful, sizeof helpful, "%" PRId64, r->helpful);
	snprintf(not_helpful, sizeof not_helpful, "%" PRId64, r->not_helpful);
	snprintf(version, sizeof version, "%" PRId64, r->version);
	cells[SHOW_NO] = no;
	cells[SHOW_TITLE] = r->title;
	cells[SHOW_QUESTION] = r->question;
	cells[SHOW_ANSWER] = r->answer;
	cells[SHOW_CATEGORY] = kb_cli_opt_cell(r->category_name);
	cells[SHOW_CATEGORY_CODE] = kb_cli_opt_cell(r->category);
	cells[SHOW_DEPT] = kb_cli_opt_cell(r->department_name);
	cells[SHOW_DEPT_CODE] = kb_cli_opt_cell(r->department);
	cells[SHOW_CLASS] = kb_cli_opt_cell(r->faq_class_name);
	cells[SHOW_CLASS_CODE] = kb_cli_opt_cell(r->faq_class);
	cells[SHOW_VISIBILITY] = visibility_cell(c, r->public);
	cells[SHOW_VIEWS] = views;
	cells[SHOW_HELPFUL] = helpful;
	cells[SHOW_NOT_HELPFUL] = not_helpful;
	cells[SHOW_VERSION] = version;
	cells[SHOW_REVIEWED] = r->reviewed_at != 0
		? cli_time(r->reviewed_at, reviewed, sizeof reviewed) : NULL;
	cells[SHOW_CREATED] = cli_time(r->created_at, created, sizeof created);
	cells[SHOW_CREATED_BY] = kb_cli_opt_cell(r->created_by);
	cells[SHOW_UPDATED] = cli_time(r->updated_at, updated, sizeof updated);
	cells[SHOW_SOURCE] = kb_cli_opt_cell(r->source_ticket);
	t = table_new(cols, SHOW_NCOLS);
	table_add(t, cells);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_kb_show(struct cli_ctx *c, int argc, char **argv)
{
	const char *cmd = "kb show";
	struct mado_err e = { 0 };
	struct kb_row row;
	int64_t no;
	int st;

	if ((st = kb_cli_only_faq(cmd, argc, argv, &no)) != MADO_OK)
		return st;
	if (kb_show(c->db, &c->actor, no, &row, &e) != MADO_OK)
		return cli_fail(&e);
	st = print_article(c, &row);
	kb_row_clear(&row);
	return st;
}

/* ---- kb list ---- */

enum {
	LIST_NO, LIST_TITLE, LIST_CATEGORY, LIST_VISIBILITY, LIST_VIEWS, LIST_UPDATED,
	LIST_REVIEWED, LIST_NCOLS
};

struct list_ctx {
	const struct cli_ctx *c;
	struct table *t;
	bool stale;
	char last[48];    /* the cursor of the last row added */
};

static int
list_row(const struct kb_row *r, void *p)
{
	struct list_ctx *l = p;
	char no[24], views[24], updated[32], reviewed[32];
	const char *cells[LIST_NCOLS];

	snprintf(no, sizeof no, "%" PRId64, r->faq_no);
	snprintf(views, sizeof views, "%" PRId64, r->views);
	cells[LIST_NO] = no;
	cells[LIST_TITLE] = r->title;
	cells[LIST_CATEGORY] = kb_cli_opt_cell(r->category_name);
	cells[LIST_VISIBILITY] = visibility_cell(l->c, r->public);
	cells[LIST_VIEWS] = views;
	cells[LIST_UPDATED] = cli_time(r->updated_at, updated, sizeof updated);
	cells[LIST_REVIEWED] = cli_time(kb_reviewed_at(r), reviewed, sizeof reviewed);
	table_add(l->t, cells);
	if (l->stale)
		snprintf(l->last, sizeof l->last, "%" PRId64 ":%" PRId64, kb_reviewed_at(r), r->id);
	else
		snprintf(l->last, sizeof l->last, "%" PRId64, r->faq_no);
	return MADO_OK;
}

/* --after: the last FAQ number of the previous page, or for --stale the
 * "SECONDS:ID" key the previous page's hint printed. */
static bool
parse_cursor(const char *s, struct kb_query *q)
{
	const char *colon = strchr(s, ':');
	long long a, b;

	if (q->stale_days < 0) {
		if (!kb_cli_num(s, 0, KB_FAQ_NO_MAX, &a))
			return false;
		q->after_no = a;
	} else {
		char at[24];

		if (colon == NULL || (size_t)(colon - s) >= sizeof at)
			return false;
		memcpy(at, s, (size_t)(colon - s));
		at[colon - s] = '\0';
		if (!kb_cli_num(at, 0, INT64_MAX, &a) || !kb_cli_num(colon + 1, 0, INT64_MAX, &b))
			return false;
		q->after_at = a;
		q->after_id = b;
	}
	q->has_after = true;
	return true;
}

int
cmd_kb_list(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "public", no_argument, NULL, 'p' },
		{ "internal", no_argument, NULL, 'i' },
		{ "stale", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ "after", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const struct table_column cols[LIST_NCOLS] = {
		[LIST_NO] = { "faq_no", _("No."), 1, 0 },
		[LIST_TITLE] = { "title", _("Title"), 0, KB_CLI_TITLE_CELLS },
		[LIST_CATEGORY] = { "category", _("Category"), 0, 0 },
		[LIST_VISIBILITY] = { "visibility", _("Visibility"), 0, 0 },
		[LIST_VIEWS] = { "views", _("Views"), 1, 0 },
		[LIST_UPDATED] = { "updated_at", _("Updated"), 0, 0 },
		[LIST_REVIEWED] = { "reviewed_at", _("Reviewed"), 0, 0 },
	};
	const char *cmd = "kb list", *after = NULL;
	struct kb_query q = { .public = -1, .stale_days = -1, .limit = LIST_DEFAULT };
	struct list_ctx l = { .c = c };
	struct mado_err e = { 0 };
	bool more;
	long long n;
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': q.category = optarg; break;
		case 'p':
		case 'i':
			if (q.public >= 0 && q.public != (ch == 'p'))
				return cli_usage(cmd, _("give --public or --internal, not both"));
			q.public = ch == 'p';
			break;
		case 's':
			if (!kb_cli_num(optarg, 0, KB_STALE_DAYS_MAX, &n))
				return cli_usage(cmd, _("--stale: '%s' is not a number of days"), optarg);
			q.stale_days = (int)n;
			break;
		case 'l':
			if (!kb_cli_num(optarg, 1, KB_LIST_MAX, &n))
				return cli_usage(cmd, _("--limit: '%s' is not a number from 1 to %d"),
					optarg, KB_LIST_MAX);
			q.limit = (int)n;
			break;
		case 'a': after = optarg; break;
		default:
			return cli_bad_option(cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	/* Parsed after the loop: its form depends on --stale, wherever given. */
	if (after != NULL && !parse_cursor(after, &q))
		return cli_usage(cmd, q.stale_days < 0
			? _("--after: '%s' is not a FAQ number")
			: _("--after: '%s' is not a cursor printed by --stale"), after);
	l.stale = q.stale_days >= 0;
	/* A stale list shows when each article was last reviewed, which is
	 * what it is sorted by; the ordinary list leaves that column out. */
	l.t = table_new(cols, l.stale ? LIST_NCOLS : LIST_NCOLS - 1);
	st = kb_list(c->db, &c->actor, &q, list_row, &l, &more, &e);
	if (st == MADO_OK)
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	table_free(l.t);
	if (st != MADO_OK)
		return cli_fail(&e);
	if (more)
		fprintf(stderr, _("next page: --after %s\n"), l.last);
	return MADO_OK;
}
