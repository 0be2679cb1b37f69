/* mado ticket ...: the ticket operations of core/ticket.h from the shell. */
#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/attachment.h"
#include "core/ticket.h"
#include "core/workflow.h"
#include "db/audit_store.h"

/* Parses "NUMBER" (the first operand) into a ticket id. */
static int
ticket_arg(struct cli_ctx *c, const char *cmd, int argc, char **argv, int64_t *id)
{
	struct mado_err e = { 0 };

	if (optind >= argc)
		return cli_usage(cmd, _("which ticket? give its number"));
	if (ticket_resolve(c->db, argv[optind], id, &e) != MADO_OK)
		return cli_fail(&e);
	optind++;
	return MADO_OK;
}

/* For commands that take operands only: refuses any option. */
static int
no_options(const char *cmd, int argc, char **argv)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int o;

	cli_getopt_reset();
	if ((o = getopt_long(argc, argv, ":", none, NULL)) != -1)
		return cli_bad_option(cmd, o, argv);
	return MADO_OK;
}

static int
no_more_args(const char *cmd, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	return MADO_OK;
}

/* A ticket's body from --body, --body-file or nothing. */
static int
body_option(const char *text, const char *file, char **out, struct mado_err *e)
{
	*out = NULL;
	if (text != NULL && file != NULL)
		return mado_err_set(e, MADO_EUSAGE, _("give --body or --body-file, not both"));
	if (file != NULL)
		return cli_read_text(file, out, e);
	if (text != NULL)
		*out = strdup(text);
	return MADO_OK;
}

static int
int_option(const char *cmd, const char *name, const char *value, int *out)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (*end != '\0' || end == value || v < 0 || v > 1000000)
		return cli_usage(cmd, _("%s needs a number, not '%s'"), name, value);
	*out = (int)v;
	return MADO_OK;
}

int
cmd_ticket_new(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' }, { "subject", required_argument, NULL, 's' },
		{ "body", required_argument, NULL, 'b' }, { "body-file", required_argument, NULL, 'B' },
		{ "queue", required_argument, NULL, 'q' }, { "owner", required_argument, NULL, 'o' },
		{ "category", required_argument, NULL, 'c' }, { "priority", required_argument, NULL, 'p' },
		{ "requester-name", required_argument, NULL, 'n' },
		{ "requester-email", required_argument, NULL, 'm' },
		{ "source", required_argument, NULL, 'S' }, { "system", required_argument, NULL, 'y' },
		{ "request-kind", required_argument, NULL, 'r' },
		{ "field", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	const char *names[64], *values[64];
	char *copies[64];
	struct ticket_draft d = { 0 };
	const char *body_text = NULL, *body_file = NULL;
	char *body = NULL, number[TICKET_NUMBER_MAX];
	struct mado_err e = { 0 };
	int64_t id;
	int o, st;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (o) {
		case 'k': d.kind = optarg; break;
		case 's': d.subject = optarg; break;
		case 'b': body_text = optarg; break;
		case 'B': body_file = optarg; break;
		case 'q': d.queue = optarg; break;
		case 'o': d.owner = optarg; break;
		case 'c': d.category = optarg; break;
		case 'n': d.requester_name = optarg; break;
		case 'm': d.requester_email = optarg; break;
		case 'S': d.source = optarg; break;
		case 'y': d.system = optarg; break;
		case 'r': d.request_kind = optarg; break;
		case 'p':
			if ((st = int_option("ticket new", "--priority", optarg, &d.priority)))
				goto out;
			break;
		case 'f': {
			const char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg || d.nfields == 64) {
				st = cli_usage("ticket new", _("--field takes NAME=VALUE, not '%s'"), optarg);
				goto out;
			}
			copies[d.nfields] = strndup(optarg, (size_t)(eq - optarg));
			names[d.nfields] = copies[d.nfields];
			values[d.nfields++] = eq + 1;
			break;
		}
		default:
			st = cli_bad_option("ticket new", o, argv);
			goto out;
		}
	}
	d.field_names = names;
	d.field_values = values;
	if ((st = no_more_args("ticket new", argc, argv)))
		goto out;
	if (d.kind == NULL || d.subject == NULL) {
		st = cli_usage("ticket new", _("--kind and --subject are required"));
		goto out;
	}
	if ((st = body_option(body_text, body_file, &body, &e)) == MADO_OK) {
		d.body = body;
		st = ticket_create(c->db, &c->actor, &d, &id, number, &e);
	}
	free(body);
	if (st != MADO_OK)
		cli_fail(&e);
	else if (c->format == OUT_JSON)
		fprintf(c->out, "{\"id\": %lld, \"number\": \"%s\"}\n", (long long)id, number);
	else
		fprintf(c->out, "%s\n", number);
