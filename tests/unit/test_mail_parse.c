/* mail_parse() on the realistic messages in tests/data/mail (every field
 * checked exactly), and its parts on their own: charset decoding and
 * detection, header words and address lists, RFC 2231 parameters, HTML as
 * text and file-name sanitising. */
#include "tests/tap.h"

#include <glib.h>

#include "core/mail.h"
#include "core/mail_charset.h"
#include "core/mail_header.h"
#include "core/mail_html.h"
#include "core/mail_parts.h"

int main(void);

/* Parses tests/data/mail/name (under $MADO_TESTDATA) into m. */
static int
load(const char *name, struct mail_msg *m)
{
	const char *dir = getenv("MADO_TESTDATA");
	char *path = g_build_filename(dir != NULL ? dir : "tests/data", "mail", name, NULL);
	struct mado_err e = { 0 };
	gchar *raw = NULL;
	gsize len = 0;
	int st;

	memset(m, 0, sizeof *m);
	if (!g_file_get_contents(path, &raw, &len, NULL)) {
		ok(0, "%s: read", path);
		g_free(path);
		return -1;
	}
	st = mail_parse(raw, len, m, &e);
	if (!ok(st == MADO_OK, "%s: parsed", name))
		printf("#   %s\n", e.msg);
	g_free(raw);
	g_free(path);
	return st == MADO_OK ? 0 : -1;
}

#define is_null(got, ...) do { \
	const char *g_ = (got); \
	if (!ok(g_ == NULL, __VA_ARGS__)) \
		printf("#   got [%s], want NULL\n", g_); \
} while (0)

static void
is_addr(const struct mail_addr *a, const char *name, const char *email, const char *what)
{
	is_str(a->name, name, "%s: name", what);
	is_str(a->email, email, "%s: address", what);
}

static void
is_flags(const struct mail_msg *m, bool auto_submitted, bool bulk, bool bounce,
	const char *what)
{
	is_int(m->auto_submitted, auto_submitted, "%s: auto-submitted", what);
	is_int(m->bulk, bulk, "%s: bulk", what);
	is_int(m->bounce, bounce, "%s: bounce", what);
}

static void
test_iso2022jp(void)
{
	struct mail_msg m;

	if (load("iso2022jp-inquiry.eml", &m) != 0)
		return;
	is_str(m.message_id, "20260415093012.A1B2C3@city.example.lg.jp", "jis: Message-ID");
	is_null(m.in_reply_to, "jis: no In-Reply-To");
	is_int(m.nreferences, 0, "jis: no References");
	is_addr(&m.from, "情報政策課 山田太郎", "yamada.taro@city.example.lg.jp", "jis: From");
	is_int(m.nto, 1, "jis: one To");
	is_addr(&m.to[0], "ヘルプデスク", "helpdesk@city.example.lg.jp", "jis: To");
	is_int(m.ncc, 2, "jis: two Cc");
	is_addr(&m.cc[0], "", "suzuki-hanako@city.example.lg.jp", "jis: Cc 1");
	is_addr(&m.cc[1], "佐藤 次郎", "sato.jiro@city.example.lg.jp", "jis: Cc 2");
	is_str(m.subject, "【至急】財務会計システムにログインできません",
		"jis: two encoded words, folded, one line");
	is_int(m.date, 1776213012, "jis: Date as epoch");
	/* JIS 0x2141 is read as CP932 reads it (U+FF5E), as Windows typed it. */
	is_str(m.body,
		"ヘルプデスク ご担当者様\n\n情報政策課の山田です。\n"
		"本日朝から財務会計システムにログインできません。\n"
		"「パスワードが違います」と表示されます。\n端末番号：PC-2026-0412\n"
		"利用時間帯：9:00～17:00\n\nよろしくお願いいたします。\n--\n"
		"情報政策課 山田太郎\n内線 1234", "jis: body");
	is_int(m.nparts, 0, "jis: no attachments");
	is_flags(&m, false, false, false, "jis");
	is_null(m.bounce_of, "jis: no bounce_of");
	mail_msg_clear(&m);
}

static void
test_cp932(void)
{
	struct mail_msg m;

	if (load("cp932-vendor-chars.eml", &m) != 0)
		return;
	is_str(m.message_id, "000a01dc1234$5678abcd$@kikaku.city.example.lg.jp",
		"cp932: Message-ID (CRLF message)");
	is_addr(&m.from, "企画課 髙橋一郎", "takahashi-ichiro@kikaku.city.example.lg.jp",
		"cp932: From, 髙 in a Shift_JIS word");
	is_str(m.subject, "①会議室予約システムの不具合（㈱ミライ製）", "cp932: subject");
	is_int(m.date, 1776315900, "cp932: date");
	is_str(m.body,
		"ヘルプデスク御中\n\n企画課の髙橋です。\n下記の件、ご確認をお願いします。\n\n"
		"① 会議室予約システムで予約が重複する\n② 第Ⅰ会議室が選択できない\n"
		"③ 保守業者：㈱ミライシステム（担当 﨑山様）\n\n以上",
		"cp932: body with ① ② ③ Ⅰ ㈱ 髙 﨑, CRLF as LF");
	mail_msg_clear(&m);
}

