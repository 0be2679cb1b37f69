/* `mado calllog ...`: recording calls from the shell — start, end, save
 * the after-call work, show one call, make it a ticket. */
#include "cli/cli.h"

#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calllog.h"
#include "core/calllog_record.h"
#include "core/config_rules.h"

/* Parses "RECEIPT" (the operand at optind) into a call log id; nothing
 * may follow it. */
static int
receipt_arg(struct cli_ctx *c, const char *cmd, int argc, char **argv, int64_t *id)
{
	struct mado_err e = { 0 };

	if (optind >= argc)
		return cli_usage(cmd, _("which call? give its receipt id"));
	if (optind + 1 < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if (calllog_resolve(c->db, argv[optind], id, &e) != MADO_OK)
		return cli_fail(&e);
	return MADO_OK;
}

static int
only_receipt(struct cli_ctx *c, const char *cmd, int argc, char **argv, int64_t *id)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int o;

	cli_getopt_reset();
	if ((o = getopt_long(argc, argv, ":", none, NULL)) != -1)
		return cli_bad_option(cmd, o, argv);
	return receipt_arg(c, cmd, argc, argv, id);
}

int
cmd_calllog_start(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	char receipt[CALLLOG_RECEIPT_MAX];
	struct mado_err e = { 0 };
	int64_t id;
	int o;

	cli_getopt_reset();
	if ((o = getopt_long(argc, argv, ":", none, NULL)) != -1)
		return cli_bad_option("calllog start", o, argv);
	if (optind < argc)
		return cli_usage("calllog start", _("unexpected argument '%s'"), argv[optind]);
	if (calllog_start(c->db, &c->actor, &id, receipt, &e) != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, "%s\n", receipt);
	return MADO_OK;
}

int
cmd_calllog_end(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	int64_t id;
	int st = only_receipt(c, "calllog end", argc, argv, &id);

	if (st != MADO_OK)
		return st;
	return calllog_end(c->db, &c->actor, id, &e) == MADO_OK ? MADO_OK : cli_fail(&e);
}

/* A text from TEXT or from file F (not both); *out stays NULL when
 * neither was given. Caller frees. */
static int
text_option(const char *name, const char *text, const char *file, char **out,
	struct mado_err *e)
{
	*out = NULL;
	if (text != NULL && file != NULL)
		return mado_err_set(e, MADO_EUSAGE, _("give --%s or --%s-file, not both"), name, name);
	if (file != NULL)
		return cli_read_text(file, out, e);
	if (text != NULL)
		*out = strdup(text);
	return MADO_OK;
}

struct save_args {
	struct calllog_fields f;
	int64_t faq[CALLLOG_FAQ_MAX + 1];
	const char *asked, *asked_file, *answered, *answered_file;
};

/* --faq may repeat; one more than the limit is kept so core refuses it
 * with its own message. "FAQ-12" and "12" both name FAQ 12. */
static int
faq_option(struct save_args *a, const char *arg)
{
	const char *s = strncmp(arg, "FAQ-", 4) == 0 ? arg + 4 : arg;
	char *end;
	long long n = strtoll(s, &end, 10);

	if (*s < '0' || *s > '9' || *end != '\0' || n <= 0)
		return cli_usage("calllog save", _("--faq needs an FAQ number, not '%s'"), arg);
	if (a->f.nfaq <= CALLLOG_FAQ_MAX)
		a->faq[a->f.nfaq++] = n;
	a->f.faq = a->faq;
	return MADO_OK;
}

static int
save_options(struct save_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "contact-type", required_argument, NULL, 'c' },
		{ "dept", required_argument, NULL, 'd' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "category", required_argument, NULL, 'g' },
		{ "faq", required_argument, NULL, 'f' },
		{ "asked", required_argument, NULL, 'a' },
		{ "asked-file", required_argument, NULL, 'A' },
		{ "answered", required_argument, NULL, 'r' },
		{ "answered-file", required_argument, NULL, 'R' },
		{ "transfer-to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int o, st;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (o) {
		case 'c': a->f.contact_type = optarg; break;
		case 'd': a->f.department = optarg; break;
		case 'o': a->f.outcome = optarg; break;
		case 'g': a->f.category = optarg; break;
		case 't': a->f.transfer_to = optarg; break;
		case 'a': a->asked = optarg; break;
		case 'A': a->asked_file = optarg; break;
		case 'r': a->answered = optarg; break;
		case 'R': a->answered_file = optarg; break;
		case 'f':
			if ((st = faq_option(a, optarg)) != MADO_OK)
				return st;
			break;
		default:
			return cli_bad_option("calllog save", o, argv);
		}
	}
	return MADO_OK;
}

/* The writing checks a saved text breaks, as warnings on stderr: the
 * record is kept, the operator is told. */
static void
warn_findings(const struct writing_rules *rules, const char *field, const char *text)
{
	GArray *found;

	if (text == NULL)
		return;
	found = writing_rules_check(rules, field, text, mado_i18n_lang());
	for (guint i = 0; i < found->len; i++) {
		const struct wr_finding *f = &g_array_index(found, struct wr_finding, i);
		char *said;

		if (f->kind != WR_CHECK)
			continue;
		said = wr_finding_text(f);
		fprintf(stderr, _("mado: warning: %s: [%s] %s\n"), field, f->rule, said);
		g_free(said);
	}
	g_array_unref(found);
}

