/* mail_parse(): GMime reads the MIME structure; the header values are
 * decoded by mail_header.c from their raw bytes (GMime's own decoding
 * knows neither CP932's vendor characters nor wrong labels), the parts by
 * mail_parts.c. */
#include "core/mail.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <libxml/parser.h>
#include <string.h>

#include "base/i18n.h"
#include "core/mail_header.h"
#include "core/mail_parts.h"

/* Once per process, whichever thread parses first: GMime, and libxml2's
 * parser (mail_html.c), which must be set up before threads share it. */
static gpointer
init_libraries(gpointer unused)
{
	g_mime_init();
	xmlInitParser();
	return NULL;
}

/* Every address of every header called name (To and Cc may repeat). */
static struct mail_addr *
addresses(GMimeObject *obj, const char *name, int *n)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(obj);
	GArray *all = g_array_new(FALSE, FALSE, sizeof(struct mail_addr));
	int count = list != NULL ? g_mime_header_list_get_count(list) : 0;

	for (int i = 0; i < count; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);

		if (g_ascii_strcasecmp(g_mime_header_get_name(h), name) == 0)
			mail_header_addrs(g_mime_header_get_raw_value(h), all);
	}
	*n = (int)all->len;
	return (struct mail_addr *)g_array_free(all, FALSE);
}

static void
references(GMimeObject *obj, struct mail_msg *m)
{
	const char *raw = mail_raw_header(obj, "In-Reply-To");
	GMimeReferences *refs = raw != NULL ? g_mime_references_parse(NULL, raw) : NULL;
	GPtrArray *ids;

	if (refs != NULL && g_mime_references_length(refs) > 0)
		m->in_reply_to = mail_msgid_clean(g_mime_references_get_message_id(refs, 0));
	if (refs != NULL)
		g_mime_references_free(refs);
	raw = mail_raw_header(obj, "References");
	refs = raw != NULL ? g_mime_references_parse(NULL, raw) : NULL;
	if (refs == NULL)
		return;
	ids = g_ptr_array_new();
	for (int i = 0; i < g_mime_references_length(refs); i++) {
		char *id = mail_msgid_clean(g_mime_references_get_message_id(refs, i));

		if (id != NULL)
			g_ptr_array_add(ids, id);
	}
	g_mime_references_free(refs);
	m->nreferences = (int)ids->len;
	m->references = (char **)g_ptr_array_free(ids, FALSE);
}

/* The header's first word, lower case, "" when absent (g_free()). */
static char *
header_word(GMimeObject *obj, const char *name)
{
	const char *v = g_mime_object_get_header(obj, name);
	char *w = g_ascii_strdown(v != NULL ? v : "", -1);

	g_strstrip(w);
	w[strcspn(w, " \t\r\n;(")] = '\0';
	return w;
}

static void
flags(GMimeObject *obj, struct mail_msg *m)
{
	char *auto_submitted = header_word(obj, "Auto-Submitted");
	char *precedence = header_word(obj, "Precedence");
	const char *from = m->from.email[0] != '\0' ? m->from.email : m->from.name;
	size_t local = strcspn(from, "@");

	/* Old auto-responders say so only in X-Autoreply or X-Autorespond. */
	m->auto_submitted = (auto_submitted[0] != '\0' && strcmp(auto_submitted, "no") != 0) ||
		mail_raw_header(obj, "X-Autoreply") != NULL ||
		mail_raw_header(obj, "X-Autorespond") != NULL;
	m->bulk = strcmp(precedence, "bulk") == 0 || strcmp(precedence, "junk") == 0 ||
		strcmp(precedence, "list") == 0 || mail_raw_header(obj, "List-Id") != NULL;
	if ((local == 13 && g_ascii_strncasecmp(from, "mailer-daemon", 13) == 0) ||
	    (local == 10 && g_ascii_strncasecmp(from, "postmaster", 10) == 0))
		m->bounce = true;
	g_free(auto_submitted);
	g_free(precedence);
}

/* Date: as epoch seconds, 0 when missing or unreadable. GMime knows the
 * US zone names only; some Japanese systems write "JST" with no offset. */
static int64_t
date_of(GMimeMessage *msg)
{
	GDateTime *date = g_mime_message_get_date(msg);
	const char *raw = mail_raw_header(GMIME_OBJECT(msg), "Date");
	int64_t t;

	if (date == NULL)
		return 0;
	t = g_date_time_to_unix(date);
	if (raw != NULL && strstr(raw, "JST") != NULL && strpbrk(raw, "+-") == NULL)
		t -= 9 * 3600;
	return t;
}

static GMimeMessage *
construct(const char *raw, size_t len)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(raw, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);

	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}

int
mail_parse(const char *raw, size_t len, struct mail_msg *out, struct mado_err *e)
{
	static GOnce once = G_ONCE_INIT;
	GMimeMessage *msg;
	GMimeObject *obj;
	struct mail_addr *from;
	const char *subject;
	int nfrom;

	memset(out, 0, sizeof *out);
	if (len == 0)
		return mado_err_set(e, MADO_EDATA, _("mail: the message is empty"));
	g_once(&once, init_libraries, NULL);
	msg = construct(raw, len);
	if (msg == NULL) {
		/* No header GMime recognises: all of it is the body. */
		char *body = g_malloc(len + 1);

		body[0] = '\n';
		memcpy(body + 1, raw, len);
		msg = construct(body, len + 1);
		g_free(body);
	}
	if (msg == NULL)
		return mado_err_set(e, MADO_EDATA, _("mail: not a message (%zu bytes)"), len);
	obj = GMIME_OBJECT(msg);

	out->message_id = mail_msgid_clean(g_mime_message_get_message_id(msg));
	references(obj, out);
	from = addresses(obj, "From", &nfrom);
	if (nfrom > 0) {
		out->from = from[0];
		for (int i = 1; i < nfrom; i++) {
			g_free(from[i].name);
			g_free(from[i].email);
		}
	} else {
		out->from.name = g_strdup("");
		out->from.email = g_strdup("");
	}
	g_free(from);
	out->to = addresses(obj, "To", &out->nto);
	out->cc = addresses(obj, "Cc", &out->ncc);
	subject = mail_raw_header(obj, "Subject");
	out->subject = subject != NULL ? mail_header_text(subject) : g_strdup("");
	out->date = date_of(msg);
	flags(obj, out);
	mail_parts_walk(msg, out);
	g_object_unref(msg);
	return MADO_OK;
}

static void
addrs_free(struct mail_addr *a, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(a[i].name);
		g_free(a[i].email);
	}
	g_free(a);
}

void
mail_msg_clear(struct mail_msg *m)
{
	if (m == NULL)
		return;
	g_free(m->message_id);
	g_free(m->in_reply_to);
	for (int i = 0; i < m->nreferences; i++)
		g_free(m->references[i]);
	g_free(m->references);
	g_free(m->from.name);
	g_free(m->from.email);
	addrs_free(m->to, m->nto);
	addrs_free(m->cc, m->ncc);
	g_free(m->subject);
	g_free(m->body);
	for (int i = 0; i < m->nparts; i++) {
		g_free(m->parts[i].filename);
		g_free(m->parts[i].mime);
		g_free(m->parts[i].data);
	}
	g_free(m->parts);
	g_free(m->bounce_of);
	memset(m, 0, sizeof *m);
}