static void
test_eucjp(void)
{
	struct mail_msg m;

	if (load("eucjp-request.eml", &m) != 0)
		return;
	is_addr(&m.from, "税務課 鈴木花子", "suzuki.hanako@zeimu.city.example.lg.jp", "euc: From");
	is_str(m.subject, "プリンタ増設の依頼", "euc: subject");
	is_str(m.body,
		"税務課の鈴木です。\n繁忙期に向けて、プリンタを1台増設していただけますか。\n"
		"設置場所：本庁舎3階 税務課窓口\n希望日：2026年5月1日", "euc: body");
	is_int(m.date, 1776388365, "euc: date");
	mail_msg_clear(&m);
}

static void
test_utf8_qp(void)
{
	struct mail_msg m;

	if (load("utf8-qp-inquiry.eml", &m) != 0)
		return;
	is_str(m.message_id, "CAF7x9Qp=example@mail.gmail.com", "qp: Message-ID");
	is_addr(&m.from, "子育て支援課 田中 一郎", "tanaka-ichiro@kosodate.city.example.lg.jp",
		"qp: From with a raw UTF-8 quoted name");
	is_str(m.subject, "メールが届きません", "qp: a character split between two words");
	is_str(m.body,
		"ヘルプデスク 様\n\n子育て支援課の田中です。昨日の夕方から、外部（保育園）からの"
		"メールが届きません。送信元のアドレスは hoikuen@example.ne.jp です。\n"
		"受信設定で a=b のような条件は入れていません。\n\n田中",
		"qp: body, soft line breaks joined");
	mail_msg_clear(&m);
}

static void
test_no_label(void)
{
	struct mail_msg m;

	if (load("nolabel-sjis.eml", &m) != 0)
		return;
	is_addr(&m.from, "総務課 表 能子", "omote-yoshiko@soumu.city.example.lg.jp",
		"no label: raw Shift_JIS name whose 表 and 能 end in a backslash byte");
	is_str(m.subject, "表計算ソフトが起動しない", "no label: raw Shift_JIS subject");
	is_str(m.body, "総務課の表です。\n表計算ソフトが起動しません。\n"
		"能率化のため早めの対応をお願いします。", "no label: Shift_JIS body detected");
	mail_msg_clear(&m);
}

static void
test_wrong_labels(void)
{
	struct mail_msg m;

	if (load("wronglabel-iso2022jp-sjis.eml", &m) == 0) {
		is_addr(&m.from, "防災危機管理課", "bousai@city.example.lg.jp",
			"iso-2022-jp over Shift_JIS: name");
		is_str(m.subject, "防災メール配信テストのお知らせ",
			"iso-2022-jp over Shift_JIS: subject");
		is_str(m.body, "防災危機管理課です。\n防災メールの配信テストを行います。\n"
			"対象：全職員（約1,200名）", "iso-2022-jp over Shift_JIS: body");
		mail_msg_clear(&m);
	}
	if (load("wronglabel-usascii-eucjp.eml", &m) == 0) {
		is_addr(&m.from, "Kobayashi", "kobayashi@suido.city.example.lg.jp",
			"us-ascii over EUC-JP: From");
		is_str(m.subject, "充電器の交換", "us-ascii over EUC-JP: subject");
		is_str(m.body, "水道局の小林です。\n検針端末の充電器が故障しました。\n"
			"交換をお願いします。", "us-ascii over EUC-JP: body");
		mail_msg_clear(&m);
	}
}

static void
test_jis_variants(void)
{
	struct mail_msg m;

	if (load("iso2022jp-variants.eml", &m) != 0)
		return;
	is_addr(&m.from, "髙林", "hayashi@shisetsu.city.example.lg.jp",
		"variants: 髙 from the NEC-selected IBM row");
	is_str(m.subject, "ｷｽﾂｳの件", "variants: ESC ( I katakana in a word");
	is_str(m.body, "部品番号の件です。\n① 型番：ｱｲｳｴｵ-01\n髙橋 / 丂\nｶｺ OK",
		"variants: row 13, ESC ( I, row 92, JIS X 0212, SO/SI");
	mail_msg_clear(&m);
}

