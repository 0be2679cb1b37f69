/* The mail sources against a real dovecot (tests/servers/dovecot.sh; run
 * by tests/cli/test_sources.sh, which starts it and passes its ports in
 * the environment): every message reaches the sink, and is acknowledged
 * on the server (\Seen, \Deleted, DELE, moved in the Maildir) only after
 * the sink took it — never while it is being taken, never when it was
 * refused; MADO_ETEMP ends the pass; IDLE announces new mail. */
#include <curl/curl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/imap.h"
#include "daemon/maildir.h"
#include "daemon/pop3.h"
#include "daemon/source.h"
#include "tests/tap.h"

static const char *password, *dir;
static int imap_port, pop3_port, imaps_port;

struct user_ctx {
	const char *user;
	GString *buf;
	const char *data;
	size_t len, pos;
};

static size_t
collect(char *data, size_t size, size_t nmemb, void *ctx)
{
	g_string_append_len(ctx, data, (gssize)(size * nmemb));
	return size * nmemb;
}

static size_t
supply(char *out, size_t size, size_t nmemb, void *ctx)
{
	struct user_ctx *u = ctx;
	size_t n = size * nmemb < u->len - u->pos ? size * nmemb : u->len - u->pos;

	memcpy(out, u->data + u->pos, n);
	u->pos += n;
	return n;
}

/* A command on user's INBOX through libcurl (untagged answers back). */
static char *
imap_cmd(const char *user, const char *cmd)
{
	char url[128];
	GString *out = g_string_new(NULL);
	CURL *c = curl_easy_init();

	snprintf(url, sizeof url, "imap://127.0.0.1:%d/INBOX", imap_port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_USERNAME, user);
	curl_easy_setopt(c, CURLOPT_PASSWORD, password);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, cmd);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	if (curl_easy_perform(c) != CURLE_OK)
		g_string_assign(out, "(failed)");
	curl_easy_cleanup(c);
	return g_string_free(out, FALSE);
}

/* Puts a message into user's INBOX, unseen (libcurl's APPEND flags it
 * \Seen, so the flag is taken off the newest message again). */
static void
append(const char *user, const char *id, const char *extra)
{
	char url[128];
	char *msg = g_strdup_printf("From: sender@example.jp\r\nTo: %s@example.jp\r\n"
		"Subject: test %s\r\nMessage-ID: <%s@example.jp>\r\n%s\r\nbody of %s\r\n",
		user, id, id, extra, id);
	struct user_ctx u = { .data = msg, .len = strlen(msg) };
	CURL *c = curl_easy_init();

	snprintf(url, sizeof url, "imap://127.0.0.1:%d/INBOX", imap_port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_USERNAME, user);
	curl_easy_setopt(c, CURLOPT_PASSWORD, password);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, supply);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE, (long)u.len);
	if (curl_easy_perform(c) != CURLE_OK)
		printf("# APPEND for %s failed\n", user);
	curl_easy_cleanup(c);
	g_free(msg);
	g_free(imap_cmd(user, "UID STORE * -FLAGS.SILENT (\\Seen)"));
}

/* The sink: records the Message-IDs it took; refuses those with an
 * X-Test: refuse header (MADO_EDATA) or X-Test: busy (MADO_ETEMP); when
 * seen_check is set, records which messages the server showed as seen
 * while each one was being taken. */
struct sink_log {
	GString *ids;
	const char *seen_check;   /* user whose INBOX to ask */
	GString *seen;
};

static int
take(const char *raw, size_t len, void *ctx, struct mado_err *e)
{
	struct sink_log *l = ctx;
	char *text = g_strndup(raw, len);
	const char *id = strstr(text, "Message-ID: <");
	int st = MADO_OK;

	if (strstr(text, "X-Test: refuse"))
		st = mado_err_set(e, MADO_EDATA, "refused");
	else if (strstr(text, "X-Test: busy"))
		st = mado_err_set(e, MADO_ETEMP, "busy");
	else if (id != NULL)
		g_string_append_printf(l->ids, "%.*s ", (int)strcspn(id + 13, "@"), id + 13);
	if (st == MADO_OK && l->seen_check != NULL) {
		char *seen = imap_cmd(l->seen_check, "UID SEARCH SEEN");

		g_string_append_printf(l->seen, "[%.*s]", (int)strcspn(seen, "\r"), seen);
		g_free(seen);
	}
	g_free(text);
	return st;
}

/* The batch sink: all or nothing, as a transaction is; counts batches. */
static int batches;

