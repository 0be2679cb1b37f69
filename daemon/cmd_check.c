/* madod check-config: validates the configuration, opens (and migrates)
 * the database and loads the workflows, then checks what madod itself
 * needs: each source's password file and queue, the alert rules file,
 * the archive directory, and sending (daemon/notify.h); and the call-log
 * writing rules, which the client would otherwise only refuse mid-call. Every problem is
 * reported, not only the first. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "core/config_rules.h"
#include "core/master.h"
#include "core/workflow.h"
#include "daemon/jobs.h"
#include "daemon/intake.h"
#include "daemon/notify.h"
#include "daemon/source.h"
#include "madod.h"

static void
add_queue(const char *code, const char *name, void *ctx)
{
	g_hash_table_add(ctx, g_strdup(code));
}

/* The writing rules the call logs are held to ([calllog] writing_rules,
 * else the shipped file); returns 1 when they cannot be loaded. */
static int
check_writing_rules(const struct config *cfg)
{
	struct writing_rules *wr = NULL;
	struct mado_err e = { 0 };

	if (config_writing_rules(cfg, &wr, &e) != MADO_OK) {
		fprintf(stderr, "madod: %s\n", e.msg);
		return 1;
	}
	if (wr == NULL)
		printf(_("writing rules: off\n"));
	else
		printf(_("writing rules: %s\n"), cfg->writing_rules != NULL ? cfg->writing_rules
			: _("the shipped file"));
	writing_rules_free(wr);
	return 0;
}

/* The madod sections: prints each source, reports each problem on stderr;
 * returns the number of problems. */
static int
check_madod(const struct config *cfg, struct db *db)
{
	const struct madod_config *m = &cfg->madod;
	const char *file = cfg->path ? cfg->path : "(defaults)";
	GHashTable *queues = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct intake_setup setup;
	struct actor sys;
	struct mado_err e = { 0 };
	int bad = 0;

	identity_system(&sys);
	if (master_choices(db, &sys, "queue", add_queue, queues, &e) != MADO_OK) {
		fprintf(stderr, "madod: %s\n", e.msg);
		bad++;
	}
	for (int i = 0; i < m->nsources; i++) {
		const struct mail_source *s = &m->sources[i];
		char *pw = NULL;

		printf(_("source %s: %s %s, queue %s, every %d s%s%s\n"), s->name,
			source_type_name(s->type), s->url ? s->url : s->path, s->queue,
			s->poll_seconds, s->idle ? _(", IDLE when offered") : "",
			s->delete_after ? _(", deleted once taken") : "");
		if (s->type == SOURCE_IMAP || s->type == SOURCE_POP3)
			printf(_("source %s: starttls %s\n"), s->name,
				source_starttls_name(s->starttls));
		/* a warning, not a problem: the configuration still works */
		if (source_login_may_be_clear(s))
			fprintf(stderr, _("madod: warning: %s: [source %s] starttls: %s is not on"
				" this machine and starttls is not require: the password could go"
				" over the network in clear\n"), file, s->name, s->url);
		if (!g_hash_table_contains(queues, s->queue)) {
			fprintf(stderr, _("madod: %s: [source %s] queue: no queue '%s' in the"
				" database\n"), file, s->name, s->queue);
			bad++;
		}
		if (s->type != SOURCE_MAILDIR && source_password(s, file, &pw, &e) != MADO_OK) {
			fprintf(stderr, "madod: %s\n", e.msg);
			bad++;
		}
		if (pw != NULL) {
			explicit_bzero(pw, strlen(pw));
			g_free(pw);
		}
		if (s->type == SOURCE_MAILDIR && !g_file_test(s->path, G_FILE_TEST_IS_DIR)) {
			fprintf(stderr, _("madod: %s: [source %s] path: %s is not a directory\n"),
				file, s->name, s->path);
			bad++;
		}
	}
	if (m->nsources == 0)
		printf(_("no mail sources configured\n"));
	if (intake_setup_load(cfg, &setup, &e) != MADO_OK) {
		fprintf(stderr, _("madod: %s: [mail] alert_rules: %s\n"), file, e.msg);
		bad++;
	} else
		printf(_("alert rules: %d\n"), alert_rules_count(setup.rules));
	intake_setup_free(&setup);
	bad += check_writing_rules(cfg);
	for (int i = 0; i < m->njobs; i++)
		if (!jobs_known(m->jobs[i].name)) {
			fprintf(stderr, _("madod: %s: [jobs] %s: no such job\n"), file,
				m->jobs[i].name);
			bad++;
		}
	bad += notify_check(&cfg->smtp, NULL);
	if (m->archive_dir != NULL && access(m->archive_dir, W_OK | X_OK) != 0) {
		fprintf(stderr, _("madod: %s: [jobs] archive_dir: %s is not a writable"
			" directory\n"), file, m->archive_dir);
		bad++;
	}
	for (int i = 0; i < cfg->shifts.n; i++) {
		const struct shift *sh = &cfg->shifts.s[i];

		printf(_("shift %s: %02d:%02d to %02d:%02d\n"), sh->name, sh->start_min / 60,
			sh->start_min % 60, sh->end_min / 60, sh->end_min % 60);
	}
	if (cfg->report.output_dir != NULL && access(cfg->report.output_dir, W_OK | X_OK) != 0) {
		fprintf(stderr, _("madod: %s: [report] output_dir: %s is not a writable"
			" directory\n"), file, cfg->report.output_dir);
		bad++;
	}
	g_hash_table_destroy(queues);
	return bad;
}

int
madod_check_config(const struct madod_ctx *c, int argc, char **argv)
{
	static const char *const kinds[] = { "inquiry", "incident", "request" };
	struct config cfg;
	struct mado_err e = { 0 };
	struct db *db = NULL;
	char *path = NULL;
	bool demo = false;
	int st;

	if (argc > 1)
		return madod_usage(argv[0], _("unexpected argument '%s'"), argv[1]);
	st = config_load(&cfg, &e);
	if (st != MADO_OK)
		return madod_fail(&e);
	printf(_("configuration: %s\n"), cfg.path ? cfg.path : _("(none; defaults)"));
	st = config_db_path(&cfg, c->cli_db, &path, &demo, &e);
	if (st == MADO_OK)
		st = db_open(path, 0, &db, &e);
	if (st == MADO_OK)
		printf(_("database: %s%s (schema %d)\n"), path, demo ? _(" [demo]") : "",
			db_schema_version(db));
	for (int i = 0; i < 3 && st == MADO_OK; i++) {
		struct workflow wf;

		st = workflow_load(&wf, kinds[i], &e);
		if (st == MADO_OK)
			printf(_("workflow %s: %d statuses, %d transitions\n"), kinds[i],
				wf.nstatuses, wf.ntrans);
	}
	if (st != MADO_OK)
		madod_fail(&e);
	else if (check_madod(&cfg, db) > 0)
		st = MADO_ECONFIG;
	else
		printf(_("configuration OK\n"));
	db_close(db);
	free(path);
	config_free(&cfg);
	return st;
}