static void
test_html(void)
{
	struct mail_msg m;

	if (load("html-only-notice.eml", &m) == 0) {
		is_addr(&m.from, "人事課", "jinji@city.example.lg.jp", "html: From");
		is_addr(&m.to[0], "", "all-staff@city.example.lg.jp", "html: To");
		is_str(m.subject, "人事給与システム停止のお知らせ", "html: subject");
		is_str(m.body,
			"システム停止のお知らせ\n\n各位\n下記の日程で 人事給与システムを停止します。\n\n"
			"・日時：5月3日 9:00 から 17:00\n・対象：人事給与システム & 庶務事務システム\n\n"
			"項目 | 内容\n連絡先 | 内線 2345\n\n"
			"詳細はポータル <https://portal.city.example.lg.jp/notice/123>をご覧ください。\n\n"
			"人事課", "html: body as text");
		is_int(m.nparts, 0, "html: the HTML is the body, not an attachment");
		mail_msg_clear(&m);
	}
	if (load("alternative-plain-html.eml", &m) == 0) {
		is_addr(&m.from, "環境課 伊藤", "ito@kankyo.city.example.lg.jp", "alternative: From");
		is_str(m.subject, "共有フォルダの容量について", "alternative: subject");
		is_str(m.body, "共有フォルダが容量不足です。\n整理の方法を教えてください。",
			"alternative: text/plain preferred");
		is_int(m.nparts, 0, "alternative: the HTML alternative is no attachment");
		mail_msg_clear(&m);
	}
}

static void
test_attachments(void)
{
	static const unsigned char png_head[] = { 0x89, 'P', 'N', 'G' };
	struct mail_msg m;

	if (load("attachments-rfc2231.eml", &m) != 0)
		return;
	is_addr(&m.from, "株式会社ミライシステム 営業部 中村", "eigyo@mirai-system.example.co.jp",
		"attachments: From");
	is_str(m.subject, "お見積書送付の件", "attachments: subject");
	is_str(m.body, "情報政策課 ヘルプデスク 御中\n\nお見積書と機器一覧を添付いたします。\n"
		"ご査収のほどよろしくお願いいたします。", "attachments: body");
	if (!ok(m.nparts == 4, "attachments: four")) {
		mail_msg_clear(&m);
		return;
	}
	is_str(m.parts[0].filename, "【御見積書】ネットワーク機器更新_2026年度.pdf",
		"attachments: RFC 2231 continuations in UTF-8");
	is_str(m.parts[0].mime, "application/pdf", "attachments: pdf type");
	is_int(m.parts[0].size, 37, "attachments: pdf decoded from base64");
	ok(m.parts[0].size == 37 && memcmp(m.parts[0].data, "%PDF-1.4\n", 9) == 0,
		"attachments: pdf content");
	is_str(m.parts[1].filename, "機器一覧.xlsx", "attachments: RFC 2047 ISO-2022-JP name");
	is_str(m.parts[1].mime, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"attachments: type lower-cased");
	is_str(m.parts[2].filename, "passwd", "attachments: ../../etc/passwd has no directory");
	is_str(m.parts[2].mime, "text/plain", "attachments: a text/plain attachment");
	ok(m.parts[2].size == 32 && memcmp(m.parts[2].data, "root:x:0:0:", 11) == 0,
		"attachments: text attachment kept as is, not made body");
	is_str(m.parts[3].filename, "attachment-4", "attachments: no name becomes attachment-N");
	is_str(m.parts[3].mime, "image/png", "attachments: png");
	ok(m.parts[3].size == 70 && memcmp(m.parts[3].data, png_head, 4) == 0,
		"attachments: png content");
	mail_msg_clear(&m);
}

static void
test_forward(void)
{
	struct mail_msg m;
	char *kept;

	if (load("forward-suspicious-rfc822.eml", &m) != 0)
		return;
	is_addr(&m.from, "会計課 藤田", "fujita@kaikei.city.example.lg.jp", "forward: From");
	is_str(m.subject, "不審なメールの転送", "forward: subject");
	is_str(m.body, "不審なメールが届きました。\nリンクは開いていません。転送します。",
		"forward: body");
	is_flags(&m, false, false, false, "forward: a forwarded message is no bounce");
	is_null(m.bounce_of, "forward: no bounce_of");
	if (ok(m.nparts == 1, "forward: one attachment")) {
		is_str(m.parts[0].filename, "【重要】アカウントの確認.eml",
			"forward: RFC 2047 name of the forwarded message");
		is_str(m.parts[0].mime, "message/rfc822", "forward: kept as a message");
		kept = g_strndup((const char *)m.parts[0].data, m.parts[0].size);
		ok(strstr(kept, "Message-ID: <phish.77120@acount-verify.example.com>") != NULL &&
			strstr(kept, "href=\"http://acount-verify.example.com/login\"") != NULL,
			"forward: the whole message is kept");
		g_free(kept);
	}
	mail_msg_clear(&m);
}

