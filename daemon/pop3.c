#include "pop3.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static size_t
collect(char *data, size_t size, size_t nmemb, void *ctx)
{
	g_string_append_len(ctx, data, (gssize)(size * nmemb));
	return size * nmemb;
}

/* One request on the session: a command (or RETR of message path when
 * cmd is NULL), its answer in out (NULL: the command has none). base is
 * the URL up to the host and port. */
static int
request(CURL *curl, const struct mail_source *s, const char *base, const char *path,
	const char *cmd, GString *out, struct mado_err *e)
{
	char *url = g_strdup_printf("%s/%s", base, path);
	CURLcode rc;

	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, cmd);
	curl_easy_setopt(curl, CURLOPT_NOBODY, out == NULL ? 1L : 0L);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
	rc = curl_easy_perform(curl);
	g_free(url);
	if (rc != CURLE_OK)
		return mado_err_set(e, MADO_ETEMP, _("source %s: POP3 %s: %s"), s->name,
			cmd ? cmd : "RETR", source_curl_error(s, rc));
	return MADO_OK;
}

struct pop3_msg {
	unsigned num;
	char *uidl;
};

/* "1 000000016b02a855\r\n..." -> messages. */
static GArray *
parse_uidl(const char *text)
{
	GArray *list = g_array_new(FALSE, FALSE, sizeof(struct pop3_msg));
	char **lines = g_strsplit(text, "\n", -1);

	for (int i = 0; lines[i] != NULL; i++) {
		char uidl[128];
		unsigned num;

		if (sscanf(lines[i], "%u %127s", &num, uidl) == 2 && num > 0) {
			struct pop3_msg m = { num, g_strdup(uidl) };

			g_array_append_val(list, m);
		}
	}
	g_strfreev(lines);
	return list;
}

int
pop3_take_all(const struct mail_source *s, const char *password, GHashTable *taken,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e)
{
	const char *host = strstr(s->url, "://") + 3;
	char *base = g_strndup(s->url, (size_t)(host - s->url) + strcspn(host, "/"));
	CURL *curl = curl_easy_init();
	GString *buf = g_string_new(NULL);
	GArray *list = NULL;
	int st;

	if (curl == NULL) {
		g_string_free(buf, TRUE);
		g_free(base);
		return mado_err_set(e, MADO_EFAIL, "curl_easy_init failed");
	}
	curl_easy_setopt(curl, CURLOPT_USERNAME, s->user);
	curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 120L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	/* No proxy from the environment (see imap_open). */
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	source_curl_tls(curl, s);
	st = request(curl, s, base, "", "UIDL", buf, e);
	if (st == MADO_OK)
		list = parse_uidl(buf->str);
	for (guint i = 0; st == MADO_OK && list != NULL && i < list->len &&
	    !source_stopping(sink);) {
		struct source_msg msgs[SOURCE_BATCH];
		size_t bytes = 0;
		int k = 0;

		memset(msgs, 0, sizeof msgs);
		for (; st == MADO_OK && i < list->len && k < SOURCE_BATCH &&
		    bytes < SOURCE_BATCH_BYTES; i++) {
			struct pop3_msg *m = &g_array_index(list, struct pop3_msg, i);
			char num[16];

			if (taken != NULL && g_hash_table_contains(taken, m->uidl))
				continue;
			snprintf(num, sizeof num, "%u", m->num);
			g_string_truncate(buf, 0);
			if ((st = request(curl, s, base, num, NULL, buf, e)) != MADO_OK)
				break;
			msgs[k].len = buf->len;
			bytes += buf->len;
			msgs[k].raw = g_strndup(buf->str, buf->len);
			msgs[k].what = g_strdup(m->uidl);
			/* Not taken until the sink says so: a RETR failing later in
			 * the batch must not DELE what was read before it. */
			msgs[k].status = MADO_ETEMP;
			msgs[k++].ref = i;
		}
		if (st == MADO_OK)
			st = source_take(s, sink, msgs, k, n, e);
		for (int j = 0; j < k && st != MADO_EFAIL; j++) {
			struct pop3_msg *m = &g_array_index(list, struct pop3_msg, msgs[j].ref);
			char dele[32];
			int dst;

			if (msgs[j].status != MADO_OK)
				continue;
			if (!s->delete_after) {
				if (taken != NULL)
					g_hash_table_add(taken, g_strdup(m->uidl));
				continue;
			}
			snprintf(dele, sizeof dele, "DELE %u", m->num);
			if ((dst = request(curl, s, base, "", dele, NULL, e)) != MADO_OK) {
				st = dst;
				break;
			}
		}
		source_msgs_clear(msgs, k);
	}
	for (guint i = 0; list != NULL && i < list->len; i++)
		g_free(g_array_index(list, struct pop3_msg, i).uidl);
	if (list != NULL)
		g_array_free(list, TRUE);
	g_string_free(buf, TRUE);
	g_free(base);
	curl_easy_cleanup(curl);   /* QUIT: the deletions take effect */
	return st;
}
