/* mado calllog check: the stored call logs of a period against the
 * writing rules, for supervisors reviewing records: one row per finding,
 * by receipt id, as text for people or CSV/JSON for scripts. */
#include <getopt.h>
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/calllog_check.h"
#include "core/config_rules.h"
#include "core/report_calls.h"

/* CSV and JSON: every part of a finding in its own column. */
enum { K_RECEIPT, K_STARTED, K_FIELD, K_RULE, K_SEVERITY, K_POSITION, K_LENGTH, K_MATCH,
	K_SUGGESTION, K_MESSAGE, K_COUNT };
static const struct table_column key_cols[K_COUNT] = {
	[K_RECEIPT] = { "receipt_no", "", 0, 0 }, [K_STARTED] = { "started_at", "", 0, 0 },
	[K_FIELD] = { "field", "", 0, 0 }, [K_RULE] = { "rule", "", 0, 0 },
	[K_SEVERITY] = { "severity", "", 0, 0 }, [K_POSITION] = { "position", "", 0, 0 },
	[K_LENGTH] = { "length", "", 0, 0 }, [K_MATCH] = { "match", "", 0, 0 },
	[K_SUGGESTION] = { "suggestion", "", 0, 0 }, [K_MESSAGE] = { "message", "", 0, 0 },
};

/* Text: the finding said in one line, as the client says it. */
enum { T_RECEIPT, T_FIELD, T_RULE, T_SEVERITY, T_FINDING, T_COUNT };

struct check_run {
	struct cli_ctx *c;
	enum out_format fmt;
	struct table *t;
	int64_t findings, records;
	char last_receipt[64];
};

static int
add_finding(const struct calllog_finding *cf, void *p, struct mado_err *e)
{
	struct check_run *r = p;
	const struct wr_finding *f = cf->finding;
	bool inquiry = strcmp(cf->field, "inquiry_text") == 0;
	const char *severity = f->severity == WR_ERROR ? "error" : "warning";

	(void)e;
	r->findings++;
	if (strcmp(r->last_receipt, cf->receipt_no) != 0) {
		g_strlcpy(r->last_receipt, cf->receipt_no, sizeof r->last_receipt);
		r->records++;
	}
	if (r->fmt == OUT_TEXT) {
		char *said = wr_finding_text(f);
		const char *cells[T_COUNT] = {
			[T_RECEIPT] = cf->receipt_no, [T_FIELD] = inquiry ? _("Inquiry") : _("Response"),
			[T_RULE] = f->rule, [T_SEVERITY] = f->severity == WR_ERROR ? _("error") : _("warning"),
			[T_FINDING] = said,
		};

		table_add(r->t, cells);
		g_free(said);
	} else {
		char started[32], position[24] = "", length[24] = "";
		const char *cells[K_COUNT] = {
			[K_RECEIPT] = cf->receipt_no, [K_STARTED] = cli_time(cf->started_at, started, 32),
			[K_FIELD] = cf->field, [K_RULE] = f->rule, [K_SEVERITY] = severity,
			[K_POSITION] = position, [K_LENGTH] = length, [K_MATCH] = f->match,
			[K_SUGGESTION] = f->suggestion, [K_MESSAGE] = f->message,
		};

		if (f->position > 0)
			g_snprintf(position, sizeof position, "%ld", f->position);
		if (f->length >= 0)
			g_snprintf(length, sizeof length, "%ld", f->length);
		table_add(r->t, cells);
	}
	return MADO_OK;
}

static int
parse_options(struct check_run *r, int argc, char **argv, const char **from, const char **to)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "calllog check";
	int ch, v;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'f')
			*from = optarg;
		else if (ch == 't')
			*to = optarg;
		else if (ch == 'F' && (v = out_format_parse(optarg)) < 0)
			return cli_usage(cmd, _("--format must be text, csv or json, not '%s'"), optarg);
		else if (ch == 'F')
			r->fmt = (enum out_format)v;
		else
			return cli_bad_option(cmd, ch, argv);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	if (*from == NULL || *to == NULL)
		return cli_usage(cmd, _("give the period with --from and --to"));
	return MADO_OK;
}

int
cmd_calllog_check(struct cli_ctx *c, int argc, char **argv)
{
	struct table_column text_cols[T_COUNT] = {
		[T_RECEIPT] = { "receipt_no", _("Receipt"), 0, 0 },
		[T_FIELD] = { "field", _("Field"), 0, 0 },
		[T_RULE] = { "rule", _("Rule"), 0, 0 },
		[T_SEVERITY] = { "severity", _("Level"), 0, 0 },
		[T_FINDING] = { "finding", _("Finding"), 0, 0 },
	};
	struct check_run r = { .c = c, .fmt = c->format };
	const char *from = NULL, *to = NULL;
	struct writing_rules *rules = NULL;
	struct mado_err e = { 0 };
	int64_t since, until, checked = 0;
	int st = parse_options(&r, argc, argv, &from, &to);

	if (st != MADO_OK)
		return st;
	if (report_calls_period(from, to, &since, &until, &e) != MADO_OK)
		return cli_usage("calllog check", "%s", e.msg);
	if (config_writing_rules(&c->cfg, &rules, &e) != MADO_OK)
		return cli_fail(&e);
	r.t = r.fmt == OUT_TEXT ? table_new(text_cols, T_COUNT) : table_new(key_cols, K_COUNT);
	st = calllog_check_range(c->db, &c->actor, rules, since, until, add_finding, &r, &checked,
		&e);
	if (st == MADO_OK && (r.fmt != OUT_TEXT || r.findings > 0))
		st = table_print(r.t, c->out, r.fmt, c->ambi, &e);
	if (st == MADO_OK && r.fmt == OUT_TEXT) {
		if (r.findings > 0)
			fputc('\n', c->out);
		fprintf(c->out, _("%" PRId64 " call logs checked: %" PRId64 " findings in %" PRId64
			" of them\n"), checked, r.findings, r.records);
	}
	table_free(r.t);
	writing_rules_free(rules);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
