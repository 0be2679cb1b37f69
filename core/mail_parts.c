#include "core/mail_parts.h"

#include <stdbool.h>
#include <string.h>

#include "core/mail_charset.h"
#include "core/mail_header.h"
#include "core/mail_html.h"

#define FILENAME_BYTES 200
#define EXTENSION_BYTES 16
/* Deeper nesting is no mail anyone wrote; its parts are left out. */
#define DEPTH_MAX 32
/* How far into an HTML part a <meta charset> is looked for. */
#define META_BYTES 2048

struct walk {
	struct mail_msg *m;
	GString *plain;   /* the text/plain body parts, decoded; NULL when none */
	GString *html;    /* the text/html body parts, decoded; NULL when none */
	GArray *parts;    /* struct mail_part */
};

const char *
mail_raw_header(GMimeObject *obj, const char *name)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(obj);
	GMimeHeader *h = list != NULL ? g_mime_header_list_get_header(list, name) : NULL;

	return h != NULL ? g_mime_header_get_raw_value(h) : NULL;
}

static bool
is_type(GMimeObject *obj, const char *type, const char *subtype)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	return ct != NULL && g_mime_content_type_is_type(ct, type, subtype);
}

/* What was written to a memory stream; the stream is unreferenced. */
static GByteArray *
mem_take(GMimeStream *mem)
{
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));

	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_object_unref(mem);
	return bytes;
}

/* The part's content with its transfer encoding undone. */
static GByteArray *
content_bytes(GMimePart *part)
{
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	GMimeStream *mem = g_mime_stream_mem_new();

	if (content != NULL)
		g_mime_data_wrapper_write_to_stream(content, mem);
	return mem_take(mem);
}

/* The charset an HTML part names in a <meta> near its start (g_free()),
 * for parts whose Content-Type has none. */
static char *
meta_charset(const GByteArray *b)
{
	char *head, *at, *cs = NULL;

	if (b->len == 0)
		return NULL;
	head = g_ascii_strdown((const char *)b->data, (gssize)MIN(b->len, META_BYTES));
	at = strstr(head, "charset=");
	if (at != NULL) {
		at += strlen("charset=");
		at += strspn(at, "\"' ");
		cs = g_strndup(at, strspn(at, "abcdefghijklmnopqrstuvwxyz0123456789-_:."));
	}
	g_free(head);
	return cs;
}

static char *
part_text(GMimeObject *obj, const GByteArray *b, bool html)
{
	const char *charset = g_mime_object_get_content_type_parameter(obj, "charset");
	char *meta = charset == NULL && html ? meta_charset(b) : NULL;
	char *text = mail_charset_decode(meta != NULL ? meta : charset, (const char *)b->data,
		b->len);

	g_free(meta);
	return text;
}

/* The part's file name: Content-Disposition's filename, else
 * Content-Type's name; NULL when neither (g_free()). */
static char *
part_filename(GMimeObject *obj)
{
	const char *disp = mail_raw_header(obj, "Content-Disposition");
	const char *type = mail_raw_header(obj, "Content-Type");
	char *name = disp != NULL ? mail_header_param(disp, "filename") : NULL;

	if (name == NULL && type != NULL)
		name = mail_header_param(type, "name");
	return name;
}

static char *
part_mime(GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *type = ct != NULL ? g_mime_content_type_get_mime_type(ct) : NULL;
	char *mime = g_ascii_strdown(type != NULL ? type : "", -1);

	g_free(type);
	if (strchr(mime, '/') == NULL ||
	    mime[strspn(mime, "abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-/")] != '\0') {
		g_free(mime);
		mime = g_strdup("application/octet-stream");
	}
	return mime;
}

/* Takes bytes over as an attachment. */
static void
attach(struct walk *w, GMimeObject *obj, GByteArray *bytes)
{
	char *name = part_filename(obj);
	struct mail_part p;

	p.filename = mail_filename_sanitise(name, (int)w->parts->len + 1);
	p.mime = part_mime(obj);
	p.size = bytes->len;
	p.data = g_byte_array_free(bytes, FALSE);
	g_array_append_val(w->parts, p);
	g_free(name);
}

static void
note_returned_id(struct walk *w, const char *id)
{
	if (w->m->bounce_of == NULL)
		w->m->bounce_of = mail_msgid_clean(id);
}

/* text/rfc822-headers: the returned message's header, read as a message. */
static void
returned_headers(struct walk *w, const GByteArray *b)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer((const char *)b->data, b->len);
	GMimeParser *p = g_mime_parser_new_with_stream(s);
	GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);

	if (msg != NULL) {
		note_returned_id(w, g_mime_message_get_message_id(msg));
		g_object_unref(msg);
	}
	g_object_unref(p);
	g_object_unref(s);
}