out:
	for (int i = 0; i < d.nfields; i++)
		free(copies[i]);
	return st;
}

/* Fields of a ticket as one table record. */
enum { F_NUMBER, F_KIND, F_STATUS, F_SUBJECT, F_PRIORITY, F_QUEUE, F_OWNER, F_CATEGORY,
	F_REQUESTER, F_EMAIL, F_SOURCE, F_CREATED, F_CREATED_BY, F_UPDATED, F_DUE, F_CLOSED,
	F_BODY, F_COUNT };
static const struct table_column show_cols[F_COUNT] = {
	{ "number", N_("Number"), 0, 0 }, { "kind", N_("Kind"), 0, 0 },
	{ "status", N_("Status"), 0, 0 }, { "subject", N_("Subject"), 0, 0 },
	{ "priority", N_("Priority"), 1, 0 }, { "queue", N_("Queue"), 0, 0 },
	{ "owner", N_("Owner"), 0, 0 }, { "category", N_("Category"), 0, 0 },
	{ "requester", N_("Requester"), 0, 0 }, { "requester_email", N_("Requester mail"), 0, 0 },
	{ "source", N_("Source"), 0, 0 }, { "created", N_("Created"), 0, 0 },
	{ "created_by", N_("Created by"), 0, 0 }, { "updated", N_("Updated"), 0, 0 },
	{ "due", N_("Due"), 0, 0 }, { "closed", N_("Closed"), 0, 0 },
	{ "body", N_("Body"), 0, 0 },
};

static void
translate_headers(const struct table_column *src, struct table_column *dst, int n)
{
	for (int i = 0; i < n; i++) {
		dst[i] = src[i];
		dst[i].header = _(src[i].header);
	}
}

/* Detail fields holding a moment are stored as Unix seconds. */
static bool
is_time_field(const char *field)
{
	return g_str_has_suffix(field, "_at") || strcmp(field, "work_start") == 0 ||
		strcmp(field, "work_end") == 0;
}

static void
print_detail(const char *field, const char *value, void *p)
{
	FILE *out = p;
	char when[32];
	char **lines;

	if (is_time_field(field) && strspn(value, "0123456789") == strlen(value)) {
		fprintf(out, "  %s: %s\n", field, cli_time(strtoll(value, NULL, 10), when, sizeof when));
		return;
	}
	/* Long text keeps its lines, indented under the field name. */
	lines = g_strsplit(value, "\n", -1);
	fprintf(out, "  %s: %s\n", field, lines[0]);
	for (int i = 1; lines[i] != NULL; i++)
		fprintf(out, "    %s\n", lines[i]);
	g_strfreev(lines);
}

static void
print_comment(const struct comment_row *cm, void *p)
{
	FILE *out = p;
	char when[32];
	/* Marked by words, not colour: replies go to the requester. */
	const char *label = strcmp(cm->kind, "note") == 0 ? _("[internal note]")
		: strcmp(cm->kind, "incoming") == 0 ? _("[from requester]") : _("[reply]");
	char **lines = g_strsplit(cm->body, "\n", -1);

	fprintf(out, "\n%s %s %s\n", cli_time(cm->at, when, sizeof when), label, cm->author);
	for (int i = 0; lines[i] != NULL; i++)
		fprintf(out, "  %s %s\n", strcmp(cm->kind, "note") == 0 ? "|" : ">", lines[i]);
	g_strfreev(lines);
}

static void
print_link(const struct link_row *l, void *p)
{
	FILE *out = p;

	fprintf(out, "  %s %s %s  %s\n", l->outgoing ? "->" : "<-", l->rel,
		l->other_ref ? l->other_ref : "?", l->other_title ? l->other_title : "");
}