static void
test_bounces(void)
{
	struct mail_msg m;

	if (load("bounce-undelivered.eml", &m) == 0) {
		is_addr(&m.from, "Mail Delivery System", "mailer-daemon@mx.city.example.lg.jp",
			"bounce: From");
		is_str(m.subject, "Undelivered Mail Returned to Sender", "bounce: subject");
		is_flags(&m, true, false, true, "bounce");
		is_str(m.bounce_of, "inq-2026-000123.20260424101500.1@helpdesk.city.example.lg.jp",
			"bounce: the returned message/rfc822's Message-ID");
		ok(g_str_has_prefix(m.body, "This is the mail system at host mx.city.example.lg.jp.\n\n"),
			"bounce: the notification is the body");
		ok(g_str_has_suffix(m.body, "rejected: User unknown"), "bounce: body ends");
		is_int(m.nparts, 2, "bounce: report and returned message attached");
		if (m.nparts == 2) {
			is_str(m.parts[0].mime, "message/delivery-status", "bounce: status part");
			is_str(m.parts[1].mime, "message/rfc822", "bounce: returned message");
			is_str(m.parts[1].filename, "attachment-2", "bounce: returned message name");
		}
		mail_msg_clear(&m);
	}
	if (load("bounce-rfc822-headers.eml", &m) == 0) {
		is_addr(&m.from, "", "postmaster@gyousha.example.jp", "rfc822-headers: From");
		is_flags(&m, false, false, true, "rfc822-headers");
		is_str(m.bounce_of, "inc-2026-000045.20260424102000.2@helpdesk.city.example.lg.jp",
			"rfc822-headers: Message-ID from text/rfc822-headers");
		is_str(m.body, "Delivery to the following recipients failed.\n\n"
			"       kimura@gyousha.example.jp", "rfc822-headers: body");
		mail_msg_clear(&m);
	}
	if (load("bounce-plain-qmail.eml", &m) == 0) {
		is_addr(&m.from, "", "mailer-daemon@mail.old-isp.example.ne.jp", "qmail: From");
		is_flags(&m, false, false, true, "qmail: a bounce by its sender");
		is_str(m.bounce_of, "req-2026-000077.20260424110200.1@helpdesk.city.example.lg.jp",
			"qmail: Message-Id quoted in the text");
		mail_msg_clear(&m);
	}
}

static void
test_autoreply_list_reply(void)
{
	struct mail_msg m;

	if (load("autoreply-vacation.eml", &m) == 0) {
		is_addr(&m.from, "教育総務課 加藤", "kato@kyouiku.city.example.lg.jp", "autoreply: From");
		is_str(m.subject, "自動応答：不在のお知らせ（4月27日まで）", "autoreply: subject");
		is_str(m.in_reply_to, "inq-2026-000130.20260424101000.1@helpdesk.city.example.lg.jp",
			"autoreply: In-Reply-To");
		is_flags(&m, true, false, false, "autoreply");
		is_str(m.body, "4月27日まで不在にしております。\n"
			"急ぎの用件は教育総務課（内線 3456）までご連絡ください。", "autoreply: body");
		mail_msg_clear(&m);
	}
	if (load("autoreply-x-autoreply.eml", &m) == 0) {
		is_str(m.subject, "Re: [INQ-2026-000130] 不在です", "x-autoreply: subject");
		is_flags(&m, true, false, false, "x-autoreply: X-Autoreply alone");
		mail_msg_clear(&m);
	}
	if (load("list-bulk-newsletter.eml", &m) == 0) {
		is_addr(&m.from, "庁内ポータル", "portal-news@city.example.lg.jp", "list: From");
		is_str(m.subject, "【庁内報】4月号", "list: subject");
		is_flags(&m, false, true, false, "list");
		is_str(m.body, "庁内報 4月号をお届けします。\n・新任職員研修のお知らせ\n"
			"・ノー残業デーの徹底について", "list: 8-bit UTF-8 body");
		mail_msg_clear(&m);
	}
	if (load("reply-with-references.eml", &m) == 0) {
		is_str(m.message_id, "20260427134520.D4E5F6@city.example.lg.jp", "reply: Message-ID");
		is_str(m.in_reply_to, "inq-2026-000123.20260415094000.1@helpdesk.city.example.lg.jp",
			"reply: In-Reply-To");
		if (ok(m.nreferences == 3, "reply: three References")) {
			is_str(m.references[0], "20260415093012.A1B2C3@city.example.lg.jp",
				"reply: oldest reference first");
			is_str(m.references[1],
				"inq-2026-000123.20260415093100.0@helpdesk.city.example.lg.jp",
				"reply: second reference");
			is_str(m.references[2],
				"inq-2026-000123.20260415094000.1@helpdesk.city.example.lg.jp",
				"reply: folded with a tab");
		}
		is_str(m.subject, "Re: [INQ-2026-000123] 財務会計システムにログインできません",
			"reply: plain text then an encoded word");
		is_str(m.body, "ご対応ありがとうございました。\nパスワード再設定後、ログインできました。\n\n"
			"> 仮パスワードを発行しました。\n> ご確認ください。", "reply: body");
		is_flags(&m, false, false, false, "reply");
		mail_msg_clear(&m);
	}
}

