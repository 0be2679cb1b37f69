/* mado kb from-ticket | export-public: FAQs in from answered tickets and
 * out to the citizen site. */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/cmd_kb.h"
#include "core/kb.h"

/* ---- kb from-ticket ---- */

int
cmd_kb_from_ticket(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const struct table_column cols[] = {
		{ "faq_no", _("FAQ No."), 1, 0 },
		{ "ticket", _("Ticket"), 0, 0 },
	};
	const char *cmd = "kb from-ticket", *title = NULL;
	struct kb_prefill p;
	struct kb_draft d;
	struct mado_err e = { 0 };
	char nobuf[24], line[48];
	const char *cells[] = { nobuf, NULL };
	int64_t no;
	int ch, st;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 't')
			return cli_bad_option(cmd, ch, argv);
		title = optarg;
	}
	if (optind >= argc)
		return cli_usage(cmd, _("give the ticket number"));
	if (optind + 1 < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if (kb_draft_from_ticket(c->db, &c->actor, argv[optind], &p, &e) != MADO_OK)
		return cli_fail(&e);
	d = (struct kb_draft){
		.title = title != NULL ? title : p.title, .question = p.question,
		.answer = p.answer, .category = p.category,
	};
	st = kb_add_from_ticket(c->db, &c->actor, p.ticket_id, &d, &no, &e);
	if (st == MADO_OK) {
		if (!p.answered)
			fprintf(stderr, _("mado: %s has no reply, so the answer is empty; write it with"
				" mado kb update %" PRId64 " --answer-file FILE\n"), p.ticket_number, no);
		snprintf(nobuf, sizeof nobuf, "%" PRId64, no);
		snprintf(line, sizeof line, "%s\n", nobuf);
		cells[1] = p.ticket_number;
		st = kb_cli_result(c, cols, cells, 2, line);
	} else
		st = cli_fail(&e);
	kb_prefill_clear(&p);
	return st;
}

/* ---- kb export-public ---- */

struct export_ctx {
	struct cli_ctx *c;
	enum kb_export_format fmt;
	enum csv_encoding enc;
	size_t rows;
};

static int
write_export(FILE *fp, void *p, struct mado_err *e)
{
	struct export_ctx *x = p;

	return kb_export_public(x->c->db, &x->c->actor, fp, x->fmt, x->enc, &x->rows, e);
}

int
cmd_kb_export_public(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "encoding", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "kb export-public", *path = NULL;
	struct export_ctx x = { .c = c, .fmt = KB_EXPORT_CSV, .enc = CSV_UTF8 };
	struct mado_err e = { 0 };
	bool enc_given = false, to_stdout;
	int ch, st;

	/* The global --format applies unless the command has its own; text
	 * has no meaning for a file the site imports. */
	if (c->format == OUT_JSON)
		x.fmt = KB_EXPORT_JSON;
	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'f' && (strcmp(optarg, "csv") == 0 || strcmp(optarg, "json") == 0))
			x.fmt = strcmp(optarg, "json") == 0 ? KB_EXPORT_JSON : KB_EXPORT_CSV;
		else if (ch == 'f')
			return cli_usage(cmd, _("--format: '%s' is not csv or json"), optarg);
		else if (ch == 'e') {
			int enc = csv_encoding_parse(optarg);

			if (enc < 0 || enc == CSV_AUTO)
				return cli_usage(cmd, _("--encoding: '%s' is not utf-8-bom, utf-8 or cp932"),
					optarg);
			x.enc = (enum csv_encoding)enc;
			enc_given = true;
		} else
			return cli_bad_option(cmd, ch, argv);
	}
	if (argc - optind > 1)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	path = optind < argc ? argv[optind] : NULL;
	to_stdout = path == NULL || strcmp(path, "-") == 0;
	if (x.fmt == KB_EXPORT_JSON && enc_given && x.enc != CSV_UTF8)
		return cli_usage(cmd, _("JSON is written in UTF-8 only"));
	/* A CSV file is most often opened in Excel, which needs the BOM to see
	 * UTF-8; a pipe wants plain UTF-8. */
	if (x.fmt == KB_EXPORT_CSV && !enc_given && !to_stdout)
		x.enc = CSV_UTF8_BOM;
	/* Refuse before touching the file. */
	if (kb_may_export(&c->actor, &e) != MADO_OK)
		return cli_fail(&e);
	/* Public data, meant to be handed on: ordinary permissions (less the
	 * umask), not a private file's. */
	st = to_stdout ? write_export(c->out, &x, &e) : cli_write_file(path, 0666, write_export, &x, &e);
	if (st != MADO_OK)
		return cli_fail(&e);
	if (!to_stdout)
		fprintf(c->out, ngettext("%zu public article written to %s\n",
			"%zu public articles written to %s\n", x.rows), x.rows, path);
	return MADO_OK;
}
