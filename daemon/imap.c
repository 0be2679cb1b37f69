#include "imap.h"

#include <curl/curl.h>
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

enum { IMAP_TIMEOUT_MS = 120 * 1000 };
/* Larger literals are refused: no message we take is near it (a batch is
 * 16 MiB), and a size near SIZE_MAX would wrap the arithmetic below. */
#define IMAP_LITERAL_MAX ((size_t)1 << 30)

struct imap {
	CURL *curl;
	curl_socket_t sock;
	char *name;           /* the source, for messages */
	GString *in;          /* received, not yet consumed */
	size_t pos;           /* consumed up to here */
	unsigned tag;
	bool idle, uidplus;   /* capabilities */
	bool idling;
	char idle_tag[16];
};

/* One response: its first line (without CRLF), the first literal in it
 * ("{N}"), if any, and what follows that literal to the response's end
 * (a server may put "UID n" there). Valid until the next read. */
struct imap_resp {
	const char *line;
	size_t line_len;
	const char *literal;
	size_t literal_len;
	const char *after;
	size_t after_len;
};

static int
io_fail(struct imap *im, struct mado_err *e, const char *what, CURLcode rc)
{
	return mado_err_set(e, MADO_ETEMP, _("source %s: IMAP %s: %s"), im->name, what,
		curl_easy_strerror(rc));
}

static int
wait_socket(struct imap *im, short events, struct mado_err *e)
{
	struct pollfd p = { .fd = im->sock, .events = events };
	int r;

	do
		r = poll(&p, 1, IMAP_TIMEOUT_MS);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return mado_err_set(e, MADO_ETEMP, _("source %s: IMAP server did not answer"),
			im->name);
	return r < 0 ? mado_err_set(e, MADO_ETEMP, "poll: %s", strerror(errno)) : MADO_OK;
}

static int
send_all(struct imap *im, const char *data, size_t len, struct mado_err *e)
{
	while (len > 0) {
		size_t n = 0;
		CURLcode rc = curl_easy_send(im->curl, data, len, &n);

		if (rc == CURLE_AGAIN) {
			if (wait_socket(im, POLLOUT, e) != MADO_OK)
				return e->status;
			continue;
		}
		if (rc != CURLE_OK)
			return io_fail(im, e, "send", rc);
		data += n;
		len -= n;
	}
	return MADO_OK;
}

/* Receives more bytes into im->in. */
static int
recv_more(struct imap *im, struct mado_err *e)
{
	char buf[65536];

	for (;;) {
		size_t n = 0;
		CURLcode rc = curl_easy_recv(im->curl, buf, sizeof buf, &n);

		if (rc == CURLE_OK && n == 0)
			return mado_err_set(e, MADO_ETEMP, _("source %s: IMAP server closed the"
				" connection"), im->name);
		if (rc == CURLE_OK) {
			g_string_append_len(im->in, buf, (gssize)n);
			return MADO_OK;
		}
		if (rc != CURLE_AGAIN)
			return io_fail(im, e, "receive", rc);
		if (wait_socket(im, POLLIN, e) != MADO_OK)
			return e->status;
	}
}

/* The end of the line starting at off (index of its CR LF), reading as
 * much as it takes. */
static int
line_end(struct imap *im, size_t off, size_t *end, struct mado_err *e)
{
	for (;;) {
		char *p = im->in->len > off ? memmem(im->in->str + off, im->in->len - off, "\r\n", 2)
			: NULL;

		if (p != NULL) {
			*end = (size_t)(p - im->in->str);
			return MADO_OK;
		}
		if (recv_more(im, e) != MADO_OK)
			return e->status;
	}
}

/* A literal announced at the end of the line [start, end): "{N}". */
static bool
literal_size(const char *start, const char *end, size_t *size)
{
	const char *open;
	char *stop;
	unsigned long long v;

	if (end - start < 3 || end[-1] != '}')
		return false;
	for (open = end - 2; open > start && *open != '{'; open--)
		;
	if (*open != '{')
		return false;
	errno = 0;
	v = strtoull(open + 1, &stop, 10);
	if (errno != 0 || stop != end - 1 || stop == open + 1)
		return false;
	*size = (size_t)v;
	return true;
}

