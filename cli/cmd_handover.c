/* mado handover note|pick|unpick|show: the supervisor's handover of a
 * shift, the running one unless --date and --shift say which. */
#include <getopt.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "cli/cli.h"
#include "core/handover.h"

struct handover_args {
	const char *cmd;
	char day[11];
	const char *date, *shift, *note;
	const char *arg;          /* the one argument: TEXT|-, TICKET, or none */
};

/* Options and the single argument (none when want_arg is false). */
static int
parse(struct cli_ctx *c, struct handover_args *a, int argc, char **argv, bool want_arg,
	bool note_opt)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "shift", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct shift *running;
	int ch;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch == 'd')
			a->date = optarg;
		else if (ch == 's')
			a->shift = optarg;
		else if (ch == 'n' && note_opt)
			a->note = optarg;
		else
			return cli_bad_option(a->cmd, ch == 'n' ? '?' : ch, argv);
	}
	if (want_arg && optind == argc)
		return cli_usage(a->cmd, _("missing argument"));
	if (want_arg)
		a->arg = argv[optind++];
	if (optind < argc)
		return cli_usage(a->cmd, _("unexpected argument '%s'"), argv[optind]);
	running = shift_at(&c->cfg.shifts, mado_now(), a->day, sizeof a->day);
	if (a->date != NULL)
		g_strlcpy(a->day, a->date, sizeof a->day);
	if (a->date != NULL && strlen(a->date) != 10)
		return cli_usage(a->cmd, _("%s: '%s' is not a date (YYYY-MM-DD)"), "--date",
			a->date);
	if (a->shift == NULL)
		a->shift = running->name;
	return MADO_OK;
}

int
cmd_handover_note(struct cli_ctx *c, int argc, char **argv)
{
	struct handover_args a = { .cmd = "handover note" };
	struct handover_key k;
	struct mado_err e = { 0 };
	char *text = NULL;
	int st = parse(c, &a, argc, argv, true, false);

	if (st != MADO_OK)
		return st;
	k = (struct handover_key){ &c->cfg.shifts, a.day, a.shift };
	if (strcmp(a.arg, "-") == 0)
		st = cli_read_text("-", &text, &e);
	if (st == MADO_OK)
		st = handover_set_note(c->db, &c->actor, &k, text != NULL ? text : a.arg, &e);
	free(text);
	if (st == MADO_OK)
		fprintf(c->out, _("handover note of %s %s saved\n"), a.day, a.shift);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

static int
pick(struct cli_ctx *c, int argc, char **argv, bool add)
{
	struct handover_args a = { .cmd = add ? "handover pick" : "handover unpick" };
	struct handover_key k;
	struct mado_err e = { 0 };
	int st = parse(c, &a, argc, argv, true, add);

	if (st != MADO_OK)
		return st;
	k = (struct handover_key){ &c->cfg.shifts, a.day, a.shift };
	st = add ? handover_pick(c->db, &c->actor, &k, a.arg, a.note, &e)
		: handover_unpick(c->db, &c->actor, &k, a.arg, &e);
	if (st == MADO_OK)
		fprintf(c->out, add ? _("%s added to the handover of %s %s\n")
			: _("%s removed from the handover of %s %s\n"), a.arg, a.day, a.shift);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_handover_pick(struct cli_ctx *c, int argc, char **argv)
{
	return pick(c, argc, argv, true);
}

int
cmd_handover_unpick(struct cli_ctx *c, int argc, char **argv)
{
	return pick(c, argc, argv, false);
}

static void
show_item(const struct shift_ticket *t, void *p)
{
	struct table *tb = p;
	const char *cells[3] = { t->number, t->subject, t->note };

	table_add(tb, cells);
}

int
cmd_handover_show(struct cli_ctx *c, int argc, char **argv)
{
	const struct table_column cols[3] = {
		{ "number", _("Number"), 0, 0 }, { "subject", _("Subject"), 0, 40 },
		{ "note", _("Note"), 0, 0 },
	};
	struct handover_args a = { .cmd = "handover show" };
	struct handover_key k;
	struct mado_err e = { 0 };
	struct table *tb;
	char *note = NULL, *by = NULL, at[32];
	int64_t when = 0;
	int st = parse(c, &a, argc, argv, false, false);

	if (st != MADO_OK)
		return st;
	k = (struct handover_key){ &c->cfg.shifts, a.day, a.shift };
	tb = table_new(cols, 3);
	st = handover_read(c->db, &c->actor, &k, &note, &by, &when, show_item, tb, &e);
	if (st == MADO_OK) {
		fprintf(c->out, "%s %s\n", a.day, a.shift);
		fprintf(c->out, "%s\n", note[0] != '\0' ? note : _("No handover note."));
		if (when != 0 && by[0] != '\0')
			fprintf(c->out, _("Written by %s, %s\n"), by, cli_time(when, at, sizeof at));
		else if (when != 0)
			fprintf(c->out, _("Written %s\n"), cli_time(when, at, sizeof at));
		fputc('\n', c->out);
		st = table_print(tb, c->out, OUT_TEXT, c->ambi, &e);
	}
	table_free(tb);
	free(note);
	free(by);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}
