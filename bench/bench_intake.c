/* Mail intake benchmark (issue 5; see bench/run.sh): a generated corpus
 * of BENCH_MAILS (10,000) Japanese and English messages (bench/mail_corpus.c)
 * taken into a fresh database through madod's sources, each message
 * durably committed (synchronous=FULL) before it is acknowledged:
 *   from a Maildir folder (moved to cur/ once committed);
 *   from IMAP, the test dovecot's mailbox (tests/servers/dovecot.sh; run.sh
 *   starts it), flagged \Seen once committed.
 * Each pass runs in its own process, so its peak RSS is its own. Prints
 * messages per second and peak RSS; fails when a message is missing. */
#include <ftw.h>
#include <inttypes.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench_util.h"
#include "bench/mail_corpus.h"
#include "core/config.h"
#include "daemon/imap.h"
#include "daemon/intake.h"
#include "daemon/maildir.h"

static struct db *
fresh_db(const char *path)
{
	struct mado_err e = { 0 };
	struct db *db;
	char *wal = g_strconcat(path, "-wal", NULL), *shm = g_strconcat(path, "-shm", NULL);

	g_unlink(path);
	g_unlink(wal);
	g_unlink(shm);
	g_free(wal);
	g_free(shm);
	if (db_open(path, 1, &db, &e) != MADO_OK)
		bench_die("open", &e);
	if (sqlite3_exec(db_handle(db), "INSERT INTO queue(code, name) VALUES ('helpdesk',"
	    " 'ヘルプデスク')", NULL, NULL, NULL) != SQLITE_OK) {
		mado_err_set(&e, MADO_EFAIL, "%s", sqlite3_errmsg(db_handle(db)));
		bench_die("queue", &e);
	}
	return db;
}

struct pass {
	const char *name;
	const char *db_path;
	struct mail_source src;
	const char *password;
};

/* The child: one pass over the source into a fresh database. */
static int
run_pass(const struct pass *p, int expect)
{
	struct config cfg;
	struct intake_setup setup;
	struct mado_err e = { 0 };
	struct db *db = fresh_db(p->db_path);
	struct intake_target t = { .db = db, .queue = "helpdesk" };
	struct source_sink sink = { intake_take, &t, NULL, intake_take_batch };
	struct source_counts n = { 0 };
	struct imap *im = NULL;
	double t0, ms;
	int64_t stored;
	int st;

	if (config_load(&cfg, &e) != MADO_OK || intake_setup_load(&cfg, &setup, &e) != MADO_OK)
		bench_die("configuration", &e);
	t.opts = &setup.opts;
	t0 = bench_now_ms();
	if (p->src.type == SOURCE_MAILDIR)
		st = maildir_take_all(&p->src, &sink, &n, &e);
	else if ((st = imap_open(&p->src, p->password, &im, &e)) == MADO_OK) {
		st = imap_take_unseen(im, &p->src, &sink, &n, &e);
		imap_close(im);
	}
	ms = bench_now_ms() - t0;
	if (st != MADO_OK)
		bench_die(p->name, &e);
	stored = bench_count(db, "SELECT count(*) FROM mail_message");
	printf("%-8s %6d messages in %8.1f ms: %7.1f msg/s (%" PRId64 " stored, %" PRId64
		" tickets, %d refused)\n",
		p->name, n.taken, ms, n.taken * 1000.0 / ms, stored,
		bench_count(db, "SELECT count(*) FROM ticket"), n.failed);
	fflush(stdout);
	db_close(db);
	intake_setup_free(&setup);
	config_free(&cfg);
	return n.taken == expect && stored == expect ? 0 : 1;
}

static int
measured(const struct pass *p, int expect)
{
	struct rusage ru;
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(run_pass(p, expect));
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
		return 1;
	printf("%-8s peak RSS %ld KiB, CPU user %.1f s, system %.1f s\n", p->name, ru.ru_maxrss,
		(double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
		(double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static uid_t owner_uid;
static gid_t owner_gid;

static int
chown_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return lchown(path, owner_uid, owner_gid) == 0 ? 0 : -1;
}

/* The mailbox belongs to the mail user (nobody when dovecot runs as root). */
static void
give_to_owner_of(const char *home, const char *box)
{
	struct stat sb;

	if (stat(home, &sb) != 0 || sb.st_uid == getuid())
		return;
	owner_uid = sb.st_uid;
	owner_gid = sb.st_gid;
	if (nftw(box, chown_one, 16, FTW_PHYS) != 0)
		perror(box);
}

int
main(int argc, char **argv)
{
	const char *env_n = getenv("BENCH_MAILS");
	int n = env_n ? atoi(env_n) : 10000, bad = 0;
	const char *port = getenv("DOVECOT_IMAP_PORT"), *dovecot = getenv("DOVECOT_DIR");
	char *md, *db_path;
	size_t bytes;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_intake WORKDIR\n");
		return 64;
	}
	md = g_build_filename(argv[1], "corpus-maildir", NULL);
	db_path = g_build_filename(argv[1], "intake.db", NULL);
	bytes = mail_corpus_maildir(md, n);
	printf("corpus: %d messages, %.1f MB (ISO-2022-JP, CP932, UTF-8 QP, English, HTML,"
		" alternative, attachments; replies)\n", n, (double)bytes / 1e6);
	bad |= measured(&(struct pass){ "maildir", db_path, { .name = (char *)"bench",
		.type = SOURCE_MAILDIR, .path = md, .queue = (char *)"helpdesk" }, NULL }, n);
	if (port != NULL && dovecot != NULL) {
		char *box = g_build_filename(dovecot, "mail", "desk", "Maildir", NULL);
		char *url = g_strdup_printf("imap://127.0.0.1:%s/INBOX", port);
		char *home = g_build_filename(dovecot, "mail", "desk", NULL);

		mail_corpus_maildir(box, n);
		give_to_owner_of(home, box);
		g_free(home);
		bad |= measured(&(struct pass){ "imap", db_path, { .name = (char *)"bench",
			.type = SOURCE_IMAP, .url = url, .user = (char *)"desk",
			.queue = (char *)"helpdesk" }, getenv("DOVECOT_PASSWORD") }, n);
		g_free(url);
		g_free(box);
	} else
		printf("imap: skipped (no test dovecot: DOVECOT_IMAP_PORT, DOVECOT_DIR)\n");
	g_free(md);
	g_free(db_path);
	return bad;
}
