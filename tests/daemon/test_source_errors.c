/* The mail sources when the server fails part-way through a batch: a
 * server on 127.0.0.1 that answers like dovecot but refuses to hand over
 * the second message (POP3 RETR -ERR, IMAP UID FETCH tagged NO). The
 * first message was read but never reached the sink, so it must not be
 * deleted (DELE) or flagged (\Seen, \Deleted) on the server. And an
 * IMAP server announcing a literal larger than memory is an error, not a
 * read past the buffer. A server that sends "UID n" after the message
 * (Exchange) has its messages taken. A proxy named in the environment is
 * not used. A symbolic link planted in a Maildir is not followed. With
 * starttls = require, a server that does not offer STARTTLS (this one)
 * gets no login: the pass fails saying so. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/imap.h"
#include "daemon/maildir.h"
#include "daemon/pop3.h"
#include "daemon/source.h"
#include "tests/tap.h"

#define MSG "From: a@example.jp\r\nSubject: one\r\nMessage-ID: <one@example.jp>\r\n\r\nbody\r\n"

struct server {
	int fd, port;
	bool imap;
	bool huge;        /* IMAP: the message announced as {2^64 - 1} bytes */
	bool uid_last;    /* IMAP: "UID n" after the message, as Exchange sends it */
	bool done;
	GString *log;     /* every command line the server got */
	GThread *thread;
};

static void
say(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* The answer to one POP3 command. */
static void
pop3_answer(int fd, const char *line)
{
	if (g_ascii_strncasecmp(line, "CAPA", 4) == 0)
		say(fd, "+OK\r\nUSER\r\nUIDL\r\n.\r\n");
	else if (g_ascii_strncasecmp(line, "UIDL", 4) == 0)
		say(fd, "+OK\r\n1 uid-one\r\n2 uid-two\r\n.\r\n");
	else if (g_ascii_strncasecmp(line, "RETR 1", 6) == 0)
		say(fd, "+OK\r\n" MSG ".\r\n");
	else if (g_ascii_strncasecmp(line, "RETR", 4) == 0)
		say(fd, "-ERR message unreadable\r\n");
	else
		say(fd, "+OK\r\n");
}

/* The answer to one IMAP command ("TAG COMMAND ..."). */
static void
imap_answer(int fd, const char *line, bool huge, bool uid_last)
{
	const char *sp = strchr(line, ' ');
	char *tag = g_strndup(line, sp != NULL ? (size_t)(sp - line) : strlen(line));
	const char *cmd = sp != NULL ? sp + 1 : "";
	char *out;

	if (g_ascii_strncasecmp(cmd, "CAPABILITY", 10) == 0)
		out = g_strdup_printf("* CAPABILITY IMAP4rev1 UIDPLUS\r\n%s OK done\r\n", tag);
	else if (g_ascii_strncasecmp(cmd, "SELECT", 6) == 0)
		out = g_strdup_printf("* 2 EXISTS\r\n%s OK [READ-WRITE] done\r\n", tag);
	else if (g_ascii_strncasecmp(cmd, "UID SEARCH", 10) == 0)
		out = g_strdup_printf("* SEARCH 1 2\r\n%s OK done\r\n", tag);
	else if (strstr(cmd, "RFC822.SIZE") != NULL)
		out = g_strdup_printf("* 1 FETCH (UID 1 RFC822.SIZE %zu)\r\n"
			"* 2 FETCH (UID 2 RFC822.SIZE 40)\r\n%s OK done\r\n", strlen(MSG), tag);
	else if (strstr(cmd, "BODY.PEEK[]") != NULL && huge)
		out = g_strdup_printf("* 1 FETCH (UID 1 BODY[] {18446744073709551615}\r\n"
			MSG ")\r\n%s OK done\r\n", tag);
	else if (strstr(cmd, "BODY.PEEK[]") != NULL && uid_last)
		out = g_strdup_printf("* 1 FETCH (BODY[] {%zu}\r\n" MSG " UID 1 FLAGS ())\r\n"
			"* 2 FETCH (BODY[] {%zu}\r\n" MSG " UID 2)\r\n%s OK done\r\n", strlen(MSG),
			strlen(MSG), tag);
	else if (strstr(cmd, "BODY.PEEK[]") != NULL)
		out = g_strdup_printf("* 1 FETCH (UID 1 BODY[] {%zu}\r\n" MSG ")\r\n"
			"%s NO [SERVERBUG] message 2 unreadable\r\n", strlen(MSG), tag);
	else if (g_ascii_strncasecmp(cmd, "LOGOUT", 6) == 0)
		out = g_strdup_printf("* BYE\r\n%s OK done\r\n", tag);
	else
		out = g_strdup_printf("%s OK done\r\n", tag);
	say(fd, out);
	g_free(out);
	g_free(tag);
}

static gpointer
serve(gpointer p)
{
	struct server *s = p;

	for (;;) {
		int c = accept(s->fd, NULL, NULL);
		GString *in = g_string_new(NULL);
		char buf[4096];
		ssize_t n;

		if (c < 0 || s->done) {
			if (c >= 0)
				close(c);
			g_string_free(in, TRUE);
			return NULL;
		}
		say(c, s->imap ? "* OK ready\r\n" : "+OK ready\r\n");
		while ((n = read(c, buf, sizeof buf)) > 0) {
			char *eol;

			g_string_append_len(in, buf, n);
			while ((eol = strstr(in->str, "\r\n")) != NULL) {
				char *line = g_strndup(in->str, (size_t)(eol - in->str));

				g_string_append_printf(s->log, "%s\n", line);
				if (s->imap)
					imap_answer(c, line, s->huge, s->uid_last);
				else
					pop3_answer(c, line);
				g_string_erase(in, 0, eol + 2 - in->str);
				g_free(line);
			}
		}
		close(c);
		g_string_free(in, TRUE);
	}
}

static void
server_start(struct server *s, bool imap, bool huge)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;

	memset(s, 0, sizeof *s);
	s->imap = imap;
	s->huge = huge;
	s->log = g_string_new(NULL);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(s->fd, 8) != 0 || getsockname(s->fd, (struct sockaddr *)&a, &len) != 0)
	{
		printf("Bail out! cannot listen on 127.0.0.1\n");
		exit(1);
	}
	s->port = ntohs(a.sin_port);
	s->thread = g_thread_new("server", serve, s);
}

