/* mado admin outbox list | retry: the notifications madod sends, and
 * sending a failed one again. Who may is decided in core. */
#include <getopt.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/outbox_admin.h"

struct list_ctx {
	struct table *t;
};

static int
list_row(const struct outbox_row *r, void *p)
{
	struct list_ctx *l = p;
	char id[24], attempts[16], next[32], sent[32];
	const char *cells[] = {
		id, r->ticket_number[0] ? r->ticket_number : NULL, r->event, r->recipient, r->state,
		attempts,
		r->state[0] == 'p' ? cli_time(r->next_attempt_at, next, sizeof next) : NULL,
		r->sent_at > 0 ? cli_time(r->sent_at, sent, sizeof sent) : NULL,
		r->last_error[0] ? r->last_error : NULL,
	};

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	snprintf(attempts, sizeof attempts, "%d", r->attempts);
	table_add(l->t, cells);
	return MADO_OK;
}

int
cmd_admin_outbox_list(struct cli_ctx *c, int argc, char **argv)
{
	static const struct table_column cols[] = {
		{ "id", N_("ID"), 1, 0 },
		{ "ticket", N_("Ticket"), 0, 0 },
		{ "event", N_("Event"), 0, 0 },
		{ "recipient", N_("Recipient"), 0, 32 },
		{ "state", N_("State"), 0, 0 },
		{ "attempts", N_("Attempts"), 1, 0 },
		{ "next_attempt", N_("Next attempt"), 0, 0 },
		{ "sent", N_("Sent"), 0, 0 },
		{ "last_error", N_("Last error"), 0, 40 },
	};
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	const char *cmd = "admin outbox list", *state = NULL;
	struct table_column tr[NCOLS];
	struct list_ctx l;
	struct mado_err e = { 0 };
	int ch, st, limit = 50;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 's')
			state = optarg;
		else if (ch == 'n')
			limit = atoi(optarg);
		else
			return cli_bad_option(cmd, ch, argv);
	}
	if (optind < argc)
		return cli_usage(cmd, _("unexpected argument '%s'"), argv[optind]);
	for (int i = 0; i < NCOLS; i++) {
		tr[i] = cols[i];
		tr[i].header = _(cols[i].header);
	}
	l.t = table_new(tr, NCOLS);
	st = outbox_admin_list(c->db, &c->actor, state, limit, list_row, &l, &e);
	if (st == MADO_OK)
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	table_free(l.t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_admin_outbox_retry(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	char *end;
	long long id = argc == 2 ? strtoll(argv[1], &end, 10) : 0;

	if (argc != 2 || *end != '\0' || id <= 0)
		return cli_usage("admin outbox retry", _("give the number of one notification"));
	if (outbox_admin_retry(c->db, &c->actor, id, &e) != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("notification #%lld will be sent at madod's next pass\n"), id);
	return MADO_OK;
}