static void
print_attachment(const struct attachment_row *a, void *p)
{
	FILE *out = p;

	fprintf(out, "  #%lld  %s  (%lld bytes, %s)\n", (long long)a->id, a->filename,
		(long long)a->size, a->mime);
}

static void
print_history(const struct audit_row *r, void *p)
{
	FILE *out = p;
	char when[32];

	fprintf(out, "  %s %-8s %-8s %s: %s -> %s\n", cli_time(r->at, when, sizeof when),
		r->actor, r->action, r->field, r->old_value ? r->old_value : "-",
		r->new_value ? r->new_value : "-");
}

int
cmd_ticket_show(struct cli_ctx *c, int argc, char **argv)
{
	struct table_column cols[F_COUNT];
	struct ticket_row r;
	struct workflow wf;
	struct mado_err e = { 0 };
	char t1[32], t2[32], t3[32], t4[32], prio[8];
	const char *cells[F_COUNT];
	struct table *t;
	int64_t id;
	int st;

	if ((st = no_options("ticket show", argc, argv)) ||
	    (st = ticket_arg(c, "ticket show", argc, argv, &id)) ||
	    (st = no_more_args("ticket show", argc, argv)))
		return st;
	if (ticket_read(c->db, &c->actor, id, &r, &e) != MADO_OK)
		return cli_fail(&e);
	st = workflow_load(&wf, r.kind, &e);
	snprintf(prio, sizeof prio, "%d", r.priority);
	cells[F_NUMBER] = r.number;
	cells[F_KIND] = r.kind;
	/* People read the label, scripts the status name. */
	cells[F_STATUS] = st == MADO_OK && c->format == OUT_TEXT
		? workflow_label(&wf, workflow_status(&wf, r.status), mado_i18n_lang()) : r.status;
	cells[F_SUBJECT] = r.subject;
	cells[F_PRIORITY] = prio;
	cells[F_QUEUE] = r.queue_name;
	cells[F_OWNER] = r.owner_name;
	cells[F_CATEGORY] = r.category_name;
	cells[F_REQUESTER] = r.requester_name;
	cells[F_EMAIL] = r.requester_email;
	cells[F_SOURCE] = r.source;
	cells[F_CREATED] = cli_time(r.created_at, t1, sizeof t1);
	cells[F_CREATED_BY] = r.created_by;
	cells[F_UPDATED] = cli_time(r.updated_at, t2, sizeof t2);
	cells[F_DUE] = cli_time(r.due_at, t3, sizeof t3);
	cells[F_CLOSED] = cli_time(r.closed_at, t4, sizeof t4);
	cells[F_BODY] = r.body;
	translate_headers(show_cols, cols, F_COUNT);
	/* The body is long text: in the text form it follows the fields. */
	t = table_new(cols, c->format == OUT_TEXT ? F_BODY : F_COUNT);
	table_add(t, cells);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	if (st == MADO_OK && c->format == OUT_TEXT) {
		fprintf(c->out, "\n%s\n", r.body);
		fprintf(c->out, "\n%s\n", _("Details:"));
		st = ticket_detail_each(c->db, id, print_detail, c->out, &e);
		fprintf(c->out, "\n%s", _("Conversation:"));
		if (st == MADO_OK)
			st = ticket_conversation(c->db, &c->actor, id, print_comment, c->out, &e);
		fprintf(c->out, "\n%s\n", _("Attachments:"));
		if (st == MADO_OK)
			st = attachment_list(c->db, &c->actor, "ticket", id, print_attachment, c->out, &e);
		fprintf(c->out, "\n%s\n", _("Links:"));
		if (st == MADO_OK)
			st = link_each_of_ticket(c->db, id, print_link, c->out, &e);
		fprintf(c->out, "\n%s\n", _("History:"));
		if (st == MADO_OK)
			st = ticket_history(c->db, &c->actor, id, print_history, c->out, &e);
	}
	ticket_row_clear(&r);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

struct list_ctx {
	struct table *t;
	bool labels, more;
	struct workflow wf[3];
	int64_t last_updated, last_id;
	int rows;
};

static const struct workflow *
list_workflow(const struct list_ctx *l, const char *kind)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(l->wf[i].kind, kind) == 0)
			return &l->wf[i];
	return NULL;
}