/* Ends the server: one last connection wakes its accept(). */
static void
server_stop(struct server *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)s->port) };
	int c = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->done = true;
	if (c >= 0 && connect(c, (struct sockaddr *)&a, sizeof a) == 0)
		close(c);
	g_thread_join(s->thread);
	close(s->fd);
	g_string_free(s->log, TRUE);
}

static int
take(const char *raw, size_t len, void *ctx, struct mado_err *e)
{
	(void)raw;
	(void)len;
	(void)e;
	(*(int *)ctx)++;
	return MADO_OK;
}

static void
test_pop3(void)
{
	struct server srv;
	struct mail_source s = { .name = "errors", .type = SOURCE_POP3, .user = "u",
		.delete_after = true };
	int taken = 0;
	struct source_sink sink = { take, &taken, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	int st;

	server_start(&srv, false, false);
	s.url = g_strdup_printf("pop3://127.0.0.1:%d/", srv.port);
	st = pop3_take_all(&s, "p", NULL, &sink, &n, &e);
	ok(strstr(srv.log->str, "RETR 2") != NULL, "POP3: the server was asked for both messages");
	ok(st != MADO_OK, "POP3: a RETR refused ends the pass with an error (%s)", e.msg);
	is_int(taken, 0, "POP3: the batch did not reach the sink");
	ok(strstr(srv.log->str, "DELE") == NULL, "POP3: no message was deleted on the server");
	if (strstr(srv.log->str, "DELE") != NULL)
		printf("# server got: %s\n", g_strdelimit(srv.log->str, "\n", ' '));
	server_stop(&srv);
	g_free(s.url);
}

static void
test_imap(void)
{
	struct server srv;
	struct mail_source s = { .name = "errors", .type = SOURCE_IMAP, .user = "u",
		.delete_after = true };
	int taken = 0;
	struct source_sink sink = { take, &taken, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	struct imap *im = NULL;
	int st;

	server_start(&srv, true, false);
	s.url = g_strdup_printf("imap://127.0.0.1:%d/INBOX", srv.port);
	st = imap_open(&s, "p", &im, &e);
	is_int(st, MADO_OK, "IMAP: logged in to the scripted server: %s", e.msg);
	if (st == MADO_OK) {
		st = imap_take_unseen(im, &s, &sink, &n, &e);
		imap_close(im);
	}
	ok(st != MADO_OK, "IMAP: a UID FETCH answered NO ends the pass with an error (%s)",
		e.msg);
	is_int(taken, 0, "IMAP: the batch did not reach the sink");
	ok(strstr(srv.log->str, "STORE") == NULL && strstr(srv.log->str, "EXPUNGE") == NULL,
		"IMAP: no message was flagged or expunged on the server");
	if (strstr(srv.log->str, "STORE") != NULL)
		printf("# server got: %s\n", g_strdelimit(srv.log->str, "\n", ' '));
	server_stop(&srv);
	g_free(s.url);
}

static void
test_imap_uid_last(void)
{
	struct server srv;
	struct mail_source s = { .name = "errors", .type = SOURCE_IMAP, .user = "u" };
	int taken = 0;
	struct source_sink sink = { take, &taken, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	struct imap *im = NULL;
	int st;

	server_start(&srv, true, false);
	srv.uid_last = true;
	s.url = g_strdup_printf("imap://127.0.0.1:%d/INBOX", srv.port);
	st = imap_open(&s, "p", &im, &e);
	if (st == MADO_OK) {
		st = imap_take_unseen(im, &s, &sink, &n, &e);
		imap_close(im);
	}
	is_int(st, MADO_OK, "IMAP with UID after the message: the pass ends well: %s", e.msg);
	is_int(taken, 2, "IMAP with UID after the message: both messages taken");
	ok(strstr(srv.log->str, "UID STORE 1,2 +FLAGS.SILENT (\\Seen)") != NULL,
		"and both flagged \\Seen");
	server_stop(&srv);
	g_free(s.url);
}

static void
test_imap_huge_literal(void)
{
	struct server srv;
	struct mail_source s = { .name = "errors", .type = SOURCE_IMAP, .user = "u" };
	int taken = 0;
	struct source_sink sink = { take, &taken, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	struct imap *im = NULL;
	int st;

	server_start(&srv, true, true);
	s.url = g_strdup_printf("imap://127.0.0.1:%d/INBOX", srv.port);
	st = imap_open(&s, "p", &im, &e);
	if (st == MADO_OK) {
		st = imap_take_unseen(im, &s, &sink, &n, &e);
		imap_close(im);
	}
	ok(strstr(srv.log->str, "BODY.PEEK[]") != NULL, "IMAP: the server was asked for the message");
	is_int(st, MADO_ETEMP, "IMAP: a literal of 2^64 - 1 bytes ends the pass: %s", e.msg);
	ok(taken == 0 && strstr(srv.log->str, "STORE") == NULL,
		"IMAP: nothing taken or flagged");
	server_stop(&srv);
	g_free(s.url);
}

/* starttls = require against a server whose CAPABILITY (CAPA) offers no
 * STARTTLS (STLS): the pass fails before any login is sent. */
static void
test_starttls_required(bool imap)
{
	const char *proto = imap ? "IMAP" : "POP3";
	struct server srv;
	struct mail_source s = { .name = "errors", .type = imap ? SOURCE_IMAP : SOURCE_POP3,
		.user = "u", .starttls = SOURCE_STARTTLS_REQUIRE };
	int taken = 0;
	struct source_sink sink = { take, &taken, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	struct imap *im = NULL;
	int st;

	server_start(&srv, imap, false);
	s.url = g_strdup_printf(imap ? "imap://127.0.0.1:%d/INBOX" : "pop3://127.0.0.1:%d/",
		srv.port);
	if (imap) {
		st = imap_open(&s, "secret-pw", &im, &e);
		if (st == MADO_OK)
			imap_close(im);
	} else
		st = pop3_take_all(&s, "secret-pw", NULL, &sink, &n, &e);
	is_int(st, MADO_ETEMP, "%s starttls = require, no STARTTLS offered: the pass fails", proto);
	ok(strstr(e.msg, "does not offer STARTTLS") != NULL, "%s: and says why: %s", proto, e.msg);
	ok(strstr(srv.log->str, imap ? "CAPABILITY" : "CAPA") != NULL,
		"%s: the server was asked what it offers", proto);
	ok(strstr(srv.log->str, "secret-pw") == NULL && strstr(srv.log->str, "LOGIN") == NULL &&
		strstr(srv.log->str, "AUTH") == NULL && strstr(srv.log->str, "USER") == NULL &&
		strstr(srv.log->str, "PASS") == NULL, "%s: no login was sent", proto);
	printf("# server got: %s\n", g_strdelimit(srv.log->str, "\n", ' '));
	is_int(taken, 0, "%s: nothing taken", proto);
	server_stop(&srv);
	g_free(s.url);
}

/* The sink that records what it was given. */
static int
take_text(const char *raw, size_t len, void *ctx, struct mado_err *e)
{
	(void)e;
	g_string_append_len(ctx, raw, (gssize)len);
	g_string_append(ctx, "|");
	return MADO_OK;
}

/* A symbolic link in a Maildir is not read: it could point anywhere
 * madod may read, and what is read is kept with a ticket. */
static void
test_maildir_symlink(void)
{
	char *dir = g_dir_make_tmp("mado-maildir-XXXXXX", NULL);
	char *sub[3], *secret = g_build_filename(dir, "secret", NULL);
	char *msg, *link;
	GString *got = g_string_new(NULL);
	struct mail_source s = { .name = "md", .type = SOURCE_MAILDIR, .path = dir };
	struct source_sink sink = { take_text, got, NULL, NULL };
	struct source_counts n = { 0 };
	struct mado_err e = { 0 };
	int st;

	for (int i = 0; i < 3; i++) {
		sub[i] = g_build_filename(dir, (const char *[]){ "new", "cur", "tmp" }[i], NULL);
		g_mkdir(sub[i], 0700);
	}
	g_file_set_contents(secret, "password=hunter2\n", -1, NULL);
	msg = g_build_filename(sub[0], "1700000000.1.host", NULL);
	g_file_set_contents(msg, MSG, -1, NULL);
	link = g_build_filename(sub[0], "1700000001.2.host", NULL);
	ok(symlink(secret, link) == 0, "a link planted in new/");
	st = maildir_take_all(&s, &sink, &n, &e);
	is_int(st, MADO_OK, "Maildir pass: %s", e.msg);
	is_str(got->str, MSG "|", "the message is taken, the link's target is not read");
	ok(g_file_test(link, G_FILE_TEST_IS_SYMLINK), "the link is left where it was");
	g_unlink(link);
	g_unlink(secret);
	g_unlink(msg);
	{
		GDir *d = g_dir_open(sub[1], 0, NULL);
		const char *name;

		while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
			char *f = g_build_filename(sub[1], name, NULL);

			g_unlink(f);
			g_free(f);
		}
		if (d != NULL)
			g_dir_close(d);
	}
	for (int i = 0; i < 3; i++) {
		g_rmdir(sub[i]);
		g_free(sub[i]);
	}
	g_rmdir(dir);
	g_free(msg);
	g_free(link);
	g_free(secret);
	g_free(dir);
	g_string_free(got, TRUE);
}

int
main(void)
{
	/* A proxy in the environment is not used: the login goes to the
	 * configured server only (nothing listens on port 1). */
	setenv("ALL_PROXY", "socks5://127.0.0.1:1", 1);
	setenv("all_proxy", "socks5://127.0.0.1:1", 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_pop3();
	test_imap();
	test_imap_huge_literal();
	test_imap_uid_last();
	test_starttls_required(true);
	test_starttls_required(false);
	test_maildir_symlink();
	curl_global_cleanup();
	return tap_done();
}
