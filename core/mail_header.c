#include "mail_header.h"

#include <stdbool.h>
#include <string.h>

#include "mail_charset.h"

/* RFC 2231 continuations we put together; more is not a file name. */
#define PIECES_MAX 64

/* The value without its line folds (CR and LF removed, the blank that
 * follows kept). Caller frees with g_free(). */
static char *
unfold(const char *raw)
{
	char *s = g_strdup(raw != NULL ? raw : ""), *w = s;

	for (const char *r = s; *r != '\0'; r++)
		if (*r != '\r' && *r != '\n')
			*w++ = *r;
	*w = '\0';
	return s;
}

/* Raw 8-bit header text that is not UTF-8 is most likely Shift_JIS, whose
 * second bytes include '\\' and '"'-free ASCII: a lead byte and the byte
 * after it are taken together and never read as syntax. */
static bool
sjis_likely(const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return !g_utf8_validate(s, -1, NULL);
	return false;
}

static size_t
char_len(const char *s, size_t i, size_t len, bool sjis)
{
	unsigned char c = (unsigned char)s[i];

	if (sjis && i + 1 < len && ((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xfc)))
		return 2;
	return 1;
}

static int
hex_value(char c)
{
	return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* Reads an RFC 2047 encoded word at s (len bytes left): appends its
 * decoded bytes to bytes and sets *charset (g_free()). Returns its length,
 * or 0 when s does not start one. */
static size_t
encoded_word(const char *s, size_t len, char **charset, GString *bytes)
{
	const char *q, *text, *end = s + len, *p;
	char enc;

	if (len < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	for (q = s + 2; q < end && *q != '?'; q++)
		if (*q <= ' ' || *q >= 0x7f || q - s > 80)
			return 0;
	if (q == s + 2 || end - q < 4 || q[2] != '?')
		return 0;
	enc = g_ascii_toupper(q[1]);
	if (enc != 'B' && enc != 'Q')
		return 0;
	/* The text has no '?' and no blank; it ends at "?=". */
	text = q + 3;
	for (p = text; p < end && *p != '?'; p++)
		if (*p == ' ' || *p == '\t')
			return 0;
	if (p + 1 >= end || p[1] != '=')
		return 0;
	if (enc == 'B') {
		gint state = 0;
		guint save = 0;
		size_t at = bytes->len;

		g_string_set_size(bytes, at + (size_t)(p - text) / 4 * 3 + 3);
		g_string_set_size(bytes, at + g_base64_decode_step(text, (gsize)(p - text),
			(guchar *)bytes->str + at, &state, &save));
	} else {
		for (const char *t = text; t < p; t++) {
			if (*t == '_') {
				g_string_append_c(bytes, ' ');
			} else if (*t == '=' && p - t > 2 && hex_value(t[1]) >= 0 &&
			    hex_value(t[2]) >= 0) {
				g_string_append_c(bytes, (char)(hex_value(t[1]) * 16 + hex_value(t[2])));
				t += 2;
			} else {
				g_string_append_c(bytes, *t);
			}
		}
	}
	*charset = g_strndup(s + 2, (gsize)(q - s - 2));
	return (size_t)(p + 2 - s);
}

/* What decode_words has read but not yet written out. */
struct words {
	GString *out;
	GString *raw;      /* plain text */
	GString *bytes;    /* decoded bytes of encoded words in one charset */
	char *charset;     /* theirs; NULL when none are waiting */
};

static void
flush_words(struct words *w)
{
	char *text;

	if (w->charset == NULL)
		return;
	text = mail_charset_decode(w->charset, w->bytes->str, w->bytes->len);
	g_string_append(w->out, text);
	g_free(text);
	g_free(w->charset);
	w->charset = NULL;
	g_string_truncate(w->bytes, 0);
}

static void
flush_raw(struct words *w)
{
	char *text;

	if (w->raw->len == 0)
		return;
	text = mail_charset_decode(NULL, w->raw->str, w->raw->len);
	g_string_append(w->out, text);
	g_free(text);
	g_string_truncate(w->raw, 0);
}

/* Decodes encoded words and raw text of an unfolded value (g_free()). */
static char *
decode_words(const char *s, size_t len)
{
	struct words w = { g_string_new(NULL), g_string_new(NULL), g_string_new(NULL), NULL };
	GString *word = g_string_new(NULL);
	size_t i = 0;

	while (i < len) {
		char *charset = NULL;
		size_t n;

		g_string_truncate(word, 0);
		n = encoded_word(s + i, len - i, &charset, word);
		if (n == 0) {
			/* Blanks between two encoded words are not text. */
			if (s[i] != ' ' && s[i] != '\t')
				flush_words(&w);
			g_string_append_c(w.raw, s[i++]);
			continue;
		}
		if (w.charset != NULL)
			g_string_truncate(w.raw, 0);
		flush_raw(&w);
		if (w.charset != NULL && g_ascii_strcasecmp(w.charset, charset) != 0)
			flush_words(&w);
		if (w.charset == NULL)
			w.charset = charset;
		else
			g_free(charset);
		g_string_append_len(w.bytes, word->str, (gssize)word->len);
		i += n;
	}
	flush_words(&w);
	flush_raw(&w);
	g_string_free(word, TRUE);
	g_string_free(w.raw, TRUE);
	g_string_free(w.bytes, TRUE);
	return g_string_free(w.out, FALSE);
}

/* Every control character (C0, DEL, C1) a space, blanks trimmed; in place. */
static char *
one_line(char *s)
{
	char *w = s;

	for (const char *r = s; *r != '\0'; r++) {
		unsigned char c = (unsigned char)*r;

		if (c < 0x20 || c == 0x7f) {
			*w++ = ' ';
		} else if (c == 0xc2 && (unsigned char)r[1] >= 0x80 && (unsigned char)r[1] < 0xa0) {
			*w++ = ' ';
			r++;
		} else {
			*w++ = (char)c;
		}
	}
	*w = '\0';
	return g_strstrip(s);
}

char *
mail_header_text(const char *raw)
{
	char *s = unfold(raw), *text = decode_words(s, strlen(s));

	g_free(s);
	return one_line(text);
}

/* A display name: syntax quotes removed and escapes undone, then decoded;
 * quotes around the whole name (some put them inside the encoded word)
 * dropped too. */
static char *
display_name(const char *s, size_t len, bool sjis)
{
	GString *plain = g_string_new(NULL);
	char *name;
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		n = char_len(s, i, len, sjis);
		if (n == 1 && s[i] == '\\' && i + 1 < len)
			i++;
		else if (n == 1 && s[i] == '"')
			continue;
		g_string_append_len(plain, s + i, (gssize)n);
	}
	name = one_line(decode_words(plain->str, plain->len));
	g_string_free(plain, TRUE);
	n = strlen(name);
	if (n >= 2 && (name[0] == '"' || name[0] == '\'') && name[n - 1] == name[0]) {
		memmove(name, name + 1, n - 2);
		name[n - 2] = '\0';
		g_strstrip(name);
	}
	return name;
}

/* The addr-spec lower-cased, or "" when it is not local@domain. */
static char *
addr_spec(const char *s, size_t len)
{
	char *a = g_strstrip(g_strndup(s, len)), *route, *at, *spec;

	/* An obsolete source route "@relay:local@domain". */
	if (a[0] == '@' && (route = strchr(a, ':')) != NULL)
		memmove(a, route + 1, strlen(route + 1) + 1);
	at = strrchr(a, '@');
	if (at == NULL || at == a || at[1] == '\0' || strpbrk(a, " \t<>()[],;:\\\"") != NULL ||
	    !g_utf8_validate(a, -1, NULL)) {
		g_free(a);
		return g_strdup("");
	}
	for (const char *p = a; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (u < 0x20 || (u >= 0x7f && u < 0xa0)) {
			g_free(a);
			return g_strdup("");
		}
	}
	spec = g_ascii_strdown(a, -1);
	g_free(a);
	return spec;
}

/* One item of an address list: "name <addr>", "addr (name)" or "addr". */
static void
add_address(const char *s, size_t len, bool sjis, GArray *out)
{
	struct mail_addr a = { NULL, NULL };
	size_t lt = len, gt, cstart = 0, clen = 0, n;
	GString *bare = g_string_new(NULL);
	bool quoted = false;
	int depth = 0;

	for (size_t i = 0; i < len && lt == len; i += n) {
		n = char_len(s, i, len, sjis);
		if (n == 1 && quoted) {
			if (s[i] == '\\' && i + 1 < len)
				n = 2;
			else if (s[i] == '"')
				quoted = false;
		} else if (n == 1 && depth > 0) {
			if (s[i] == '\\' && i + 1 < len)
				n = 2;
			else if (s[i] == '(')
				depth++;
			else if (s[i] == ')' && --depth == 0 && clen == 0)
				clen = i - cstart;
			continue;
		} else if (n == 1 && s[i] == '"') {
			quoted = true;
		} else if (n == 1 && s[i] == '(') {
			depth = 1;
			if (clen == 0)
				cstart = i + 1;
			continue;
		} else if (n == 1 && s[i] == '<') {
			lt = i;
			continue;
		}
		g_string_append_len(bare, s + i, (gssize)n);
	}
	if (lt < len) {
		const char *end = memchr(s + lt, '>', len - lt);

		gt = end != NULL ? (size_t)(end - s) : len;
		a.email = addr_spec(s + lt + 1, gt - lt - 1);
		a.name = display_name(s, lt, sjis);
	} else if (memchr(bare->str, '@', bare->len) != NULL) {
		a.email = addr_spec(bare->str, bare->len);
		a.name = display_name(s + cstart, clen, sjis);
	} else {
		a.email = g_strdup("");
		a.name = display_name(bare->str, bare->len, sjis);
	}
	g_string_free(bare, TRUE);
	if (a.email[0] == '\0' && a.name[0] == '\0') {
		g_free(a.email);
		g_free(a.name);
		return;
	}
	g_array_append_val(out, a);
}

void
mail_header_addrs(const char *raw, GArray *out)
{
	char *s = unfold(raw);
	size_t len = strlen(s), start = 0, n;
	bool sjis = sjis_likely(s), quoted = false, angle = false;
	int depth = 0;

	for (size_t i = 0; i <= len; i += n) {
		n = 1;
		if (i == len || (!quoted && depth == 0 && !angle && (s[i] == ',' || s[i] == ';'))) {
			add_address(s + start, i - start, sjis, out);
			start = i + 1;
			continue;
		}
		n = char_len(s, i, len, sjis);
		if (n == 2)
			continue;
		if (quoted) {
			if (s[i] == '\\' && i + 1 < len)
				n = 2;
			else if (s[i] == '"')
				quoted = false;
		} else if (depth > 0) {
			if (s[i] == '\\' && i + 1 < len)
				n = 2;
			else if (s[i] == '(')
				depth++;
			else if (s[i] == ')')
				depth--;
		} else if (s[i] == '"') {
			quoted = true;
		} else if (s[i] == '(') {
			depth = 1;
		} else if (s[i] == '<') {
			angle = true;
		} else if (s[i] == '>') {
			angle = false;
		} else if (s[i] == ':' && !angle) {
			start = i + 1;          /* "group name:" before its members */
		}
	}
	g_free(s);
}

/* A parameter value at s: a quoted string (escapes undone) or a token up to
 * the next ';'. Appends it to value; returns where it ends. */
static size_t
param_value(const char *s, size_t len, size_t i, bool sjis, GString *value)
{
	size_t n;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '"') {
		for (i++; i < len && s[i] != '"'; i += n) {
			n = char_len(s, i, len, sjis);
			if (n == 1 && s[i] == '\\' && i + 1 < len)
				i++;
			g_string_append_len(value, s + i, (gssize)n);
		}
		while (i < len && s[i] != ';')
			i++;
		return i;
	}
	while (i < len && s[i] != ';')
		g_string_append_c(value, s[i++]);
	while (value->len > 0 && (value->str[value->len - 1] == ' ' ||
	    value->str[value->len - 1] == '\t'))
		g_string_truncate(value, value->len - 1);
	return i;
}