static void
list_row(const struct ticket_brief *b, void *p)
{
	struct list_ctx *l = p;


	const struct workflow *wf = list_workflow(l, b->kind);
	char updated[32], prio[8];
	const char *cells[7] = {
		b->number,
		wf && l->labels ? workflow_label(wf, workflow_status(wf, b->status), mado_i18n_lang())
			: b->status,
		prio, b->queue, b->owner, cli_time(b->updated_at, updated, sizeof updated), b->subject,
	};

	snprintf(prio, sizeof prio, "%d", b->priority);
	table_add(l->t, cells);
	l->last_updated = b->updated_at;
	l->last_id = b->id;
	l->rows++;
}

int
cmd_ticket_list(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' }, { "status", required_argument, NULL, 's' },
		{ "queue", required_argument, NULL, 'q' }, { "owner", required_argument, NULL, 'o' },
		{ "mine", no_argument, NULL, 'M' }, { "open", no_argument, NULL, 'O' },
		{ "limit", required_argument, NULL, 'l' }, { "after", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct table_column cols[7] = {
		{ "number", N_("Number"), 0, 0 }, { "status", N_("Status"), 0, 0 },
		{ "priority", N_("Pri"), 1, 0 }, { "queue", N_("Queue"), 0, 12 },
		{ "owner", N_("Owner"), 0, 12 }, { "updated", N_("Updated"), 0, 0 },
		{ "subject", N_("Subject"), 0, 0 },
	};
	static const char *const kinds[3] = { "inquiry", "incident", "request" };
	struct table_column tr[7];
	struct ticket_filter f = { .limit = 50 };
	struct list_ctx l = { .labels = c->format == OUT_TEXT };
	struct mado_err e = { 0 };
	bool open_only = false;
	int o, st = MADO_OK;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (o) {
		case 'k': f.kind = optarg; break;
		case 's': f.status = optarg; break;
		case 'q': f.queue = optarg; break;
		case 'o': f.owner = optarg; break;
		case 'M': f.owner = c->actor.login; break;
		case 'O': open_only = true; break;
		case 'l':
			if ((st = int_option("ticket list", "--limit", optarg, &f.limit)))
				return st;
			break;
		case 'a': {
			long long u, i;
			int n = 0;

			if (sscanf(optarg, "%lld.%lld%n", &u, &i, &n) != 2 || optarg[n] != '\0')
				return cli_usage("ticket list", _("--after takes the cursor printed with"
					" the previous page, like 1763780000.123"));
			f.after_updated = u;
			f.after_id = i;
			break;
		}
		default:
			return cli_bad_option("ticket list", o, argv);
		}
	}
	if ((st = no_more_args("ticket list", argc, argv)))
		return st;
	if (open_only && f.status != NULL)
		return cli_usage("ticket list", _("give --open or --status, not both"));
	for (int i = 0; i < 3 && st == MADO_OK; i++)
		st = workflow_load(&l.wf[i], kinds[i], &e);
	translate_headers(cols, tr, 7);
	l.t = table_new(tr, 7);
	if (st == MADO_OK)
		st = ticket_list(c->db, &c->actor, &f, open_only, list_row, &l, &l.more, &e);
	if (st == MADO_OK)
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	table_free(l.t);
	if (st != MADO_OK)
		return cli_fail(&e);
	if (l.more)
		fprintf(stderr, _("next page: --after %lld.%lld\n"), (long long)l.last_updated,
			(long long)l.last_id);
	return MADO_OK;
}