static int
take_batch(const struct source_msg *msgs, int n, void *ctx, struct mado_err *e)
{
	struct sink_log *l = ctx;
	size_t before = l->ids->len;

	for (int i = 0; i < n; i++)
		if (take(msgs[i].raw, msgs[i].len, ctx, e) != MADO_OK) {
			g_string_truncate(l->ids, before);
			return e->status;
		}
	batches++;
	return MADO_OK;
}

static struct mail_source
source(enum source_type type, const char *user, int port, const char *pwfile)
{
	struct mail_source s = { .name = (char *)user, .type = type, .user = (char *)user,
		.password_file = (char *)pwfile, .queue = (char *)"helpdesk" };

	s.url = g_strdup_printf("%s://127.0.0.1:%d/%s", source_type_name(type), port,
		source_is_pop3(type) ? "" : "INBOX");
	return s;
}

static void
test_imap(const char *pwfile)
{
	struct mail_source s = source(SOURCE_IMAP, "desk", imap_port, pwfile);
	struct sink_log l = { g_string_new(NULL), "desk", g_string_new(NULL) };
	struct source_sink sink = { take, &l, NULL, take_batch };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	char *flags;
	int st;

	append("desk", "i1", "");
	append("desk", "i2", "X-Test: refuse\r\n");
	append("desk", "i3", "");
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	is_int(st, MADO_OK, "IMAP pass: %s", e.msg);
	is_str(l.ids->str, "i1 i3 ", "IMAP: the sink got the messages in order");
	is_int(n.taken, 2, "IMAP: two taken");
	is_int(n.failed, 1, "IMAP: one refused");
	is_str(l.seen->str, "[* SEARCH][* SEARCH][* SEARCH]", "IMAP: no message is seen on the"
		" server while it is being taken (the batch with the refused one, then one by one)");
	g_string_free(l.seen, TRUE);
	flags = imap_cmd("desk", "UID SEARCH SEEN");
	is_str(flags, "* SEARCH 1 3\r\n", "IMAP: taken messages are \\Seen, the refused one not");
	g_free(flags);
	g_string_truncate(l.ids, 0);
	l.seen_check = NULL;
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	ok(st == MADO_OK && l.ids->len == 0 && n.failed == 2,
		"IMAP: a second pass takes nothing new and tries the refused one again");
	append("desk", "i4", "");
	append("desk", "i5", "");
	append("desk", "i6", "X-Test: refuse\r\n");
	g_free(imap_cmd("desk", "UID STORE 2 +FLAGS.SILENT (\\Seen)"));
	batches = 0;
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	ok(st == MADO_OK && strcmp(l.ids->str, "i4 i5 ") == 0 && batches == 0,
		"IMAP: a batch with a refused message is taken one by one");
	flags = imap_cmd("desk", "UID SEARCH UNSEEN");
	is_str(flags, "* SEARCH 6\r\n", "IMAP: ... and only the refused one stays unseen");
	g_free(flags);
	g_string_truncate(l.ids, 0);
	append("desk", "i7", "");
	append("desk", "i8", "");
	g_free(imap_cmd("desk", "UID STORE 6 +FLAGS.SILENT (\\Seen)"));
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	ok(st == MADO_OK && strcmp(l.ids->str, "i7 i8 ") == 0 && batches == 1,
		"IMAP: good messages go in one batch (one commit)");
	flags = imap_cmd("desk", "UID SEARCH UNSEEN");
	is_str(flags, "* SEARCH\r\n", "IMAP: ... acknowledged together after it");
	g_free(flags);
	g_string_free(l.ids, TRUE);
	g_free(s.url);
}

static void
test_imap_busy_and_delete(const char *pwfile)
{
	struct mail_source s = source(SOURCE_IMAP, "yamada", imap_port, pwfile);
	struct sink_log l = { g_string_new(NULL), NULL, NULL };
	struct source_sink sink = { take, &l, NULL, take_batch };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	char *left;
	int st;

	append("yamada", "y1", "X-Test: busy\r\n");
	append("yamada", "y2", "");
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	is_int(st, MADO_ETEMP, "IMAP: a busy database ends the pass (MADO_ETEMP)");
	left = imap_cmd("yamada", "UID SEARCH UNSEEN");
	is_str(left, "* SEARCH 1 2\r\n", "IMAP: ... leaving every message unseen");
	g_free(left);
	g_free(imap_cmd("yamada", "UID STORE 1 +FLAGS (\\Deleted)"));
	g_free(imap_cmd("yamada", "EXPUNGE"));
	s.delete_after = true;
	st = source_fetch(&s, "test.conf", &sink, &n, &e);
	is_int(st, MADO_OK, "IMAP delete_after pass: %s", e.msg);
	is_str(l.ids->str, "y2 ", "IMAP delete_after: taken");
	left = imap_cmd("yamada", "UID SEARCH ALL");
	is_str(left, "* SEARCH\r\n", "IMAP delete_after: deleted and expunged once taken");
	g_free(left);
	g_string_free(l.ids, TRUE);
	g_free(s.url);
}

