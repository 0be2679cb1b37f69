/* mado admin db ... and mado admin audit ...: the state of the database. */
#include <getopt.h>

#include "base/i18n.h"
#include "cli/cli.h"

int
cmd_admin_db_version(struct cli_ctx *c, int argc, char **argv)
{
	static const struct table_column cols[] = {
		{ "database", N_("Database"), 0, 0 },
		{ "schema_version", N_("Schema version"), 1, 0 },
		{ "latest", N_("Latest known"), 1, 0 },
	};
	struct table_column tr[3];
	char v[16], l[16];
	const char *row[3] = { db_path(c->db), v, l };
	struct table *t;
	struct mado_err e = { 0 };
	int st;

	if (argc > 1)
		return cli_usage("admin db version", _("takes no arguments"));
	for (int i = 0; i < 3; i++) {
		tr[i] = cols[i];
		tr[i].header = _(cols[i].header);
	}
	snprintf(v, sizeof v, "%d", db_schema_version(c->db));
	snprintf(l, sizeof l, "%d", db_schema_latest());
	t = table_new(tr, 3);
	table_add(t, row);
	st = table_print_record(t, c->out, c->format, c->ambi, &e);
	table_free(t);
	return st == MADO_OK ? MADO_OK : cli_fail(&e);
}

int
cmd_admin_audit_verify(struct cli_ctx *c, int argc, char **argv)
{
	struct mado_err e = { 0 };
	int64_t bad;
	int st;

	if (argc > 1)
		return cli_usage("admin audit verify", _("takes no arguments"));
	st = audit_check(c->db, &c->actor, &bad, &e);
	if (st != MADO_OK)
		return cli_fail(&e);
	fprintf(c->out, _("audit trail intact\n"));
	return MADO_OK;
}