/* Reads one whole response (lines joined by literals). */
static int
read_resp(struct imap *im, struct imap_resp *r, struct mado_err *e)
{
	size_t start, off, end = 0, lit_off = 0, lit_len = 0, first_end = 0;
	bool have_lit = false, have_first = false;

	if (im->pos > 0) {
		g_string_erase(im->in, 0, (gssize)im->pos);
		im->pos = 0;
	}
	start = off = 0;
	for (;;) {
		size_t size;

		if (line_end(im, off, &end, e) != MADO_OK)
			return e->status;
		if (!have_first) {
			first_end = end;
			have_first = true;
		}
		if (!literal_size(im->in->str + off, im->in->str + end, &size))
			break;
		if (size > IMAP_LITERAL_MAX)
			return mado_err_set(e, MADO_ETEMP, _("source %s: IMAP server announced %zu"
				" bytes, more than the %zu taken"), im->name, size, IMAP_LITERAL_MAX);
		while (im->in->len < end + 2 + size)
			if (recv_more(im, e) != MADO_OK)
				return e->status;
		if (!have_lit) {
			lit_off = end + 2;
			lit_len = size;
			have_lit = true;
		}
		off = end + 2 + size;
	}
	im->pos = end + 2;
	r->line = im->in->str + start;
	r->line_len = first_end - start;
	r->literal = have_lit ? im->in->str + lit_off : NULL;
	r->literal_len = lit_len;
	r->after = have_lit ? im->in->str + lit_off + lit_len : NULL;
	r->after_len = have_lit ? end - (lit_off + lit_len) : 0;
	return MADO_OK;
}

static bool
starts(const struct imap_resp *r, const char *prefix)
{
	size_t n = strlen(prefix);

	return r->line_len >= n && g_ascii_strncasecmp(r->line, prefix, n) == 0;
}

typedef int (*untagged_fn)(struct imap *im, const struct imap_resp *r, void *ctx,
	struct mado_err *e);

/* Sends "TAG command" and reads up to the tagged answer, handing each
 * untagged response to fn (may be NULL). Not OK: MADO_ETEMP naming the
 * command and the server's words. */
static int
command(struct imap *im, const char *cmd, untagged_fn fn, void *ctx, struct mado_err *e)
{
	char tag[16];
	GString *line = g_string_new(NULL);
	int st;

	snprintf(tag, sizeof tag, "m%u", ++im->tag);
	g_string_printf(line, "%s %s\r\n", tag, cmd);
	st = send_all(im, line->str, line->len, e);
	g_string_free(line, TRUE);
	while (st == MADO_OK) {
		struct imap_resp r;
		size_t tl = strlen(tag);

		if ((st = read_resp(im, &r, e)) != MADO_OK)
			break;
		if (r.line_len > tl && strncmp(r.line, tag, tl) == 0 && r.line[tl] == ' ') {
			const char *what = r.line + tl + 1;

			if (g_ascii_strncasecmp(what, "OK", 2) != 0) {
				const char *sp = strchr(cmd, ' ');

				st = mado_err_set(e, MADO_ETEMP, _("source %s: IMAP %.*s: %.*s"),
					im->name, sp ? (int)(sp - cmd) : (int)strlen(cmd), cmd,
					(int)(r.line_len - tl - 1), what);
			}
			break;
		}
		if (fn != NULL && r.line_len > 2 && r.line[0] == '*')
			st = fn(im, &r, ctx, e);
	}
	return st;
}

static int
on_capability(struct imap *im, const struct imap_resp *r, void *ctx, struct mado_err *e)
{
	if (starts(r, "* CAPABILITY ")) {
		char *caps = g_strndup(r->line, r->line_len);
		char **words = g_strsplit(caps, " ", -1);

		for (int i = 0; words[i] != NULL; i++) {
			im->idle |= g_ascii_strcasecmp(words[i], "IDLE") == 0;
			im->uidplus |= g_ascii_strcasecmp(words[i], "UIDPLUS") == 0;
		}
		g_strfreev(words);
		g_free(caps);
	}
	return MADO_OK;
}

