#include "mail_corpus.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static const char *const ja_subjects[] = {
	"プリンターで印刷できません",
	"パスワードの再設定をお願いします",
	"住民記録システムにログインできない",
	"ネットワークが遅い（３階東側）",
	"髙橋課長のメールボックス容量について",
	"①②③の文字が化けて表示される",
	"年度末の端末入替の件",
	"共有フォルダーへのアクセス権限申請",
};
static const char *const en_subjects[] = {
	"Cannot print from the 3rd floor printer",
	"VPN disconnects every hour",
	"Request: new account for a contractor",
	"Mailbox quota exceeded",
	"Re: scanner driver update",
};
static const char *const ja_lines[] = {
	"お疲れさまです。情報政策課の髙橋です。",
	"本日午前中から、複合機で印刷ができない状態が続いています。",
	"エラー表示は「①用紙切れ」となっていますが、用紙は補充済みです。",
	"お手数ですが、確認をお願いいたします。",
	"なお、端末は庁内LANに接続されており、他の業務システムは問題なく使えています。",
	"急ぎではありませんが、今週中に対応いただけると助かります。",
	"よろしくお願いいたします。",
};
static const char *const en_lines[] = {
	"Hello help desk,",
	"since this morning the printer on the third floor does not print anything.",
	"The panel says the paper tray is empty, but it is full.",
	"Other systems on the network work normally.",
	"Could you please have a look this week?",
	"Best regards,",
};

static void
body_text(GString *b, const char *const *lines, int nlines, int i, int repeat)
{
	for (int r = 0; r < repeat; r++)
		for (int k = 0; k < nlines; k++)
			g_string_append_printf(b, "%s\r\n", lines[(k + i + r) % nlines]);
}

/* RFC 2047 B-encoding of utf8 in charset (whole string, one word). */
static void
encoded_word(GString *out, const char *utf8, const char *charset)
{
	gsize len = 0;
	char *conv = g_convert_with_fallback(utf8, -1, charset, "UTF-8", "?", NULL, &len, NULL);
	char *b64 = g_base64_encode((const guchar *)(conv ? conv : utf8),
		conv ? len : strlen(utf8));

	g_string_append_printf(out, "=?%s?B?%s?=", charset, b64);
	g_free(b64);
	g_free(conv);
}

static void
base64_lines(GString *out, const void *data, gsize len)
{
	char *b64 = g_base64_encode(data, len);
	size_t n = strlen(b64);

	for (size_t k = 0; k < n; k += 76)
		g_string_append_printf(out, "%.*s\r\n", (int)(n - k < 76 ? n - k : 76), b64 + k);
	g_free(b64);
}

static void
quoted_printable(GString *out, const char *text)
{
	int col = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\r' && p[1] == '\n') {
			g_string_append(out, "\r\n");
			p++;
			col = 0;
			continue;
		}
		if (col >= 72) {
			g_string_append(out, "=\r\n");
			col = 0;
		}
		if (*p >= 33 && *p <= 126 && *p != '=') {
			g_string_append_c(out, (char)*p);
			col++;
		} else if (*p == ' ') {
			g_string_append_c(out, ' ');
			col++;
		} else {
			g_string_append_printf(out, "=%02X", *p);
			col += 3;
		}
	}
}

static void
headers(GString *m, int i, const char *subject_encoded)
{
	g_string_append_printf(m, "Return-Path: <user%d@city.example.jp>\r\n"
		"From: user%d@city.example.jp\r\nTo: desk@city.example.jp\r\n"
		"Subject: %s\r\nDate: Mon, 2 Nov 2026 %02d:%02d:00 +0900\r\n"
		"Message-ID: <bench-%d@city.example.jp>\r\nMIME-Version: 1.0\r\n",
		i % 50, i % 50, subject_encoded, 8 + i % 10, i % 60, i);
	/* a reply to the message before, which is not itself a reply */
	if (i % 7 == 6)
		g_string_append_printf(m, "In-Reply-To: <bench-%d@city.example.jp>\r\n"
			"References: <bench-%d@city.example.jp>\r\n", i - 1, i - 1);
}