static void
append_text(GString **to, char *text)
{
	if (*to == NULL)
		*to = g_string_new(NULL);
	else
		g_string_append_c(*to, '\n');
	g_string_append(*to, text);
	g_free(text);
}

static bool
param_is(GMimeObject *obj, const char *name, const char *value)
{
	const char *v = g_mime_object_get_content_type_parameter(obj, name);

	return v != NULL && g_ascii_strcasecmp(v, value) == 0;
}

/* text/plain; format=flowed (RFC 3676) as the lines it stands for: a line
 * ending in a space goes on in the next one of the same quote depth
 * (delsp=yes: without that space); space-stuffing is undone. Takes text
 * over. */
static char *
unflow(GMimeObject *obj, char *text)
{
	bool delsp = param_is(obj, "delsp", "yes"), joining = false;
	GString *out;
	char **lines;
	int depth = -1;

	if (!param_is(obj, "format", "flowed"))
		return text;
	out = g_string_new(NULL);
	lines = g_strsplit(text, "\n", -1);
	for (int i = 0; lines[i] != NULL; i++) {
		char *line = lines[i];
		size_t len = strlen(line);
		int quotes = (int)strspn(line, ">");
		bool flowed;

		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		line += quotes;
		len -= (size_t)quotes;
		if (line[0] == ' ') {
			line++;
			len--;
		}
		flowed = len > 0 && line[len - 1] == ' ' && strcmp(line, "-- ") != 0;
		if (!joining || quotes != depth) {
			if (i > 0)
				g_string_append_c(out, '\n');
			for (int q = 0; q < quotes; q++)
				g_string_append_c(out, '>');
			if (quotes > 0 && len > 0)
				g_string_append_c(out, ' ');
		}
		g_string_append_len(out, line, (gssize)(flowed && delsp ? len - 1 : len));
		joining = flowed;
		depth = quotes;
	}
	g_strfreev(lines);
	g_free(text);
	return g_string_free(out, FALSE);
}

static void
leaf(struct walk *w, GMimeObject *obj, bool report)
{
	const char *disp = g_mime_object_get_disposition(obj);
	bool inline_text = (disp == NULL || g_ascii_strcasecmp(disp, "attachment") != 0);
	GByteArray *bytes = content_bytes(GMIME_PART(obj));
	char *name = inline_text ? part_filename(obj) : NULL;

	if (inline_text && name == NULL && is_type(obj, "text", "plain")) {
		append_text(&w->plain, unflow(obj, part_text(obj, bytes, false)));
		g_byte_array_free(bytes, TRUE);
		return;
	}
	if (inline_text && name == NULL && is_type(obj, "text", "html")) {
		append_text(&w->html, part_text(obj, bytes, true));
		g_byte_array_free(bytes, TRUE);
		return;
	}
	g_free(name);
	if (is_type(obj, "message", "delivery-status"))
		w->m->bounce = true;
	if (is_type(obj, "text", "rfc822-headers") && (report || w->m->bounce))
		returned_headers(w, bytes);
	attach(w, obj, bytes);
}

/* message/rfc822: kept whole as an attachment; in a report it is the
 * returned message. */
static void
message_part(struct walk *w, GMimeObject *obj, bool report)
{
	GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
	GMimeStream *mem = g_mime_stream_mem_new();

	if (inner != NULL) {
		g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
		if (report || w->m->bounce)
			note_returned_id(w, g_mime_message_get_message_id(inner));
	}
	attach(w, obj, mem_take(mem));
}

/* The one part of a multipart/alternative to read: text/plain, else the
 * last HTML or multipart one. */
static GMimeObject *
alternative(GMimeMultipart *mp)
{
	GMimeObject *pick = NULL;

	for (int i = 0; i < g_mime_multipart_get_count(mp); i++) {
		GMimeObject *part = g_mime_multipart_get_part(mp, i);

		if (is_type(part, "text", "plain"))
			return part;
		if (is_type(part, "text", "html") || GMIME_IS_MULTIPART(part))
			pick = part;
	}
	return pick;
}

static void
walk(struct walk *w, GMimeObject *obj, bool report, int depth)
{
	GMimeMultipart *mp;
	const char *type;

	if (depth > DEPTH_MAX)
		return;
	if (GMIME_IS_MESSAGE_PART(obj)) {
		message_part(w, obj, report);
		return;
	}
	if (GMIME_IS_PART(obj)) {
		leaf(w, obj, report);
		return;
	}
	if (!GMIME_IS_MULTIPART(obj))
		return;
	mp = GMIME_MULTIPART(obj);
	if (is_type(obj, "multipart", "alternative")) {
		obj = alternative(mp);
		if (obj != NULL)
			walk(w, obj, report, depth + 1);
		return;
	}
	type = g_mime_object_get_content_type_parameter(obj, "report-type");
	if (is_type(obj, "multipart", "report") && type != NULL &&
	    g_ascii_strcasecmp(type, "delivery-status") == 0) {
		w->m->bounce = true;
		report = true;
	}
	for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
		walk(w, g_mime_multipart_get_part(mp, i), report, depth + 1);
}

