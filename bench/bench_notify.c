/* Notification benchmark (issue 5; see bench/run.sh): N inquiries from a
 * requester whose mailbox is in the local dovecot, each with its
 * acknowledgement in the outbox, sent by one `madod send` pass through the
 * local OpenSMTPD. Prints notifications per second as the SMTP server
 * accepted them (rendered, built, sent and recorded, every row committed),
 * and, given the Maildir, how long until dovecot had them all.
 *   bench_notify DB SMTP_PORT N [MAILDIR]
 * Fails (exit 1) when a notification was not sent. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/env.h"
#include "bench/bench_util.h"
#include "core/master.h"
#include "core/ticket.h"
#include "daemon/notify.h"

static const char *const subjects[] = {
	"プリンターで印刷できない（3階 複合機）",
	"住民基本台帳システムにログインできない",
	"Outlook の予定表が同期されない",
	"VPN cannot connect from the branch office",
	"パスワードの有効期限切れについて",
};

static void
tickets_add(struct db *db, int n)
{
	struct user_spec u = { .login = "benchop", .name = "窓口 太郎", .role = "operator" };
	struct mado_err e = { 0 };
	struct actor sys, op;

	identity_system(&sys);
	if (user_add(db, &sys, &u, &e) != MADO_OK ||
	    identity_by_login(db, "benchop", &op, &e) != MADO_OK)
		bench_die("operator", &e);
	sqlite3_exec(db_handle(db), "INSERT INTO queue(code, name) VALUES ('helpdesk',"
		" 'ヘルプデスク')", NULL, NULL, NULL);
	for (int i = 0; i < n; i++) {
		struct ticket_draft d = { .kind = "inquiry",
			.subject = subjects[i % (int)(sizeof subjects / sizeof subjects[0])],
			.body = "3階の複合機から印刷できません。\n至急対応をお願いします。",
			.queue = "helpdesk", .requester_name = "山田 太郎",
			.requester_email = "yamada@example.test" };

		if (ticket_create(db, &op, &d, NULL, NULL, &e) != MADO_OK)
			bench_die("create", &e);
	}
}

static int
files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	if (d != NULL)
		closedir(d);
	return n;
}

int
main(int argc, char **argv)
{
	struct smtp_config smtp;
	struct notify_cfg cfg = { .smtp = &smtp };
	struct notify_counts counts;
	struct mado_err e = { 0 };
	struct db *db;
	double t0, t1;
	int n;

	if (argc < 4 || (n = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: bench_notify DB SMTP_PORT N [MAILDIR]\n");
		return 2;
	}
	unlink(argv[1]);
	if (db_open(argv[1], 1, &db, &e) != MADO_OK)
		bench_die("open", &e);
	tickets_add(db, n);
	config_smtp_default(&smtp);
	g_free(smtp.host);
	smtp.host = g_strdup("127.0.0.1");
	smtp.port = atoi(argv[2]);
	smtp.starttls = SMTP_STARTTLS_NO;
	smtp.from = g_strdup("ヘルプデスク <desk@example.test>");
	t0 = bench_now_ms();
	if (notify_run(db, &cfg, &counts, &e) != MADO_OK)
		bench_die("send", &e);
	t1 = bench_now_ms();
	printf("notify: %d acknowledgements sent in %.2f s: %.0f notifications/s"
		" (batches of 100 per connection, every row committed)\n", counts.sent,
		(t1 - t0) / 1e3, counts.sent / ((t1 - t0) / 1e3));
	if (argc > 4) {
		char new_dir[4096], cur_dir[4096];
		int have = 0;

		snprintf(new_dir, sizeof new_dir, "%s/new", argv[4]);
		snprintf(cur_dir, sizeof cur_dir, "%s/cur", argv[4]);
		for (int i = 0; i < 6000 && (have = files_in(new_dir) + files_in(cur_dir)) < n; i++)
			usleep(10000);
		printf("notify: %d of %d in the requester's mailbox %.2f s after the pass began\n",
			have, n, (bench_now_ms() - t0) / 1e3);
	}
	config_smtp_free(&smtp);
	db_close(db);
	if (counts.sent != n) {
		fprintf(stderr, "bench: %d of %d sent (%d to retry, %d failed): %s\n", counts.sent, n,
			counts.retry, counts.failed, counts.last_error);
		return 1;
	}
	return 0;
}
