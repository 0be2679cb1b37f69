#include "notify_mime.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "base/i18n.h"
#include "core/notify_render.h"

enum { JST_OFFSET = 9 * 3600, LINE_MAX_OCTETS = 998 };

bool
notify_address_ok(const char *addr)
{
	const char *at = addr != NULL ? strchr(addr, '@') : NULL;

	if (at == NULL || at == addr || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strlen(addr) > 254)
		return false;
	for (const char *p = addr; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p) != NULL)
			return false;
	return true;
}

/* A Message-ID from the database fit for a header: printable ASCII, no
 * spaces or angle brackets, with an '@'. Content hashes are no IDs. */
static bool
message_id_ok(const char *id)
{
	if (id == NULL || *id == '\0' || g_str_has_prefix(id, "sha256:") ||
	    strchr(id, '@') == NULL || strlen(id) > 250)
		return false;
	for (const char *p = id; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>')
			return false;
	return true;
}

/* ISO-2022-JP bytes of text when every character survives the round
 * trip and no line grows past what 7bit allows; NULL otherwise. */
static char *
to_iso2022jp(const char *text, gsize *len)
{
	char *jis = g_convert(text, -1, "ISO-2022-JP", "UTF-8", NULL, len, NULL);
	char *back = jis != NULL ? g_convert(jis, (gssize)*len, "UTF-8", "ISO-2022-JP", NULL,
		NULL, NULL) : NULL;
	bool ok = back != NULL && strcmp(back, text) == 0;

	for (const char *p = jis; ok && p != NULL && *p; ) {
		size_t n = strcspn(p, "\n");

		ok = n <= LINE_MAX_OCTETS;
		p += n + (p[n] == '\n');
	}
	g_free(back);
	if (!ok) {
		g_free(jis);
		return NULL;
	}
	return jis;
}

/* Whether a header value in lang goes out in ISO-2022-JP. */
static bool
header_jis(const char *lang, const char *text)
{
	gsize n;
	char *jis;

	if (strcmp(lang, "ja") != 0 || (jis = to_iso2022jp(text, &n)) == NULL)
		return false;
	g_free(jis);
	return true;
}

static void
fold_append(GString *out, size_t *col, const char *token)
{
	size_t n = strlen(token);

	if (*col > 1 && *col + 1 + n > 76) {
		g_string_append(out, "\n");
		*col = 0;
	}
	g_string_append_c(out, ' ');
	g_string_append(out, token);
	*col += 1 + n;
}

/* Japanese text as RFC 2047 "B" words in ISO-2022-JP (RFC 1468), each a
 * whole escape sequence at most 75 characters long. */
static void
jis_words(GString *out, size_t *col, const char *text)
{
	enum { JIS_MAX = 42 };   /* base64 of 42 bytes fills a 75-character word */
	const char *start = text;

	while (*start) {
		const char *end = start, *next;
		char *jis = NULL, *b64, *word;
		gsize n = 0;

		/* as many characters as fit */
		for (next = g_utf8_next_char(start); ; next = g_utf8_next_char(next)) {
			gsize m;
			char *part = g_convert(start, next - start, "ISO-2022-JP", "UTF-8", NULL, &m,
				NULL);

			if (part == NULL || (m > JIS_MAX && jis != NULL)) {
				g_free(part);
				break;
			}
			g_free(jis);
			jis = part;
			n = m;
			end = next;
			if (*next == '\0')
				break;
		}
		if (jis == NULL)
			break;   /* not reached: the text was checked to convert */
		b64 = g_base64_encode((const guchar *)jis, n);
		word = g_strdup_printf("=?ISO-2022-JP?B?%s?=", b64);
		fold_append(out, col, word);
		g_free(word);
		g_free(b64);
		g_free(jis);
		start = end;
	}
}

static bool
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* A header value of Japanese text encodable in ISO-2022-JP, as GMime
 * keeps it raw: ASCII words as they are (the ticket tag stays readable),
 * runs of other words as "B" words, folded, " value\n". name_len: the
 * header name and colon before it. */
static char *
jis_header(const char *text, size_t name_len, const char *tail)
{
	char **words = g_strsplit(text, " ", -1);
	GString *out = g_string_new(NULL), *run = g_string_new(NULL);
	size_t col = name_len;

	for (int i = 0; words[i] != NULL; i++) {
		if (*words[i] == '\0')
			continue;
		if (!is_ascii(words[i])) {
			g_string_append_printf(run, "%s%s", run->len ? " " : "", words[i]);
			continue;
		}
		if (run->len > 0)
			jis_words(out, &col, run->str);
		g_string_truncate(run, 0);
		fold_append(out, &col, words[i]);
	}
	if (run->len > 0)
		jis_words(out, &col, run->str);
	if (tail != NULL)
		fold_append(out, &col, tail);
	g_string_append_c(out, '\n');
	g_strfreev(words);
	g_string_free(run, TRUE);
	return g_string_free(out, FALSE);
}

/* The subject: ISO-2022-JP "B" words for Japanese that fits, else
 * GMime's own encoding in UTF-8. */
static void
set_subject(GMimeMessage *msg, const char *text, const char *lang)
{
	g_mime_message_set_subject(msg, text, "utf-8");
	if (header_jis(lang, text)) {
		char *raw = jis_header(text, strlen("Subject:"), NULL);

		g_mime_header_set_raw_value(g_mime_header_list_get_header(GMIME_OBJECT(msg)->headers,
			"Subject"), raw);
		g_free(raw);
	}
}

char *
notify_address_of(const char *from)
{
	InternetAddressList *list;
	char *out = NULL;

	g_mime_init();
	list = internet_address_list_parse(NULL, from != NULL ? from : "");
	if (list != NULL && internet_address_list_length(list) == 1) {
		InternetAddress *ia = internet_address_list_get_address(list, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
			const char *a = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));

			if (notify_address_ok(a))
				out = g_strdup(a);
		}
	}
	if (list != NULL)
		g_object_unref(list);
	return out;
}