int
cmd_calllog_save(struct cli_ctx *c, int argc, char **argv)
{
	struct save_args a = { 0 };
	struct mado_err e = { 0 };
	struct writing_rules *rules = NULL;
	char *asked = NULL, *answered = NULL;
	int64_t id;
	int st = save_options(&a, argc, argv);

	if (st == MADO_OK)
		st = receipt_arg(c, "calllog save", argc, argv, &id);
	if (st != MADO_OK)
		return st;
	st = text_option("asked", a.asked, a.asked_file, &asked, &e);
	if (st == MADO_OK)
		st = text_option("answered", a.answered, a.answered_file, &answered, &e);
	if (st == MADO_OK)
		st = config_writing_rules(&c->cfg, &rules, &e);
	a.f.inquiry_text = asked;
	a.f.response_text = answered;
	a.f.rules = rules;
	if (st == MADO_OK)
		st = calllog_save(c->db, &c->actor, id, &a.f, &e);
	if (st == MADO_OK) {
		warn_findings(rules, "inquiry_text", asked);
		warn_findings(rules, "response_text", answered);
	}
	writing_rules_free(rules);
	free(asked);
	free(answered);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

enum {
	S_RECEIPT, S_OPERATOR, S_STARTED, S_ENDED, S_WRAPUP, S_CONTACT, S_DEPT, S_OUTCOME,
	S_CATEGORY, S_FAQ, S_TRANSFER, S_INQUIRY, S_RESPONSE, S_COUNT
};

static const struct table_column show_cols[S_COUNT] = {
	[S_RECEIPT] = { "receipt_no", N_("Receipt"), 0, 0 },
	[S_OPERATOR] = { "operator", N_("Operator"), 0, 0 },
	[S_STARTED] = { "started_at", N_("Started"), 0, 0 },
	[S_ENDED] = { "ended_at", N_("Ended"), 0, 0 },
	[S_WRAPUP] = { "wrapup_at", N_("Wrap-up done"), 0, 0 },
	[S_CONTACT] = { "contact_type", N_("Contact type"), 0, 0 },
	[S_DEPT] = { "department", N_("Department"), 0, 0 },
	[S_OUTCOME] = { "outcome", N_("Outcome"), 0, 0 },
	[S_CATEGORY] = { "category", N_("Category"), 0, 0 },
	[S_FAQ] = { "faq", N_("FAQs used"), 0, 0 },
	[S_TRANSFER] = { "transfer_to", N_("Transferred to"), 0, 0 },
	[S_INQUIRY] = { "inquiry_text", N_("Inquiry"), 0, 0 },
	[S_RESPONSE] = { "response_text", N_("Response"), 0, 0 },
};

/* People read names, scripts codes. */
static const char *
code_or_name(const struct cli_ctx *c, const char *code, const char *name)
{
	return c->format == OUT_TEXT && *name ? name : code;
}

int
cmd_calllog_show(struct cli_ctx *c, int argc, char **argv)
{
	struct table_column cols[S_COUNT];
	const char *cells[S_COUNT];
	struct calllog_row r;
	struct mado_err e = { 0 };
	char t1[32], t2[32], t3[32], faq[96] = "";
	struct table *t;
	size_t len = 0;
	int64_t id;
	int st = only_receipt(c, "calllog show", argc, argv, &id);

	if (st != MADO_OK)
		return st;
	if (calllog_read(c->db, &c->actor, id, &r, &e) != MADO_OK)
		return cli_fail(&e);
	for (int i = 0; i < 3; i++)
		if (r.faq[i].faq_no != 0)
			len += (size_t)snprintf(faq + len, sizeof faq - len, "%s%lld", len ? "," : "",
				(long long)r.faq[i].faq_no);
	cells[S_RECEIPT] = r.receipt_no;
	cells[S_OPERATOR] = code_or_name(c, r.operator, r.operator_name);
	cells[S_STARTED] = cli_time(r.started_at, t1, sizeof t1);
	cells[S_ENDED] = cli_time(r.ended_at, t2, sizeof t2);
	cells[S_WRAPUP] = cli_time(r.wrapup_at, t3, sizeof t3);
	cells[S_CONTACT] = code_or_name(c, r.contact_type, r.contact_type_name);
	cells[S_DEPT] = code_or_name(c, r.department, r.department_name);
	cells[S_OUTCOME] = code_or_name(c, r.outcome, r.outcome_name);
	cells[S_CATEGORY] = code_or_name(c, r.category, r.category_name);
	cells[S_FAQ] = faq;
	cells[S_TRANSFER] = code_or_name(c, r.transfer_to, r.transfer_to_name);
	cells[S_INQUIRY] = r.inquiry_text;
	cells[S_RESPONSE] = r.response_text;
	for (int i = 0; i < S_COUNT; i++) {
		cols[i] = show_cols[i];
		cols[i].header = _(show_cols[i].header);
	}
	t = table_new(cols, S_COUNT);
	table_add(t, cells);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	calllog_row_clear(&r);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_calllog_to_ticket(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' }, { NULL, 0, NULL, 0 },
	};
	char number[TICKET_NUMBER_MAX];
	struct mado_err e = { 0 };
	const char *kind = NULL;
	int64_t id, ticket_id;
	int o, st;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (o == 'k')
			kind = optarg;
		else
			return cli_bad_option("calllog to-ticket", o, argv);
	}
	if (kind == NULL)
		return cli_usage("calllog to-ticket", _("give --kind inquiry or --kind incident"));
	if ((st = receipt_arg(c, "calllog to-ticket", argc, argv, &id)) != MADO_OK)
		return st;
	if (calllog_to_ticket(c->db, &c->actor, id, kind, &ticket_id, number, &e) != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, "%s\n", number);
	return MADO_OK;
}