/* The mailbox named by the URL's path, decoded, as an IMAP quoted string. */
static int
mailbox_arg(const struct mail_source *s, CURL *curl, GString *out, struct mado_err *e)
{
	const char *host = strstr(s->url, "://") + 3;
	const char *path = strchr(host, '/');
	char *box;
	int len = 0;

	box = curl_easy_unescape(curl, path ? path + 1 : "", 0, &len);
	if (box == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	while (len > 0 && box[len - 1] == '/')
		box[--len] = '\0';
	if (len == 0 || memchr(box, '\0', (size_t)len) != NULL || strpbrk(box, "\r\n") != NULL) {
		curl_free(box);
		return mado_err_set(e, MADO_ECONFIG, _("source %s: url: names no usable mailbox"),
			s->name);
	}
	g_string_append_c(out, '"');
	for (const char *p = box; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
	curl_free(box);
	return MADO_OK;
}

int
imap_open(const struct mail_source *s, const char *password, struct imap **out,
	struct mado_err *e)
{
	struct imap *im = calloc(1, sizeof *im);
	GString *sel = g_string_new("SELECT ");
	CURLcode rc;
	int st;

	*out = NULL;
	im->name = g_strdup(s->name);
	im->in = g_string_new(NULL);
	im->curl = curl_easy_init();
	if (im->curl == NULL) {
		imap_close(im);
		g_string_free(sel, TRUE);
		return mado_err_set(e, MADO_EFAIL, "curl_easy_init failed");
	}
	curl_easy_setopt(im->curl, CURLOPT_URL, s->url);
	curl_easy_setopt(im->curl, CURLOPT_USERNAME, s->user);
	curl_easy_setopt(im->curl, CURLOPT_PASSWORD, password);
	curl_easy_setopt(im->curl, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(im->curl, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(im->curl, CURLOPT_NOSIGNAL, 1L);
	/* Straight to the configured server: libcurl would otherwise follow
	 * ALL_PROXY and imap_proxy from the environment of whoever runs a
	 * setgid madod, and hand them the login. */
	curl_easy_setopt(im->curl, CURLOPT_PROXY, "");
	source_curl_tls(im->curl, s);
	rc = curl_easy_perform(im->curl);
	if (rc != CURLE_OK) {
		st = mado_err_set(e, MADO_ETEMP, _("source %s: cannot log in to %s: %s"), s->name,
			s->url, source_curl_error(s, rc));
		goto out;
	}
	rc = curl_easy_getinfo(im->curl, CURLINFO_ACTIVESOCKET, &im->sock);
	if (rc != CURLE_OK || im->sock == CURL_SOCKET_BAD) {
		st = io_fail(im, e, "socket", rc);
		goto out;
	}
	st = command(im, "CAPABILITY", on_capability, NULL, e);
	if (st == MADO_OK)
		st = mailbox_arg(s, im->curl, sel, e);
	if (st == MADO_OK)
		st = command(im, sel->str, NULL, NULL, e);
out:
	g_string_free(sel, TRUE);
	if (st != MADO_OK)
		imap_close(im);
	else
		*out = im;
	return st;
}

void
imap_close(struct imap *im)
{
	struct mado_err ignored = { 0 };

	if (im == NULL)
		return;
	if (im->curl != NULL && im->sock != 0 && im->sock != CURL_SOCKET_BAD && !im->idling)
		command(im, "LOGOUT", NULL, NULL, &ignored);
	if (im->curl != NULL)
		curl_easy_cleanup(im->curl);
	g_string_free(im->in, TRUE);
	g_free(im->name);
	free(im);
}

struct uid_list {
	GArray *uids;   /* unsigned */
};

static int
on_search(struct imap *im, const struct imap_resp *r, void *ctx, struct mado_err *e)
{
	struct uid_list *l = ctx;
	char *text, *p;

	if (!starts(r, "* SEARCH"))
		return MADO_OK;
	text = g_strndup(r->line + 8, r->line_len - 8);
	for (p = text; *p;) {
		char *end;
		unsigned long v = strtoul(p, &end, 10);

		if (end == p) {
			p++;
			continue;
		}
		if (v > 0 && v <= 0xffffffffUL) {
			unsigned u = (unsigned)v;

			g_array_append_val(l->uids, u);
		}
		p = end;
	}
	g_free(text);
	return MADO_OK;
}

/* The messages of one UID FETCH, in the order of the batch. */
struct fetched {
	struct source_msg *msgs;
	int n;
};

static int
on_fetch(struct imap *im, const struct imap_resp *r, void *ctx, struct mado_err *e)
{
	struct fetched *f = ctx;
	const char *uid = g_strstr_len(r->line, (gssize)r->line_len, "UID ");
	unsigned long v;

	/* "UID n" before the message, or after it (as Exchange writes it). */
	if (uid == NULL && r->after != NULL)
		uid = g_strstr_len(r->after, (gssize)r->after_len, "UID ");
	if (r->literal == NULL || uid == NULL ||
	    g_strstr_len(r->line, (gssize)r->line_len, " FETCH ") == NULL)
		return MADO_OK;
	v = strtoul(uid + 4, NULL, 10);
	for (int i = 0; i < f->n; i++)
		if (f->msgs[i].ref == v && f->msgs[i].raw == NULL) {
			f->msgs[i].raw = g_memdup2(r->literal, r->literal_len);
			f->msgs[i].len = r->literal_len;
		}
	return MADO_OK;
}

struct sizes {
	GArray *uids;    /* unsigned: the UIDs asked about */
	GArray *bytes;   /* size_t, in the same order */
};

static int
on_size(struct imap *im, const struct imap_resp *r, void *ctx, struct mado_err *e)
{
	struct sizes *z = ctx;
	const char *uid = g_strstr_len(r->line, (gssize)r->line_len, "UID ");
	const char *size = g_strstr_len(r->line, (gssize)r->line_len, "RFC822.SIZE ");

	if (uid == NULL || size == NULL)
		return MADO_OK;
	for (guint k = 0; k < z->uids->len; k++)
		if (g_array_index(z->uids, unsigned, k) == strtoul(uid + 4, NULL, 10))
			g_array_index(z->bytes, size_t, k) = strtoull(size + 12, NULL, 10);
	return MADO_OK;
}

/* The next batch from uids[*i]: up to SOURCE_BATCH messages and
 * SOURCE_BATCH_BYTES by their RFC822.SIZE (at least one); their UIDs go
 * into f->msgs[].ref and the set into set. */
static int
next_batch(struct imap *im, GArray *uids, guint *i, struct fetched *f, GString *set,
	struct mado_err *e)
{
	struct sizes z = { g_array_new(FALSE, TRUE, sizeof(unsigned)),
		g_array_new(FALSE, TRUE, sizeof(size_t)) };
	size_t total = 0;
	char *cmd;
	int st;

	g_string_truncate(set, 0);
	for (guint k = *i; k < uids->len && z.uids->len < SOURCE_BATCH; k++) {
		g_array_append_val(z.uids, g_array_index(uids, unsigned, k));
		g_string_append_printf(set, "%s%u", set->len ? "," : "",
			g_array_index(uids, unsigned, k));
	}
	g_array_set_size(z.bytes, z.uids->len);
	cmd = g_strdup_printf("UID FETCH %s (UID RFC822.SIZE)", set->str);
	st = command(im, cmd, on_size, &z, e);
	g_free(cmd);
	g_string_truncate(set, 0);
	for (guint k = 0; st == MADO_OK && k < z.uids->len; k++) {
		total += g_array_index(z.bytes, size_t, k);
		if (k > 0 && total > SOURCE_BATCH_BYTES)
			break;
		f->msgs[f->n++].ref = g_array_index(z.uids, unsigned, k);
		g_string_append_printf(set, "%s%u", set->len ? "," : "",
			g_array_index(z.uids, unsigned, k));
		(*i)++;
	}
	g_array_free(z.uids, TRUE);
	g_array_free(z.bytes, TRUE);
	return st;
}

/* "UID STORE set +FLAGS.SILENT (...)" for the committed messages. */
static int
acknowledge(struct imap *im, const struct mail_source *s, const struct source_msg *msgs,
	int n, GString *deleted, struct mado_err *e)
{
	GString *set = g_string_new(NULL);
	char *cmd;
	int st = MADO_OK;

	for (int i = 0; i < n; i++)
		if (msgs[i].status == MADO_OK)
			g_string_append_printf(set, "%s%lu", set->len ? "," : "", msgs[i].ref);
	if (set->len > 0) {
		cmd = g_strdup_printf("UID STORE %s +FLAGS.SILENT (%s)", set->str,
			s->delete_after ? "\\Seen \\Deleted" : "\\Seen");
		st = command(im, cmd, NULL, NULL, e);
		g_free(cmd);
		if (st == MADO_OK && s->delete_after)
			g_string_append_printf(deleted, "%s%s", deleted->len ? "," : "", set->str);
	}
	g_string_free(set, TRUE);
	return st;
}

int
imap_take_unseen(struct imap *im, const struct mail_source *s,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e)
{
	struct uid_list l = { g_array_new(FALSE, FALSE, sizeof(unsigned)) };
	GString *deleted = g_string_new(NULL), *set = g_string_new(NULL);
	struct source_msg msgs[SOURCE_BATCH];
	int st;

	memset(msgs, 0, sizeof msgs);
	st = command(im, "UID SEARCH UNSEEN UNDELETED", on_search, &l, e);
	for (guint i = 0; st == MADO_OK && i < l.uids->len && !source_stopping(sink);) {
		struct fetched f = { msgs, 0 };
		int k = 0;
		char *cmd;

		st = next_batch(im, l.uids, &i, &f, set, e);
		if (st != MADO_OK)
			break;
		cmd = g_strdup_printf("UID FETCH %s BODY.PEEK[]", set->str);
		st = command(im, cmd, on_fetch, &f, e);
		g_free(cmd);
		/* those expunged meanwhile came back empty: nothing to take */
		for (int j = 0; j < f.n; j++)
			if (msgs[j].raw != NULL) {
				struct source_msg m = msgs[j];

				msgs[j] = msgs[k];
				msgs[k] = m;
				msgs[k].what = g_strdup_printf("UID %lu", msgs[k].ref);
				/* Not taken until the sink says so: a FETCH that failed
				 * part-way must not flag what it did return. */
				msgs[k].status = MADO_ETEMP;
				k++;
			}
		if (st == MADO_OK)
			st = source_take(s, sink, msgs, k, n, e);
		if (st == MADO_OK || st == MADO_ETEMP) {
			struct mado_err ae = { 0 };
			int ast = acknowledge(im, s, msgs, k, deleted, &ae);

			if (ast != MADO_OK && st == MADO_OK) {
				st = ast;
				*e = ae;
			}
		}
		source_msgs_clear(msgs, f.n);
	}
	if (deleted->len > 0) {
		struct mado_err xe = { 0 };
		char *x = im->uidplus ? g_strdup_printf("UID EXPUNGE %s", deleted->str)
			: g_strdup("EXPUNGE");
		int xst = command(im, x, NULL, NULL, &xe);

		g_free(x);
		if (st == MADO_OK && xst != MADO_OK) {
			st = xst;
			*e = xe;
		}
	}
	g_string_free(set, TRUE);
	g_string_free(deleted, TRUE);
	g_array_free(l.uids, TRUE);
	return st;
}

bool
imap_can_idle(const struct imap *im)
{
	return im->idle;
}

int
imap_socket(const struct imap *im)
{
	return (int)im->sock;
}

int
imap_idle_start(struct imap *im, struct mado_err *e)
{
	char line[32];
	int st;

	snprintf(im->idle_tag, sizeof im->idle_tag, "m%u", ++im->tag);
	snprintf(line, sizeof line, "%s IDLE\r\n", im->idle_tag);
	st = send_all(im, line, strlen(line), e);
	while (st == MADO_OK) {
		struct imap_resp r;

		if ((st = read_resp(im, &r, e)) != MADO_OK)
			break;
		if (r.line_len > 0 && r.line[0] == '+') {
			im->idling = true;
			break;
		}
		if (r.line[0] != '*')
			st = mado_err_set(e, MADO_ETEMP, _("source %s: IMAP IDLE: %.*s"), im->name,
				(int)r.line_len, r.line);
	}
	return st;
}

int
imap_idle_stop(struct imap *im, bool *news, struct mado_err *e)
{
	size_t tl = strlen(im->idle_tag);
	int st;

	*news = false;
	im->idling = false;
	st = send_all(im, "DONE\r\n", 6, e);
	while (st == MADO_OK) {
		struct imap_resp r;

		if ((st = read_resp(im, &r, e)) != MADO_OK)
			break;
		if (r.line_len > tl && strncmp(r.line, im->idle_tag, tl) == 0) {
			if (g_ascii_strncasecmp(r.line + tl + 1, "OK", 2) != 0)
				st = mado_err_set(e, MADO_ETEMP, _("source %s: IMAP IDLE: %.*s"),
					im->name, (int)r.line_len, r.line);
			break;
		}
		if (r.line[0] == '*' && (g_strstr_len(r.line, (gssize)r.line_len, " EXISTS") ||
		    g_strstr_len(r.line, (gssize)r.line_len, " RECENT")))
			*news = true;
	}
	return st;
}