char *
notify_message_id_new(const char *domain)
{
	g_mime_init();
	return g_mime_utils_generate_message_id(domain);
}

static int
add_from(GMimeMessage *msg, const char *from, const char *lang, struct mado_err *e)
{
	InternetAddressList *list;
	InternetAddress *ia = NULL;

	list = internet_address_list_parse(NULL, from != NULL ? from : "");
	if (list != NULL && internet_address_list_length(list) == 1 &&
	    INTERNET_ADDRESS_IS_MAILBOX(internet_address_list_get_address(list, 0))) {
		InternetAddress *got = internet_address_list_get_address(list, 0);
		const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(got));
		char *name = notify_header_clean(internet_address_get_name(got));

		if (notify_address_ok(addr)) {
			ia = internet_address_mailbox_new(*name ? name : NULL, addr);
			internet_address_set_charset(ia, "utf-8");
			internet_address_list_add(g_mime_message_get_from(msg), ia);
			g_object_unref(ia);
			if (*name && header_jis(lang, name)) {
				char *angle = g_strdup_printf("<%s>", addr);
				char *raw = jis_header(name, strlen("From:"), angle);

				g_mime_header_set_raw_value(g_mime_header_list_get_header(
					GMIME_OBJECT(msg)->headers, "From"), raw);
				g_free(raw);
				g_free(angle);
			}
		}
		g_free(name);
	}
	if (list != NULL)
		g_object_unref(list);
	if (ia == NULL)
		return mado_err_set(e, MADO_ECONFIG,
			_("[smtp] from: '%s' is not a mail address"), from ? from : "");
	return MADO_OK;
}