static void
test_alerts(void)
{
	struct mail_msg m;

	if (load("alert-problem-web01.eml", &m) == 0) {
		is_addr(&m.from, "Zabbix", "zabbix@monitor.city.example.lg.jp", "problem: From");
		is_str(m.subject, "[PROBLEM] web01 HTTP check CRITICAL", "problem: subject");
		is_int(m.date, 1776260467, "problem: 22:41 JST");
		is_str(m.body, "Host: web01\nCheck: HTTP\nStatus: CRITICAL\n"
			"Time: Wed, 15 Apr 2026 22:41:07 +0900\n"
			"Details: HTTP CRITICAL - Socket timeout after 10 seconds\n\n"
			"監視サーバ monitor01 からの自動通知です。", "problem: body");
		is_flags(&m, false, false, false, "problem");
		mail_msg_clear(&m);
	}
	if (load("alert-recovery-web01.eml", &m) == 0) {
		is_str(m.subject, "[RECOVERY] web01 HTTP check OK", "recovery: subject");
		is_str(m.message_id, "zabbix.recovery.web01.http.1713188467@monitor.city.example.lg.jp",
			"recovery: Message-ID");
		is_int(m.date, 1776261517, "recovery: date");
		mail_msg_clear(&m);
	}
}

/* Decodes a byte literal; compares with want. */
#define DECODE(label, lit, want, ...) do { \
	char *d_ = mail_charset_decode(label, lit, sizeof lit - 1); \
	is_str(d_, want, __VA_ARGS__); \
	g_free(d_); \
} while (0)

static void
test_charsets(void)
{
	unsigned char junk[256];
	char *d;

	DECODE("iso-2022-jp", "\x1b$B$3$s$K$A$O\x1b(B", "こんにちは", "jis: plain");
	DECODE("ISO-2022-JP", "\x1b$B-!-\"\x1b(B", "①②", "jis: NEC row 13");
	DECODE("iso-2022-jp-2", "\x1b$(D0!\x1b(B", "丂", "jis-2: JIS X 0212");
	DECODE("iso-2022-jp", "\x1b(I1\x1b(B", "ｱ", "jis: ESC ( I katakana");
	DECODE("iso-2022-jp", "\x0e\x31\x0f", "ｱ", "jis: SO/SI katakana");
	DECODE("iso-2022-jp", "\x1b$B$3$s\x1b(B \xb1", "こん ｱ", "jis: 8-bit katakana");
	DECODE("iso-2022-jp", "\x1b$B$3\x1b(B", "こ", "jis: ends in ASCII");
	DECODE("iso-2022-jp", "\x1b$B$3$", "こ\xef\xbf\xbd", "jis: a cut character is U+FFFD");
	DECODE("iso-2022-jp-3", "\x1b$(Q$3\x1b(B", "こ", "jis-3: JIS X 0213 plane 1");
	DECODE("shift_jis", "\x87\x40\x87\x54\x87\x8a\xfb\xfc\xfa\xb1", "①Ⅰ㈱髙﨑",
		"Shift_JIS label read as CP932");
	DECODE("euc-jp", "\xad\xa1\x8f\xf4\xfb", "①髙", "EUC-JP label read as eucJP-ms");
	DECODE("utf-8", "\xe9\xab\x99", "髙", "UTF-8");
	DECODE(NULL, "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd", "こんにちは",
		"no label: CP932 detected");
	DECODE(NULL, "\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf", "こんにちは",
		"no label: EUC-JP detected");
	DECODE("x-unknown", "\xe3\x81\x93\xe3\x82\x93", "こん", "unknown label: UTF-8");
	DECODE("us-ascii", "\x82\xb1\x82\xf1", "こん", "us-ascii over CP932");
	DECODE("iso-8859-1", "\xe3\x81\x93\xe3\x82\x93", "こん", "Latin-1 over UTF-8");
	DECODE("iso-8859-1", "caf\xe9", "café", "Latin-1 that is Latin-1");
	DECODE("iso-8859-1", "\x95\x5c\x8c\x76\x8e\x5a", "表計算", "Latin-1 over CP932 (C1 bytes)");
	DECODE("shift_jis", "\xa4\xb3\xa4\xf3\xa4\xcb\xa4\xc1\xa4\xcf", "こんにちは",
		"Shift_JIS label over EUC-JP");
	DECODE("euc-jp", "\x82\xb1\x82\xf1\x82\xc9\x82\xbf", "こんにち", "EUC-JP label over CP932");
	DECODE("shift_jis", "\xbc\xbd\xc3\xd1 OK", "ｼｽﾃﾑ OK",
		"Shift_JIS half-width katakana stays, though it is clean EUC-JP too");
	DECODE(NULL, "\xb2\xf1\xb5\xc4\xbc\xbc", "会議室", "no label: EUC-JP kanji only");
	DECODE("utf-8", "\x82\xb1\x82\xf1\x82\xc9\x82\xbf", "こんにち", "UTF-8 label over CP932");
	DECODE("utf-8", "a\0b", "ab", "U+0000 left out");
	DECODE("x-no-such-charset", "abc", "abc", "unknown label, ASCII");
	DECODE("utf-16", "abc", "abc", "7-bit text in an ASCII-incompatible label stays ASCII");
	DECODE("utf-7", "+MFMwkw-", "こん", "UTF-7");
	DECODE("iso-2022-jp", "\xe3\x81\x93\xe3\x82\x93", "こん", "iso-2022-jp over UTF-8");
	DECODE("utf-8", "", "", "empty");
	for (int i = 0; i < 256; i++)
		junk[i] = (unsigned char)(i * 7 + 3);
	d = mail_charset_decode("utf-8", (const char *)junk, sizeof junk);
	ok(g_utf8_validate(d, -1, NULL), "junk bytes still give valid UTF-8");
	g_free(d);
	d = mail_charset_decode("iso-2022-jp", (const char *)junk, sizeof junk);
	ok(g_utf8_validate(d, -1, NULL), "junk as ISO-2022-JP still gives valid UTF-8");
	g_free(d);
}