int
cmd_ticket_update(struct cli_ctx *c, int argc, char **argv)
{
	const char *fields[32], *values[32];
	char *copies[32];
	struct mado_err e = { 0 };
	int64_t id;
	int n = 0, st;

	if ((st = no_options("ticket update", argc, argv)) ||
	    (st = ticket_arg(c, "ticket update", argc, argv, &id)))
		return st;
	if (optind >= argc)
		return cli_usage("ticket update", _("give one or more FIELD=VALUE"));
	for (; optind < argc && n < 32; optind++) {
		char *eq = strchr(argv[optind], '=');

		if (eq == NULL || eq == argv[optind]) {
			for (int i = 0; i < n; i++)
				free(copies[i]);
			return cli_usage("ticket update", _("'%s' is not FIELD=VALUE"), argv[optind]);
		}
		copies[n] = strndup(argv[optind], (size_t)(eq - argv[optind]));
		fields[n] = copies[n];
		values[n++] = eq + 1;
	}
	st = ticket_update(c->db, &c->actor, id, fields, values, n, &e);
	for (int i = 0; i < n; i++)
		free(copies[i]);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_ticket_comment(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", no_argument, NULL, 'n' }, { "body", required_argument, NULL, 'b' },
		{ "body-file", required_argument, NULL, 'B' }, { NULL, 0, NULL, 0 },
	};
	const char *text = NULL, *file = NULL;
	struct mado_err e = { 0 };
	bool note = false;
	char *body = NULL;
	int64_t id;
	int o, st;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (o == 'n')
			note = true;
		else if (o == 'b')
			text = optarg;
		else if (o == 'B')
			file = optarg;
		else
			return cli_bad_option("ticket comment", o, argv);
	}
	if ((st = ticket_arg(c, "ticket comment", argc, argv, &id)) ||
	    (st = no_more_args("ticket comment", argc, argv)))
		return st;
	/* With neither option the text comes from standard input. */
	st = body_option(text, text == NULL && file == NULL ? "-" : file, &body, &e);
	if (st == MADO_OK)
		st = ticket_comment(c->db, &c->actor, id, note, body, &e);
	free(body);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_ticket_assign(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "queue", required_argument, NULL, 'q' }, { "owner", required_argument, NULL, 'o' },
		{ "unassign", no_argument, NULL, 'u' }, { NULL, 0, NULL, 0 },
	};
	const char *queue = NULL, *owner = NULL;
	struct mado_err e = { 0 };
	int64_t id;
	int o, st;

	cli_getopt_reset();
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (o == 'q')
			queue = optarg;
		else if (o == 'o')
			owner = optarg;
		else if (o == 'u')
			owner = "";
		else
			return cli_bad_option("ticket assign", o, argv);
	}
	if ((st = ticket_arg(c, "ticket assign", argc, argv, &id)) ||
	    (st = no_more_args("ticket assign", argc, argv)))
		return st;
	if (ticket_assign(c->db, &c->actor, id, queue, owner, &e) != MADO_OK)
		return cli_fail(&e);
	return MADO_OK;
}

int
cmd_ticket_status(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	const char *status;
	int64_t id;
	int st;

	if ((st = no_options("ticket status", argc, argv)) ||
	    (st = ticket_arg(c, "ticket status", argc, argv, &id)))
		return st;
	if (optind >= argc)
		return cli_usage("ticket status", _("which status?"));
	status = argv[optind++];
	if ((st = no_more_args("ticket status", argc, argv)))
		return st;
	if (ticket_set_status(c->db, &c->actor, id, status, &e) != MADO_OK)
		return cli_fail(&e);
	return MADO_OK;
}

static int
close_or_reopen(struct cli_ctx *c, const char *cmd, int argc, char **argv, bool close)
{
	struct mado_err e = { 0 };
	int64_t id;
	int st;

	if ((st = no_options(cmd, argc, argv)) || (st = ticket_arg(c, cmd, argc, argv, &id)) ||
	    (st = no_more_args(cmd, argc, argv)))
		return st;
	st = close ? ticket_close(c->db, &c->actor, id, &e) : ticket_reopen(c->db, &c->actor, id, &e);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_ticket_close(struct cli_ctx *c, int argc, char **argv)
{
	return close_or_reopen(c, "ticket close", argc, argv, true);
}

int
cmd_ticket_reopen(struct cli_ctx *c, int argc, char **argv)
{
	return close_or_reopen(c, "ticket reopen", argc, argv, false);
}

int
cmd_ticket_link(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	int64_t id;
	int st;

	if ((st = no_options("ticket link", argc, argv)) ||
	    (st = ticket_arg(c, "ticket link", argc, argv, &id)))
		return st;
	if (argc - optind != 2)
		return cli_usage("ticket link", _("give the link type and the target"));
	if (ticket_link(c->db, &c->actor, id, argv[optind], argv[optind + 1], &e) != MADO_OK)
		return cli_fail(&e);
	return MADO_OK;
}