static void
test_pop3(const char *pwfile)
{
	struct mail_source s = source(SOURCE_POP3, "alerts", pop3_port, pwfile);
	struct sink_log l = { g_string_new(NULL), NULL, NULL };
	struct source_sink sink = { take, &l, NULL, take_batch };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *pw = NULL, *left;
	int st;

	append("alerts", "p1", "");
	append("alerts", "p2", "X-Test: refuse\r\n");
	append("alerts", "p3", ".dot line\r\n");
	st = source_password(&s, "test.conf", &pw, &e);
	is_int(st, MADO_OK, "password file read: %s", e.msg);
	st = pop3_take_all(&s, pw, taken, &sink, &n, &e);
	is_int(st, MADO_OK, "POP3 pass: %s", e.msg);
	is_str(l.ids->str, "p1 p3 ", "POP3: the sink got the messages");
	g_string_truncate(l.ids, 0);
	st = pop3_take_all(&s, pw, taken, &sink, &n, &e);
	ok(st == MADO_OK && l.ids->len == 0, "POP3 without delete_after: a second pass of the"
		" same process takes nothing again");
	s.delete_after = true;
	g_hash_table_remove_all(taken);
	st = pop3_take_all(&s, pw, taken, &sink, &n, &e);
	is_int(st, MADO_OK, "POP3 delete_after pass: %s", e.msg);
	left = imap_cmd("alerts", "UID SEARCH ALL");
	is_str(left, "* SEARCH 2\r\n", "POP3 delete_after: only the refused message is left");
	g_free(left);
	g_free(pw);
	g_hash_table_destroy(taken);
	g_string_free(l.ids, TRUE);
	g_free(s.url);
}

static void
test_imaps_idle(const char *pwfile, const char *cert)
{
	struct mail_source s = source(SOURCE_IMAPS, "support", imaps_port, pwfile);
	struct sink_log l = { g_string_new(NULL), NULL, NULL };
	struct source_sink sink = { take, &l, NULL, take_batch };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	struct imap *im = NULL;
	struct pollfd p;
	bool news = false;
	char *pw = NULL;
	int st;

	s.ca_file = (char *)cert;
	append("support", "s1", "");
	source_password(&s, "test.conf", &pw, &e);
	st = imap_open(&s, pw, &im, &e);
	is_int(st, MADO_OK, "IMAPS: logged in with the test CA: %s", e.msg);
	if (st != MADO_OK)
		return;
	st = imap_take_unseen(im, &s, &sink, &n, &e);
	ok(st == MADO_OK && strcmp(l.ids->str, "s1 ") == 0, "IMAPS: taken");
	ok(imap_can_idle(im), "dovecot offers IDLE");
	st = imap_idle_start(im, &e);
	is_int(st, MADO_OK, "IDLE started: %s", e.msg);
	append("support", "s2", "");
	p = (struct pollfd){ .fd = imap_socket(im), .events = POLLIN };
	ok(poll(&p, 1, 60000) == 1, "IDLE: the socket wakes up when mail arrives");
	st = imap_idle_stop(im, &news, &e);
	ok(st == MADO_OK && news, "IDLE: the new mail was announced");
	st = imap_take_unseen(im, &s, &sink, &n, &e);
	ok(st == MADO_OK && strcmp(l.ids->str, "s1 s2 ") == 0, "after IDLE: the new message taken");
	imap_close(im);
	g_free(s.url);
	s = source(SOURCE_POP3S, "support", atoi(getenv("DOVECOT_POP3S_PORT")), pwfile);
	s.ca_file = (char *)cert;
	g_string_truncate(l.ids, 0);
	st = pop3_take_all(&s, pw, NULL, &sink, &n, &e);
	ok(st == MADO_OK && strcmp(l.ids->str, "s1 s2 ") == 0, "POP3S with the test CA: %s", e.msg);
	g_free(pw);
	g_string_free(l.ids, TRUE);
	g_free(s.url);
}

