/* Fuzz target: the mail parser (core/mail_parse.c and the charset, header,
 * part and HTML modules behind it).
 *
 * The input is a raw message. mail_parse() must take anything but empty
 * input, and what it gives must keep mail.h's promises:
 *  - every string is valid UTF-8; the subject, names and addresses are one
 *    line (no control characters); Message-IDs have no blanks, control
 *    characters or angle brackets; addresses are lower case;
 *  - the body has no control characters but LF and tab;
 *  - each attachment has a MIME type "type/subtype" in lower case and a
 *    file name that is non-empty, at most 200 bytes, without '/', '\\',
 *    control characters or a leading dot, and data when its size is not 0.
 * The same bytes also go through the parts on their own: decoded in every
 * charset family (valid UTF-8 without U+0000), as a header value (one
 * line), as an address list, and, made valid UTF-8, as HTML (at most one
 * blank line in a row, no control characters but LF and tab). */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mail.h"
#include "core/mail_charset.h"
#include "core/mail_header.h"
#include "core/mail_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

/* Valid UTF-8 with no control character except those in `allowed`. */
static bool
clean(const char *s, const char *allowed)
{
	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if ((u < 0x20 || (u >= 0x7f && u < 0xa0)) && (u == 0 || strchr(allowed, (int)u) == NULL))
			return false;
	}
	return true;
}

static void
check_id(const char *id)
{
	if (id == NULL)
		return;
	CHECK(id[0] != '\0' && clean(id, ""));
	CHECK(strpbrk(id, " <>") == NULL);
}

static void
check_addr(const struct mail_addr *a)
{
	CHECK(clean(a->name, ""));
	CHECK(clean(a->email, ""));
	CHECK(strpbrk(a->email, " ") == NULL);
	for (const char *p = a->email; *p != '\0'; p++)
		CHECK(!g_ascii_isupper(*p));
}

static void
check_part(const struct mail_part *p)
{
	CHECK(clean(p->filename, ""));
	CHECK(p->filename[0] != '\0' && p->filename[0] != '.');
	CHECK(strlen(p->filename) <= 200);
	CHECK(strpbrk(p->filename, "/\\") == NULL);
	CHECK(clean(p->mime, ""));
	CHECK(strchr(p->mime, '/') != NULL);
	for (const char *c = p->mime; *c != '\0'; c++)
		CHECK(!g_ascii_isupper(*c));
	CHECK(p->size == 0 || p->data != NULL);
}

static void
check_message(const char *raw, size_t size)
{
	struct mail_msg m;
	struct mado_err e = { 0 };
	int st = mail_parse(raw, size, &m, &e);

	if (size == 0) {
		CHECK(st == MADO_EDATA);
		mail_msg_clear(&m);
		return;
	}
	CHECK(st == MADO_OK);
	check_id(m.message_id);
	check_id(m.in_reply_to);
	CHECK(m.nreferences >= 0 && (m.nreferences == 0 || m.references != NULL));
	for (int i = 0; i < m.nreferences; i++) {
		CHECK(m.references[i] != NULL);
		check_id(m.references[i]);
	}
	check_addr(&m.from);
	for (int i = 0; i < m.nto; i++)
		check_addr(&m.to[i]);
	for (int i = 0; i < m.ncc; i++)
		check_addr(&m.cc[i]);
	CHECK(clean(m.subject, ""));
	CHECK(clean(m.body, "\n\t"));
	for (int i = 0; i < m.nparts; i++)
		check_part(&m.parts[i]);
	check_id(m.bounce_of);
	CHECK(m.bounce || m.bounce_of == NULL);
	mail_msg_clear(&m);
}

static void
check_pieces(const char *raw, size_t size)
{
	static const char *const labels[] = {
		NULL, "iso-2022-jp", "shift_jis", "euc-jp", "utf-8", "us-ascii", "iso-8859-1",
		"gb2312", "utf-7", "x-unknown",
	};
	char *text = g_strndup(raw, size), *s, *valid;
	GArray *addrs = g_array_new(FALSE, FALSE, sizeof(struct mail_addr));

	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
		s = mail_charset_decode(labels[i], raw, size);
		CHECK(g_utf8_validate(s, -1, NULL));
		g_free(s);
	}
	s = mail_header_text(text);
	CHECK(clean(s, ""));
	g_free(s);
	mail_header_addrs(text, addrs);
	for (guint i = 0; i < addrs->len; i++) {
		struct mail_addr *a = &g_array_index(addrs, struct mail_addr, i);

		check_addr(a);
		g_free(a->name);
		g_free(a->email);
	}
	g_array_free(addrs, TRUE);
	s = mail_header_param(text, "filename");
	CHECK(s == NULL || clean(s, ""));
	g_free(s);
	valid = g_utf8_make_valid(text, -1);
	s = mail_html_to_text(valid, strlen(valid));
	CHECK(clean(s, "\n\t"));
	CHECK(strstr(s, "\n\n\n") == NULL);
	g_free(s);
	g_free(valid);
	g_free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_message((const char *)data, size);
	check_pieces((const char *)data, size);
	return 0;
}