/* The body part: ISO-2022-JP 7bit for Japanese that fits, else UTF-8. */
static GMimeObject *
body_part(const char *body, const char *lang)
{
	GMimeTextPart *part = g_mime_text_part_new_with_subtype("plain");
	gsize n = 0;
	char *jis = strcmp(lang, "ja") == 0 ? to_iso2022jp(body, &n) : NULL;

	if (jis != NULL) {
		GMimeStream *stream = g_mime_stream_mem_new_with_buffer(jis, n);
		GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream,
			GMIME_CONTENT_ENCODING_7BIT);

		g_mime_part_set_content(GMIME_PART(part), content);
		g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset",
			"ISO-2022-JP");
		g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_7BIT);
		g_object_unref(content);
		g_object_unref(stream);
		g_free(jis);
	} else {
		g_mime_text_part_set_text(part, body);
		if (strcmp(lang, "ja") == 0)
			g_mime_part_set_content_encoding(GMIME_PART(part),
				GMIME_CONTENT_ENCODING_BASE64);
		else
			g_mime_object_encode(GMIME_OBJECT(part), GMIME_ENCODING_CONSTRAINT_7BIT);
	}
	return GMIME_OBJECT(part);
}

/* In-Reply-To and References from the thread's Message-IDs. */
static void
add_thread(GMimeMessage *msg, const struct notify_mail *m)
{
	GString *refs = g_string_new(NULL);

	if (message_id_ok(m->in_reply_to)) {
		char *v = g_strdup_printf("<%s>", m->in_reply_to);

		g_mime_object_set_header(GMIME_OBJECT(msg), "In-Reply-To", v, NULL);
		g_free(v);
	}
	for (int i = 0; i < m->nreferences; i++)
		if (message_id_ok(m->references[i]))
			g_string_append_printf(refs, "%s<%s>", refs->len ? " " : "", m->references[i]);
	if (refs->len > 0)
		g_mime_object_set_header(GMIME_OBJECT(msg), "References", refs->str, NULL);
	g_string_free(refs, TRUE);
}

int
notify_mime_build(const struct notify_mail *m, char **raw, size_t *len, struct mado_err *e)
{
	GMimeMessage *msg;
	GMimeObject *part;
	GMimeFormatOptions *opts;
	InternetAddress *to;
	GTimeZone *jst;
	GDateTime *utc, *date;
	char *subject;
	int st;

	*raw = NULL;
	*len = 0;
	if (!notify_address_ok(m->to))
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a mail address"),
			m->to ? m->to : "");
	if (!message_id_ok(m->message_id))
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a Message-ID"),
			m->message_id ? m->message_id : "");
	g_mime_init();
	msg = g_mime_message_new(TRUE);
	if ((st = add_from(msg, m->from, m->lang, e)) != MADO_OK) {
		g_object_unref(msg);
		return st;
	}
	to = internet_address_mailbox_new(NULL, m->to);
	internet_address_list_add(g_mime_message_get_to(msg), to);
	g_object_unref(to);
	subject = notify_header_clean(m->subject);
	set_subject(msg, subject, m->lang);
	g_free(subject);
	jst = g_time_zone_new_offset(JST_OFFSET);
	utc = g_date_time_new_from_unix_utc(m->date);
	date = g_date_time_to_timezone(utc, jst);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_date_time_unref(utc);
	g_time_zone_unref(jst);
	g_mime_message_set_message_id(msg, m->message_id);
	add_thread(msg, m);
	if (m->auto_submitted != NULL)
		g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted", m->auto_submitted, NULL);
	part = body_part(m->body != NULL ? m->body : "", m->lang);
	g_mime_message_set_mime_part(msg, part);
	g_object_unref(part);
	opts = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(opts, GMIME_NEWLINE_FORMAT_DOS);
	*raw = g_mime_object_to_string(GMIME_OBJECT(msg), opts);
	*len = strlen(*raw);
	g_mime_format_options_free(opts);
	g_object_unref(msg);
	return MADO_OK;
}