static void
is_header_text(const char *raw, const char *want, const char *what)
{
	char *t = mail_header_text(raw);

	is_str(t, want, "%s", what);
	g_free(t);
}

static void
test_headers(void)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct mail_addr));
	struct mail_addr *v;
	char *p;

	is_header_text(" =?utf-8?b?44GT?=  =?utf-8?b?44KT?= x", "こん x",
		"words: blanks between words dropped, kept before text");
	is_header_text("a =?ISO-2022-JP?B?GyRCJDMbKEI=?=\r\n\tb", "a こ b",
		"words: unfolded; a tab becomes a space");
	is_header_text("=?utf-8?q?a=0D=0Ab?=", "a  b", "words: no line ends come out");
	is_header_text("=?utf-8?q?bad", "=?utf-8?q?bad", "words: an unfinished word is text");
	is_header_text("=?utf-8*ja?B?44GT?=", "こ", "words: RFC 2231 language in a word");
	is_header_text("=?shift_jis?B?h0A=?=", "①", "words: Shift_JIS word as CP932");

	mail_header_addrs("team: a@x.example, \"B, b\" <B@X.example>; c@x.example (Cee)", a);
	mail_header_addrs("undisclosed-recipients:;", a);
	mail_header_addrs("<@relay.example:D@x.example>, broken <>, Just Name", a);
	v = (struct mail_addr *)a->data;
	if (ok(a->len == 6, "addresses: six (got %u)", a->len)) {
		is_addr(&v[0], "", "a@x.example", "group member");
		is_addr(&v[1], "B, b", "b@x.example", "quoted comma");
		is_addr(&v[2], "Cee", "c@x.example", "name in a comment");
		is_addr(&v[3], "", "d@x.example", "source route dropped");
		is_addr(&v[4], "broken", "", "empty address");
		is_addr(&v[5], "Just Name", "", "no address");
	}
	for (guint i = 0; i < a->len; i++) {
		g_free(v[i].name);
		g_free(v[i].email);
	}
	g_array_free(a, TRUE);

	p = mail_header_param("attachment; filename*=iso-2022-jp'ja'%1B%24B%244%1B%28B.txt",
		"filename");
	is_str(p, "ご.txt", "param: RFC 2231 in ISO-2022-JP");
	g_free(p);
	p = mail_header_param("attachment; filename*=shift_jis''%87%40.txt", "filename");
	is_str(p, "①.txt", "param: RFC 2231 in Shift_JIS with ①");
	g_free(p);
	p = mail_header_param("attachment; name=\"x;y\"; filename = \"a \\\"b\\\".txt\"",
		"filename");
	is_str(p, "a \"b\".txt", "param: quoted, escaped, after a quoted ';'");
	g_free(p);
	p = mail_header_param("attachment; filename*1=b.txt; filename*0=a", "filename");
	is_str(p, "ab.txt", "param: continuations in any order");
	g_free(p);
	p = mail_header_param("attachment; filename=\"\x95\x5c\x8c\x76\x8e\x5a.xls\"; size=10",
		"filename");
	is_str(p, "表計算.xls", "param: raw Shift_JIS whose 表 ends in a backslash byte");
	g_free(p);
	p = mail_header_param("attachment; filename=\"=?ISO-2022-JP?B?GyRCST0bKEI=?=.txt\"",
		"filename");
	is_str(p, "表.txt", "param: an encoded word inside the quotes");
	g_free(p);
	p = mail_header_param("inline", "filename");
	ok(p == NULL, "param: absent");
	g_free(p);
}