static void
put_file(const char *path, const char *text)
{
	g_file_set_contents(path, text, -1, NULL);
}

static void
test_maildir(void)
{
	char *md = g_build_filename(dir, "maildir", NULL);
	char *p;
	struct mail_source s = { .name = (char *)"md", .type = SOURCE_MAILDIR, .path = md,
		.queue = (char *)"helpdesk" };
	struct sink_log l = { g_string_new(NULL), NULL, NULL };
	struct source_sink sink = { take, &l, NULL, take_batch };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	int st;

	for (int i = 0; i < 3; i++) {
		p = g_build_filename(md, (const char *[]){ "new", "cur", "tmp" }[i], NULL);
		g_mkdir_with_parents(p, 0700);
		g_free(p);
	}
	p = g_build_filename(md, "new", "1.a.host", NULL);
	put_file(p, "Message-ID: <m1@example.jp>\r\n\r\nx\r\n");
	g_free(p);
	p = g_build_filename(md, "new", "2.a.host", NULL);
	put_file(p, "Message-ID: <m2@example.jp>\r\nX-Test: refuse\r\n\r\nx\r\n");
	g_free(p);
	p = g_build_filename(md, "cur", "3.a.host:2,F", NULL);
	put_file(p, "Message-ID: <m3@example.jp>\r\n\r\nx\r\n");
	g_free(p);
	p = g_build_filename(md, "cur", "4.a.host:2,S", NULL);
	put_file(p, "Message-ID: <m4@example.jp>\r\n\r\nx\r\n");
	g_free(p);
	st = maildir_take_all(&s, &sink, &n, &e);
	is_int(st, MADO_OK, "Maildir pass: %s", e.msg);
	is_str(l.ids->str, "m1 m3 ", "Maildir: new and unseen cur messages taken, seen ones not");
	p = g_build_filename(md, "cur", "1.a.host:2,S", NULL);
	ok(g_file_test(p, G_FILE_TEST_EXISTS), "Maildir: a taken message moves to cur/ flagged S");
	g_free(p);
	p = g_build_filename(md, "cur", "3.a.host:2,FS", NULL);
	ok(g_file_test(p, G_FILE_TEST_EXISTS), "Maildir: its other flags are kept");
	g_free(p);
	p = g_build_filename(md, "new", "2.a.host", NULL);
	ok(g_file_test(p, G_FILE_TEST_EXISTS), "Maildir: the refused one stays in new/");
	g_free(p);
	g_string_free(l.ids, TRUE);
	g_free(md);
}

static void
test_password_file(const char *pwfile)
{
	struct mail_source s = source(SOURCE_IMAP, "desk", imap_port, pwfile);
	struct mado_err e = { 0 };
	char *pw = NULL;
	char *open_file = g_build_filename(dir, "open-pw", NULL);

	put_file(open_file, "secret\n");
	g_chmod(open_file, 0644);
	s.password_file = open_file;
	is_int(source_password(&s, "test.conf", &pw, &e), MADO_ECONFIG,
		"a world-readable password file is refused");
	ok(strstr(e.msg, "test.conf: [source desk] password_file") != NULL &&
		strstr(e.msg, "0644") != NULL, "naming file, source, key and mode: %s", e.msg);
	g_free(s.url);
	g_free(open_file);
}

int
main(void)
{
	char *pwfile;

	password = getenv("DOVECOT_PASSWORD");
	dir = getenv("TEST_DIR");
	if (password == NULL || dir == NULL || getenv("DOVECOT_IMAP_PORT") == NULL) {
		printf("1..0 # SKIP run by tests/cli/test_sources.sh\n");
		return 0;
	}
	imap_port = atoi(getenv("DOVECOT_IMAP_PORT"));
	pop3_port = atoi(getenv("DOVECOT_POP3_PORT"));
	imaps_port = getenv("DOVECOT_IMAPS_PORT") ? atoi(getenv("DOVECOT_IMAPS_PORT")) : 0;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	pwfile = g_build_filename(dir, "password", NULL);
	put_file(pwfile, password);
	g_chmod(pwfile, 0600);
	test_imap(pwfile);
	test_imap_busy_and_delete(pwfile);
	test_pop3(pwfile);
	if (imaps_port > 0)
		test_imaps_idle(pwfile, getenv("DOVECOT_CERT"));
	else
		tap_skip("no IMAPS (no openssl)");
	test_maildir();
	test_password_file(pwfile);
	g_free(pwfile);
	curl_global_cleanup();
	return tap_done();
}
