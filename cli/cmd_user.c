/* mado admin user add | list | role: staff accounts from the shell. The
 * checks (login syntax, role, department, who may do it) are in core. */
#include <getopt.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "core/master.h"

int
cmd_admin_user_add(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "kana", required_argument, NULL, 'k' },
		{ "role", required_argument, NULL, 'r' },
		{ "dept", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'm' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "admin user add";
	struct user_spec u = { 0 };
	struct mado_err e = { 0 };
	int ch;

	cli_getopt_reset();
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': u.name = optarg; break;
		case 'k': u.kana = optarg; break;
		case 'r': u.role = optarg; break;
		case 'd': u.department = optarg; break;
		case 'm': u.email = optarg; break;
		case 'l': u.lang = optarg; break;
		default: return cli_bad_option(cmd, ch, argv);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(cmd, _("give one login name"));
	if (u.name == NULL)
		return cli_usage(cmd, _("--name is required"));
	u.login = argv[optind];
	if (user_add(c->db, &c->actor, &u, &e) != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("user %s added\n"), u.login);
	return MADO_OK;
}

struct list_ctx {
	struct cli_ctx *c;
	struct table *t;
};

static int
list_row(const struct staff_row *row, void *p)
{
	struct list_ctx *l = p;
	char when[32];
	const char *active = l->c->format == OUT_TEXT
		? (row->active ? _("yes") : _("no")) : (row->active ? "1" : "0");
	const char *cells[] = {
		row->login, row->name, row->role,
		row->department[0] != '\0' ? row->department : NULL, active,
		row->last_login > 0 ? cli_time(row->last_login, when, sizeof when) : NULL,
	};

	table_add(l->t, cells);
	return MADO_OK;
}

int
cmd_admin_user_list(struct cli_ctx *c, int argc, char **argv)
{
	static const struct table_column cols[] = {
		{ "login", N_("Login"), 0, 0 },
		{ "name", N_("Name"), 0, 24 },
		{ "role", N_("Role"), 0, 0 },
		{ "department", N_("Department"), 0, 0 },
		{ "active", N_("Active"), 0, 0 },
		{ "last_login", N_("Last login"), 0, 0 },
	};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	struct table_column tr[NCOLS];
	struct list_ctx l = { .c = c };
	struct mado_err e = { 0 };
	int st;

	if (argc > 1)
		return cli_usage("admin user list", _("takes no arguments"));
	for (int i = 0; i < NCOLS; i++) {
		tr[i] = cols[i];
		tr[i].header = _(cols[i].header);
	}
	l.t = table_new(tr, NCOLS);
	st = user_list(c->db, &c->actor, list_row, &l, &e);
	if (st == MADO_OK)
		st = table_print(l.t, c->out, c->format, c->ambi, &e);
	table_free(l.t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_admin_user_role(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	bool changed;

	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-')
		return cli_usage("admin user role", _("give a login name and a role"));
	if (user_set_role(c->db, &c->actor, argv[1], argv[2], &changed, &e) != MADO_OK)
		return cli_fail(&e);
	if (changed)
		fprintf(c->out, _("%s now has the role %s\n"), argv[1], argv[2]);
	else
		fprintf(c->out, _("%s already has the role %s\n"), argv[1], argv[2]);
	return MADO_OK;
}