static void
is_html(const char *html, const char *want, const char *what)
{
	char *t = mail_html_to_text(html, strlen(html));

	is_str(t, want, "html: %s", what);
	g_free(t);
}

static void
test_html_text(void)
{
	is_html("<p>a</p><br><br><br><br><p>b</p>", "a\n\nb", "at most one blank line");
	is_html("a<br>b<br><br>c", "a\nb\n\nc", "br");
	is_html("<ul><li>x<ul><li>y</li></ul></li><li>z</li></ul>", "・x\n・y\n・z", "lists");
	is_html("<script>var a = '<p>';</script><style>p{}</style>t", "t", "script and style");
	is_html("&lt;&amp;&gt; &#12354; &nbsp;x", "<&> あ x", "entities");
	is_html("<pre>a  b\n  c</pre>", "a  b\n  c", "pre keeps blanks");
	is_html("<a href=\"https://x.example/\">https://x.example/</a>", "https://x.example/",
		"a link that shows its address");
	is_html("<div><div><b>x</b>   y\n z</div></div>", "x y z", "blanks collapsed");
	is_html("<table><tr><td></td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
		"b\nc | d", "empty cell, no separator first");
	is_html("<p>unclosed <b>bold", "unclosed bold", "broken markup");
	is_html("", "", "empty");
}

static void
is_name(const char *name, int n, const char *want, const char *what)
{
	char *s = mail_filename_sanitise(name, n);

	is_str(s, want, "filename: %s", what);
	g_free(s);
}

static void
test_filenames(void)
{
	GString *longname = g_string_new(NULL);
	char *s;

	is_name("../../etc/passwd", 1, "passwd", "directories dropped");
	is_name("C:\\Users\\yamada\\報告書.docx", 1, "報告書.docx", "Windows path");
	is_name("..hidden", 1, "hidden", "leading dots");
	is_name("a\x01\x1b" "b\x7f.txt", 1, "ab.txt", "control characters");
	is_name("evil\xe2\x80\xaetxt.exe", 1, "eviltxt.exe", "bidirectional override");
	is_name("a:b?.txt", 1, "a_b_.txt", "characters Windows refuses");
	is_name("..", 3, "attachment-3", "nothing left");
	is_name(NULL, 2, "attachment-2", "no name");
	is_name("dir/", 5, "attachment-5", "a directory only");
	for (int i = 0; i < 100; i++)
		g_string_append(longname, "あ");
	g_string_append(longname, ".pdf");
	s = mail_filename_sanitise(longname->str, 1);
	ok(strlen(s) <= 200 && g_utf8_validate(s, -1, NULL) && g_str_has_suffix(s, "あ.pdf"),
		"filename: cut to 200 bytes between characters, extension kept (%zu)", strlen(s));
	is_int(strlen(s), 65 * 3 + 4, "filename: 65 whole characters and .pdf");
	g_free(s);
	g_string_free(longname, TRUE);
}

static void
test_odd_input(void)
{
	struct mail_msg m;
	struct mado_err e = { 0 };
	static const char bare[] = "just some text, no header at all\n";
	static const char crlf[] = "Subject: =?utf-8?B?5Lu25ZCN?=\r\nFrom: a@b.example\r\n"
		"Message-ID: no-brackets@b.example\r\nDate: not a date\r\n\r\nbody\r\nline\r\n";
	static const char jst[] = "Date: Wed, 15 Apr 2026 09:30:12 JST\n\nx\n";

	ok(mail_parse(bare, sizeof bare - 1, &m, &e) == MADO_OK, "odd: text without header");
	is_str(m.subject, "", "odd: no subject is \"\"");
	is_addr(&m.from, "", "", "odd: no From");
	is_null(m.message_id, "odd: no Message-ID");
	mail_msg_clear(&m);
	ok(mail_parse(crlf, sizeof crlf - 1, &m, &e) == MADO_OK, "odd: CRLF message");
	is_str(m.subject, "件名", "odd: subject");
	is_str(m.message_id, "no-brackets@b.example", "odd: Message-ID without brackets");
	is_int(m.date, 0, "odd: a bad date is 0");
	is_str(m.body, "body\nline", "odd: CRLF body");
	mail_msg_clear(&m);
	ok(mail_parse(jst, sizeof jst - 1, &m, &e) == MADO_OK, "odd: JST");
	is_int(m.date, 1776213012, "odd: a bare JST zone is +0900");
	mail_msg_clear(&m);
	mail_msg_clear(&m);
	ok(m.body == NULL, "odd: clearing twice is harmless");
}