void
mail_corpus_message(int i, GString *m)
{
	const char *ja = ja_subjects[i % G_N_ELEMENTS(ja_subjects)];
	const char *en = en_subjects[i % G_N_ELEMENTS(en_subjects)];
	GString *subj = g_string_new(NULL), *body = g_string_new(NULL);
	gsize len = 0;
	char *conv;

	g_string_truncate(m, 0);
	switch (i % 10) {
	case 0: case 1: case 2:   /* ISO-2022-JP, 7bit */
		encoded_word(subj, ja, "ISO-2022-JP");
		headers(m, i, subj->str);
		body_text(body, ja_lines, G_N_ELEMENTS(ja_lines), i, 1 + i % 3);
		/* ① and 髙 are not in JIS X 0208: '?' as a strict encoder writes */
		conv = g_convert_with_fallback(body->str, -1, "ISO-2022-JP", "UTF-8", "?", NULL,
			&len, NULL);
		g_string_append(m, "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
			"Content-Transfer-Encoding: 7bit\r\n\r\n");
		g_string_append_len(m, conv, (gssize)len);
		g_free(conv);
		break;
	case 3:                   /* Shift_JIS label, CP932 bytes (① 髙), 8bit */
		encoded_word(subj, ja, "Shift_JIS");
		headers(m, i, subj->str);
		body_text(body, ja_lines, G_N_ELEMENTS(ja_lines), i, 2);
		conv = g_convert(body->str, -1, "CP932", "UTF-8", NULL, &len, NULL);
		g_string_append(m, "Content-Type: text/plain; charset=Shift_JIS\r\n"
			"Content-Transfer-Encoding: 8bit\r\n\r\n");
		g_string_append_len(m, conv, (gssize)len);
		g_free(conv);
		break;
	case 4: case 5:           /* UTF-8, quoted-printable */
		encoded_word(subj, ja, "UTF-8");
		headers(m, i, subj->str);
		body_text(body, ja_lines, G_N_ELEMENTS(ja_lines), i, 2);
		g_string_append(m, "Content-Type: text/plain; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		quoted_printable(m, body->str);
		break;
	case 6:                   /* English, us-ascii */
		headers(m, i, en);
		body_text(body, en_lines, G_N_ELEMENTS(en_lines), i, 1 + i % 4);
		g_string_append(m, "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
		g_string_append(m, body->str);
		break;
	case 7:                   /* HTML only, UTF-8 base64 */
		encoded_word(subj, ja, "UTF-8");
		headers(m, i, subj->str);
		g_string_append(body, "<html><head><style>p{margin:0}</style></head><body>");
		for (size_t k = 0; k < G_N_ELEMENTS(ja_lines); k++)
			g_string_append_printf(body, "<p>%s</p>", ja_lines[(k + (size_t)i) %
				G_N_ELEMENTS(ja_lines)]);
		g_string_append(body, "<table><tr><td>端末番号</td><td>PC-0312</td></tr></table>"
			"</body></html>\r\n");
		g_string_append(m, "Content-Type: text/html; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n");
		base64_lines(m, body->str, body->len);
		break;
	case 8:                   /* multipart/alternative, English text + HTML */
		headers(m, i, en);
		body_text(body, en_lines, G_N_ELEMENTS(en_lines), i, 2);
		g_string_append_printf(m, "Content-Type: multipart/alternative; boundary=\"b%d\"\r\n"
			"\r\n--b%d\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n%s\r\n"
			"--b%d\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n"
			"<html><body><pre>%s</pre></body></html>\r\n--b%d--\r\n",
			i, i, body->str, i, body->str, i);
		break;
	default: {                /* multipart/mixed: ISO-2022-JP text + attachment */
		guchar data[12 * 1024];

		for (size_t k = 0; k < sizeof data; k++)
			data[k] = (guchar)((k * 31 + (size_t)i * 7) & 0xff);
		encoded_word(subj, ja, "ISO-2022-JP");
		headers(m, i, subj->str);
		body_text(body, ja_lines, G_N_ELEMENTS(ja_lines), i, 1);
		/* ① and 髙 are not in JIS X 0208: '?' as a strict encoder writes */
		conv = g_convert_with_fallback(body->str, -1, "ISO-2022-JP", "UTF-8", "?", NULL,
			&len, NULL);
		g_string_append_printf(m, "Content-Type: multipart/mixed; boundary=\"m%d\"\r\n\r\n"
			"--m%d\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n", i, i);
		g_string_append_len(m, conv, (gssize)len);
		g_string_append_printf(m, "\r\n--m%d\r\nContent-Type: application/octet-stream\r\n"
			"Content-Disposition: attachment;"
			" filename*=UTF-8''%%E7%%94%%BB%%E9%%9D%%A2%d.png\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n", i, i);
		base64_lines(m, data, sizeof data);
		g_string_append_printf(m, "--m%d--\r\n", i);
		g_free(conv);
		break;
	}
	}
	g_string_free(subj, TRUE);
	g_string_free(body, TRUE);
}

size_t
mail_corpus_maildir(const char *dir, int n)
{
	GString *m = g_string_new(NULL);
	size_t total = 0;

	for (const char *sub = "new"; sub != NULL; sub = strcmp(sub, "new") == 0 ? "cur"
	    : strcmp(sub, "cur") == 0 ? "tmp" : NULL) {
		char *p = g_build_filename(dir, sub, NULL);

		g_mkdir_with_parents(p, 0700);
		g_free(p);
	}
	for (int i = 0; i < n; i++) {
		char name[64], *path;

		mail_corpus_message(i, m);
		snprintf(name, sizeof name, "%010d.bench%d.host", 1793545200 + i, i);
		path = g_build_filename(dir, "new", name, NULL);
		g_file_set_contents(path, m->str, (gssize)m->len, NULL);
		g_free(path);
		total += m->len;
	}
	g_string_free(m, TRUE);
	return total;
}
