/* Fuzz target: the notification templates and the mail built from them
 * (core/notify_render.c, core/notify_mime.c).
 *
 * The input is a template, then after a NUL byte (if any) a value that
 * every placeholder takes, as ticket data would give it. A refused
 * template must give MADO_EDATA naming "fuzz.txt:LINE:". An accepted one
 * must give a one-line subject without control characters and a body of
 * valid UTF-8 whose only controls are tab and newline. The mail built
 * from them, in Japanese and in English, must have CRLF lines and no
 * header but the ones the builder writes: nothing in a template or a
 * value can add one. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notify_mime.h"
#include "core/notify_render.h"

#define NAME "fuzz.txt"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

static bool
controls_only(const char *s, const char *allowed)
{
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if ((g_unichar_iscntrl(c) || c == 0x2028 || c == 0x2029) &&
		    (c > 0x7f || strchr(allowed, (int)c) == NULL))
			return false;
	}
	return true;
}

/* Every header line is a continuation or one of the builder's headers. */
static void
check_headers(const char *raw)
{
	static const char *const known[] = { "Date:", "From:", "Subject:", "To:", "Message-Id:",
		"In-Reply-To:", "References:", "Auto-Submitted:", "MIME-Version:", "Content-Type:",
		"Content-Transfer-Encoding:" };
	const char *p = raw;

	for (;;) {
		const char *nl = strstr(p, "\r\n");
		bool ok = false;

		CHECK(nl != NULL);
		if (nl == p)
			break;   /* the blank line ends the header */
		if (*p == ' ' || *p == '\t')
			ok = true;
		for (size_t i = 0; i < G_N_ELEMENTS(known) && !ok; i++)
			ok = strncmp(p, known[i], strlen(known[i])) == 0;
		if (!ok)
			fprintf(stderr, "unexpected header line: %.*s\n", (int)(nl - p), p);
		CHECK(ok);
		CHECK(memchr(p, '\n', (size_t)(nl - p)) == NULL && memchr(p, '\r', (size_t)(nl - p)) == NULL);
		p = nl + 2;
	}
	for (const char *q = raw; (q = strchr(q, '\n')) != NULL; q++)
		CHECK(q > raw && q[-1] == '\r');
}

static void
check_mail(const char *subject, const char *body, const char *lang)
{
	const char *refs[] = { "a@example.jp" };
	struct notify_mail m = {
		.from = "ヘルプデスク <desk@example.jp>", .to = "yamada@example.jp",
		.subject = subject, .body = body, .lang = lang, .message_id = "x.1@example.jp",
		.in_reply_to = "a@example.jp", .references = refs, .nreferences = 1,
		.auto_submitted = "auto-replied", .date = 1795320000,
	};
	struct mado_err e = { 0 };
	char *raw;
	size_t len;

	CHECK(notify_mime_build(&m, &raw, &len, &e) == MADO_OK);
	CHECK(strlen(raw) == len);
	check_headers(raw);
	g_free(raw);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	size_t tlen = strlen(text);
	char *value = tlen < size ? g_strndup((const char *)data + tlen + 1, size - tlen - 1)
		: g_strdup("印刷できない\r\nBcc: evil@example.com");
	const struct notify_value v[] = {
		{ "number", "INQ-2026-000123" }, { "subject", value }, { "body", value },
		{ "owner", "" },
	};
	struct mado_err e = { 0 };
	char *subject = NULL, *body = NULL;
	int st = notify_render_text(NAME, text, v, (int)G_N_ELEMENTS(v), &subject, &body, &e);

	if (st != MADO_OK) {
		CHECK(st == MADO_EDATA && e.status == MADO_EDATA);
		CHECK(strncmp(e.msg, NAME ":", strlen(NAME ":")) == 0);
	} else {
		CHECK(g_utf8_validate(subject, -1, NULL) && controls_only(subject, ""));
		CHECK(g_utf8_validate(body, -1, NULL) && controls_only(body, "\t\n"));
		CHECK(*body == '\0' || body[strlen(body) - 1] == '\n');
		check_mail(subject, body, "ja");
		check_mail(subject, body, "en");
	}
	g_free(subject);
	g_free(body);
	g_free(value);
	g_free(text);
	return 0;
}