/* Shapes that would be slow if any step were quadratic; what they give. */
static void
test_large_shapes(void)
{
	GString *raw = g_string_new("Subject: ");
	struct mail_msg m;
	struct mado_err e = { 0 };

	for (int i = 0; i < 20000; i++)
		g_string_append(raw, "=?a?B?");
	g_string_append(raw, "?=\nContent-Type: text/html\n\n");
	for (int i = 0; i < 5000; i++)
		g_string_append(raw, "<div><span>");
	g_string_append(raw, "<a href=\"http://x.example/\">http://x.example/</a>");
	if (ok(mail_parse(raw->str, raw->len, &m, &e) == MADO_OK, "large: parsed")) {
		/* The last "=?a?B?" and "?=" make one empty word. */
		ok(g_str_has_prefix(m.subject, "=?a?B?=?a?B?") && strlen(m.subject) == 19999 * 6,
			"large: 19,999 unfinished words are text (%zu)", strlen(m.subject));
		is_str(m.body, "http://x.example/", "large: a link inside 10,000 elements");
	}
	mail_msg_clear(&m);
	g_string_free(raw, TRUE);
}

static void
is_body(const char *raw, const char *want, const char *what)
{
	struct mail_msg m;
	struct mado_err e = { 0 };

	if (ok(mail_parse(raw, strlen(raw), &m, &e) == MADO_OK, "%s: parsed", what))
		is_str(m.body, want, "%s", what);
	mail_msg_clear(&m);
}

static void
test_flowed(void)
{
	is_body("Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n\n"
		"\xe3\x81\x93\xe3\x82\x8c\xe3\x81\xaf \n\xe8\xa1\x8c\xe3\x81\xa7\xe3\x81\x99\n"
		"> \xe5\xbc\x95\xe7\x94\xa8 \n> \xe7\xb6\x9a\xe3\x81\x8d\n>> deeper\n-- \nsig\n",
		"これは行です\n> 引用続き\n>> deeper\n-- \nsig", "flowed, delsp=yes");
	is_body("Content-Type: text/plain; format=flowed\n\nHello \nworld\n From stuffed\n\nnext\n",
		"Hello world\nFrom stuffed\n\nnext", "flowed without delsp");
	is_body("Content-Type: text/plain\n\nHello \nworld\n", "Hello \nworld",
		"fixed text keeps its lines");
	/* "ｱｲｳ" in Shift_JIS is also clean EUC-JP (two kanji); <meta> decides. */
	is_body("Content-Type: text/html\n\n<meta charset=\"Shift_JIS\"><p>\xb1\xb2\xb3\xb4</p>\n",
		"ｱｲｳｴ", "html: <meta> charset when the part names none");
	is_body("Content-Type: text/plain; charset=utf-8\r\n\r\n\xef\xbb\xbf\r\n\r\na\rb\x01\xc2\x85" "c\r\n",
		"a\nbc", "body: BOM, blank lines before, CR, C0 and C1 controls");
}

/* Every fixture's subject and body, as one string (g_free()). */
static char *
digest_all(void)
{
	const char *dir = getenv("MADO_TESTDATA");
	char *path = g_build_filename(dir != NULL ? dir : "tests/data", "mail", NULL);
	GDir *d = g_dir_open(path, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GString *all = g_string_new(NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_build_filename(path, name, NULL));
	if (d != NULL)
		g_dir_close(d);
	for (guint i = 0; i < names->len; i++) {
		struct mail_msg m;
		gchar *raw = NULL;
		gsize len = 0;

		if (g_file_get_contents(names->pdata[i], &raw, &len, NULL) &&
		    mail_parse(raw, len, &m, NULL) == MADO_OK) {
			g_string_append_printf(all, "%s\n%s\n", m.subject, m.body);
			mail_msg_clear(&m);
		}
		g_free(raw);
	}
	g_ptr_array_free(names, TRUE);
	g_free(path);
	return g_string_free(all, FALSE);
}

static gpointer
digest_thread(gpointer unused)
{
	return digest_all();
}

/* Threads parsing at once (GMime set up once, iconv descriptors per
 * thread) read every fixture as one thread alone does. */
static void
test_threads(void)
{
	GThread *t[4];
	char *want;
	int same = 0;

	/* First in the program, so the threads race to set GMime up. */
	for (int i = 0; i < 4; i++)
		t[i] = g_thread_new("parse", digest_thread, NULL);
	want = digest_all();
	for (int i = 0; i < 4; i++) {
		char *got = g_thread_join(t[i]);

		same += strcmp(got, want) == 0;
		g_free(got);
	}
	is_int(same, 4, "threads: four threads read the fixtures as one does");
	ok(strlen(want) > 1000, "threads: the fixtures were read");
	g_free(want);
}

int
main(void)
{
	test_threads();
	test_iso2022jp();
	test_cp932();
	test_eucjp();
	test_utf8_qp();
	test_no_label();
	test_wrong_labels();
	test_jis_variants();
	test_html();
	test_attachments();
	test_forward();
	test_bounces();
	test_autoreply_list_reply();
	test_alerts();
	test_charsets();
	test_headers();
	test_html_text();
	test_filenames();
	test_odd_input();
	test_flowed();
	test_large_shapes();
	return tap_done();
}