/* Text as the body keeps it: LF line ends, no control characters but tab,
 * no byte order mark, no blank lines before or blanks after. */
static char *
body_clean(const char *s)
{
	GString *out = g_string_new(NULL);

	if (g_str_has_prefix(s, "\xef\xbb\xbf"))
		s += 3;
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\r') {
			g_string_append_c(out, '\n');
			if (p[1] == '\n')
				p++;
		} else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && c != 0xc2)) {
			g_string_append_c(out, (char)c);
		} else if (c == 0xc2 && (unsigned char)p[1] >= 0xa0) {
			g_string_append_c(out, (char)c);
		} else if (c == 0xc2 && p[1] != '\0') {
			p++;                                    /* a C1 control */
		}
	}
	while (out->len > 0 && g_ascii_isspace(out->str[out->len - 1]))
		g_string_truncate(out, out->len - 1);
	g_string_erase(out, 0, (gssize)strspn(out->str, "\n"));
	return g_string_free(out, FALSE);
}

static bool
blank(const GString *s)
{
	for (size_t i = 0; s != NULL && i < s->len; i++)
		if (!g_ascii_isspace(s->str[i]))
			return false;
	return true;
}

/* A bounce that is no delivery report (qmail, some providers) quotes the
 * returned header in its text: the first Message-ID line there. */
static void
quoted_message_id(struct walk *w, const char *body)
{
	for (const char *line = body; line != NULL && w->m->bounce_of == NULL;
	    line = strchr(line, '\n') != NULL ? strchr(line, '\n') + 1 : NULL) {
		const char *p = line + strspn(line, " \t>");

		if (g_ascii_strncasecmp(p, "message-id:", 11) == 0) {
			char *value = g_strndup(p + 11, strcspn(p + 11, "\n"));
			char *id = g_mime_utils_decode_message_id(value);

			note_returned_id(w, id);
			g_free(id);
			g_free(value);
		}
	}
}

void
mail_parts_walk(GMimeMessage *msg, struct mail_msg *m)
{
	struct walk w = { m, NULL, NULL, g_array_new(FALSE, FALSE, sizeof(struct mail_part)) };
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	char *text;

	if (top != NULL)
		walk(&w, top, false, 0);
	if (!blank(w.plain) || w.html == NULL)
		m->body = body_clean(w.plain != NULL ? w.plain->str : "");
	else {
		text = mail_html_to_text(w.html->str, w.html->len);
		m->body = body_clean(text);
		g_free(text);
	}
	if (m->bounce && m->bounce_of == NULL)
		quoted_message_id(&w, m->body);
	if (w.plain != NULL)
		g_string_free(w.plain, TRUE);
	if (w.html != NULL)
		g_string_free(w.html, TRUE);
	m->nparts = (int)w.parts->len;
	m->parts = (struct mail_part *)g_array_free(w.parts, FALSE);
}

/* Characters a file name must not carry: bidirectional overrides (which
 * make "txt.exe" show as "exe.txt") and the zero-width ones. */
static bool
hidden_char(gunichar u)
{
	return u < 0x20 || (u >= 0x7f && u < 0xa0) || (u >= 0x200b && u <= 0x200f) ||
		(u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0xfeff;
}

/* Where to cut s to at most max bytes without splitting a character. */
static size_t
cut_at(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

char *
mail_filename_sanitise(const char *name, int n)
{
	const char *base = name != NULL ? name : "";
	GString *s = g_string_new(NULL);
	const char *ext;
	size_t keep;

	for (const char *p = base; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (g_utf8_validate(base, -1, NULL)) {
		for (const char *p = base; *p != '\0'; p = g_utf8_next_char(p)) {
			gunichar u = g_utf8_get_char(p);

			if (u < 0x80 && strchr(":*?\"<>|", (int)u) != NULL)
				g_string_append_c(s, '_');
			else if (!hidden_char(u))
				g_string_append_unichar(s, u);
		}
	}
	g_string_erase(s, 0, (gssize)strspn(s->str, ". "));
	while (s->len > 0 && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '.'))
		g_string_truncate(s, s->len - 1);
	if (s->len > FILENAME_BYTES) {
		ext = strrchr(s->str, '.');
		if (ext != NULL && strlen(ext) <= EXTENSION_BYTES) {
			char *tail = g_strdup(ext);

			keep = cut_at(s->str, s->len, FILENAME_BYTES - strlen(tail));
			g_string_truncate(s, keep);
			g_string_append(s, tail);
			g_free(tail);
		} else {
			g_string_truncate(s, cut_at(s->str, s->len, FILENAME_BYTES));
		}
	}
	if (s->len == 0)
		g_string_printf(s, "attachment-%d", n);
	return g_string_free(s, FALSE);
}
