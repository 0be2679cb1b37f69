#include "intake.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

int
intake_setup_load(const struct config *cfg, struct intake_setup *s, struct mado_err *e)
{
	const char *conf = cfg->madod.alert_rules;
	char *path = conf != NULL ? g_strdup(conf) : alert_rules_default_path();
	int st = MADO_OK;

	memset(s, 0, sizeof *s);
	s->calendar = cfg->calendar;
	s->opts.calendar = &s->calendar;
	s->opts.autoreply_per_hour = cfg->madod.autoreply_per_hour;
	/* The shipped rules not installed with the program: no alert folding. */
	if (conf != NULL || access(path, F_OK) == 0)
		st = alert_rules_load(path, &s->rules, e);
	s->opts.alerts = s->rules;
	g_free(path);
	return st;
}

void
intake_setup_free(struct intake_setup *s)
{
	alert_rules_free(s->rules);
	memset(s, 0, sizeof *s);
}

int
intake_take(const char *raw, size_t len, void *ctx, struct mado_err *e)
{
	struct intake_target *t = ctx;

	return mail_intake(t->db, t->opts, t->queue, raw, len, &t->last, e);
}

struct batch {
	struct intake_target *t;
	const struct source_msg *msgs;
	int n;
};

static int
batch_txn(struct db *db, void *p, struct mado_err *e)
{
	struct batch *b = p;

	for (int i = 0; i < b->n; i++) {
		int st = mail_intake(db, b->t->opts, b->t->queue, b->msgs[i].raw, b->msgs[i].len,
			&b->t->last, e);

		if (st != MADO_OK)
			return st;
	}
	return MADO_OK;
}

int
intake_take_batch(const struct source_msg *msgs, int n, void *ctx, struct mado_err *e)
{
	struct batch b = { ctx, msgs, n };

	return db_txn(b.t->db, batch_txn, &b, e);
}