/* RFC 2231 percent-encoding undone. */
static void
percent_decode(const char *s, size_t len, GString *out)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 &&
		    hex_value(s[i + 2]) >= 0) {
			g_string_append_c(out, (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
			i += 2;
		} else {
			g_string_append_c(out, s[i]);
		}
	}
}

/* The parameter's RFC 2231 section: -1 when attr is not name at all, 0 for
 * "name*" and "name*0", N for "name*N"; *ext says the value is
 * charset'lang'%XX-encoded. "name" itself is -2. */
static int
param_section(const char *attr, const char *name, bool *ext)
{
	size_t n = strlen(name), alen = strlen(attr);
	int section = 0;

	if (g_ascii_strncasecmp(attr, name, n) != 0)
		return -1;
	if (attr[n] == '\0')
		return -2;
	if (attr[n] != '*')
		return -1;
	*ext = attr[alen - 1] == '*';
	if (alen == n + 1)
		return 0;
	for (size_t i = n + 1; i < alen - (*ext ? 1 : 0); i++) {
		if (!g_ascii_isdigit(attr[i]) || section >= PIECES_MAX)
			return -1;
		section = section * 10 + (attr[i] - '0');
	}
	return section < PIECES_MAX ? section : -1;
}

char *
mail_header_param(const char *raw, const char *name)
{
	char *s = unfold(raw), *plain = NULL, *charset = NULL, *result = NULL;
	size_t len = strlen(s), i = 0;
	bool sjis = sjis_likely(s), quoted = false;
	GString *pieces[PIECES_MAX] = { NULL }, *value = g_string_new(NULL), *bytes;

	/* Past the value itself, to the first ';' outside quotes. */
	for (; i < len && (quoted || s[i] != ';'); i += char_len(s, i, len, sjis))
		if (s[i] == '"')
			quoted = !quoted;
	while (i < len) {
		size_t eq, start = ++i;
		bool ext = false;
		char *attr;
		int section;

		while (i < len && s[i] != '=' && s[i] != ';')
			i++;
		if (i >= len || s[i] == ';')
			continue;
		eq = i;
		attr = g_strstrip(g_strndup(s + start, eq - start));
		g_string_truncate(value, 0);
		i = param_value(s, len, eq + 1, sjis, value);
		section = param_section(attr, name, &ext);
		g_free(attr);
		if (section == -2 && plain == NULL) {
			plain = g_strndup(value->str, value->len);
		} else if (section >= 0 && pieces[section] == NULL) {
			const char *v = value->str, *q1, *q2;

			pieces[section] = g_string_new(NULL);
			if (ext && section == 0 && (q1 = strchr(v, '\'')) != NULL &&
			    (q2 = strchr(q1 + 1, '\'')) != NULL) {
				charset = g_strndup(v, (gsize)(q1 - v));
				v = q2 + 1;
			}
			if (ext)
				percent_decode(v, strlen(v), pieces[section]);
			else
				g_string_append(pieces[section], v);
		}
	}
	if (pieces[0] != NULL) {
		bytes = g_string_new(NULL);
		for (int k = 0; k < PIECES_MAX && pieces[k] != NULL; k++)
			g_string_append_len(bytes, pieces[k]->str, (gssize)pieces[k]->len);
		result = charset != NULL && charset[0] != '\0'
			? mail_charset_decode(charset, bytes->str, bytes->len)
			: decode_words(bytes->str, bytes->len);
		g_string_free(bytes, TRUE);
	} else if (plain != NULL) {
		result = decode_words(plain, strlen(plain));
	}
	for (int k = 0; k < PIECES_MAX; k++)
		if (pieces[k] != NULL)
			g_string_free(pieces[k], TRUE);
	g_string_free(value, TRUE);
	g_free(charset);
	g_free(plain);
	g_free(s);
	return result != NULL ? one_line(result) : NULL;
}

char *
mail_msgid_clean(const char *id)
{
	GString *s;

	if (id == NULL || !g_utf8_validate(id, -1, NULL))
		return NULL;
	s = g_string_new(NULL);
	for (const char *p = id; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (u > ' ' && (u < 0x7f || u >= 0xa0) && u != '<' && u != '>')
			g_string_append_unichar(s, u);
	}
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}
