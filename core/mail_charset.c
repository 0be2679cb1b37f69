#include "mail_charset.h"
#include "mail_charset_impl.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

/* What one undecodable byte costs a candidate reading in detection. */
#define BAD_COST 10

/* What a label says, as far as choosing a decoder goes. */
enum family {
	FAM_NONE,       /* no label, or one that names nothing */
	FAM_ASCII,
	FAM_UTF8,
	FAM_JIS,        /* ISO-2022-JP and its variants */
	FAM_SJIS,       /* read as CP932 */
	FAM_EUCJP,      /* read as eucJP-ms */
	FAM_LATIN,      /* single-byte ISO-8859-N / windows-125N */
	FAM_OTHER,      /* anything else iconv knows (GB2312, Big5, EUC-KR, UTF-7) */
};

static const struct {
	const char *label;
	enum family fam;
} labels[] = {
	{ "us-ascii", FAM_ASCII }, { "ascii", FAM_ASCII }, { "ansi_x3.4-1968", FAM_ASCII },
	{ "iso646-us", FAM_ASCII }, { "us", FAM_ASCII },
	{ "utf-8", FAM_UTF8 }, { "utf8", FAM_UTF8 }, { "unicode-1-1-utf-8", FAM_UTF8 },
	{ "x-unicode20utf8", FAM_UTF8 },
	{ "iso-2022-jp", FAM_JIS }, { "iso-2022-jp-1", FAM_JIS }, { "iso-2022-jp-2", FAM_JIS },
	{ "iso-2022-jp-3", FAM_JIS }, { "iso-2022-jp-2004", FAM_JIS }, { "iso-2022-jp-ms", FAM_JIS },
	{ "iso2022jp", FAM_JIS }, { "csiso2022jp", FAM_JIS }, { "csiso2022jp2", FAM_JIS },
	{ "jis", FAM_JIS }, { "x-jis", FAM_JIS }, { "jis7", FAM_JIS }, { "cp50220", FAM_JIS },
	{ "cp50221", FAM_JIS }, { "cp50222", FAM_JIS },
	{ "shift_jis", FAM_SJIS }, { "shift-jis", FAM_SJIS }, { "sjis", FAM_SJIS },
	{ "x-sjis", FAM_SJIS }, { "ms_kanji", FAM_SJIS }, { "csshiftjis", FAM_SJIS },
	{ "windows-31j", FAM_SJIS }, { "cswindows31j", FAM_SJIS }, { "cp932", FAM_SJIS },
	{ "ms932", FAM_SJIS }, { "x-ms-cp932", FAM_SJIS }, { "sjis-win", FAM_SJIS },
	{ "sjis-open", FAM_SJIS }, { "shift_jisx0213", FAM_SJIS }, { "shift_jis-2004", FAM_SJIS },
	{ "euc-jp", FAM_EUCJP }, { "eucjp", FAM_EUCJP }, { "x-euc-jp", FAM_EUCJP },
	{ "x-euc", FAM_EUCJP }, { "ujis", FAM_EUCJP }, { "x-ujis", FAM_EUCJP },
	{ "cseucpkdfmtjapanese", FAM_EUCJP }, { "eucjp-ms", FAM_EUCJP }, { "euc-jp-ms", FAM_EUCJP },
	{ "eucjp-win", FAM_EUCJP }, { "eucjp-open", FAM_EUCJP }, { "cp51932", FAM_EUCJP },
	{ "euc-jisx0213", FAM_EUCJP }, { "euc-jis-2004", FAM_EUCJP },
	{ "unknown-8bit", FAM_NONE }, { "x-unknown", FAM_NONE }, { "unknown", FAM_NONE },
	{ "default", FAM_NONE }, { "x-user-defined", FAM_NONE }, { "charset", FAM_NONE },
};

/* The label without quotes, blanks and RFC 2231 language, in lower case
 * (g_free()). */
static char *
label_clean(const char *charset)
{
	char *s = g_ascii_strdown(charset, -1), *star;

	g_strdelimit(s, "\"'", ' ');
	g_strstrip(s);
	star = strchr(s, '*');
	if (star != NULL)
		*star = '\0';
	return s;
}

static enum family
label_family(const char *label)
{
	if (label[0] == '\0')
		return FAM_NONE;
	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
		if (strcmp(label, labels[i].label) == 0)
			return labels[i].fam;
	if (g_str_has_prefix(label, "iso-8859-") || g_str_has_prefix(label, "iso8859-") ||
	    g_str_has_prefix(label, "windows-125") || g_str_has_prefix(label, "cp125") ||
	    g_str_has_prefix(label, "latin"))
		return FAM_LATIN;
	return FAM_OTHER;
}

static bool
has_jis_escape(const char *b, size_t len)
{
	return memmem(b, len, "\x1b$", 2) != NULL || memmem(b, len, "\x1b(I", 3) != NULL;
}

static bool
has_8bit(const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)b[i] >= 0x80)
			return true;
	return false;
}

/* How much text reads like Japanese: kana and CJK punctuation count most,
 * kanji and full-width forms some; half-width katakana, C1 controls,
 * private-use characters and U+FFFD (what misreadings produce) count
 * against. */
static long
plausibility(const char *s, size_t len)
{
	const char *end = s + len;
	long score = 0;

	for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (u < 0x80)
			score += (u < 0x20 && u != '\t' && u != '\n' && u != '\r') ? -2 : 0;
		else if (u < 0xa0)
			score -= 5;
		else if (u >= 0x3040 && u <= 0x309f)
			score += 3;
		else if ((u >= 0x3000 && u <= 0x303f) || (u >= 0x30a0 && u <= 0x30ff))
			score += 2;
		else if ((u >= 0x4e00 && u <= 0x9fff) || (u >= 0xff01 && u <= 0xff5e))
			score += 1;
		else if (u >= 0xff61 && u <= 0xff9f)
			score -= 2;
		else if ((u >= 0xe000 && u <= 0xf8ff) || u == 0xfffd)
			score -= 5;
		else if (u < 0x100)
			score -= 1;
	}
	return score;
}

struct reading {
	GString *text;
	long bad;
	long score;
};

static void
read_as(struct reading *r, const char *from, const char *b, size_t len)
{
	r->text = g_string_new(NULL);
	if (from == NULL)
		r->bad = mail_jis_decode((const unsigned char *)b, len, r->text);
	else
		r->bad = mail_iconv_append(from, b, len, r->text);
	if (r->bad < 0) {
		r->bad = (long)len;
		g_string_truncate(r->text, 0);
	}
	r->score = plausibility(r->text->str, r->text->len) - BAD_COST * r->bad;
}

/* Chooses between the readings a label left open; the first wins a tie.
 * Frees the others and returns the winner's text. */
static GString *
best_reading(struct reading *r, int n)
{
	int best = 0;

	for (int i = 1; i < n; i++)
		if (r[i].score > r[best].score)
			best = i;
	for (int i = 0; i < n; i++)
		if (i != best)
			g_string_free(r[i].text, TRUE);
	return r[best].text;
}

/* 8-bit bytes that are not UTF-8 and whose label, if any, was not to be
 * trusted: CP932 or EUC-JP, whichever reads better; UTF-8 too, for text
 * with a broken character or two. `labelled` (may be NULL) is the reading
 * by the label, which wins a tie. */
static GString *
detect(const char *b, size_t len, const char *labelled)
{
	struct reading r[4];
	int n = 0;

	if (labelled != NULL)
		read_as(&r[n++], labelled, b, len);
	read_as(&r[n++], "CP932", b, len);
	read_as(&r[n++], "EUC-JP-MS", b, len);
	read_as(&r[n++], "UTF-8", b, len);
	return best_reading(r, n);
}

/* Text labelled Latin whose bytes read as clean Japanese: no undecodable
 * byte and nothing a misreading produces. */
static GString *
clean_japanese(const char *b, size_t len)
{
	static const char *const codes[] = { "CP932", "EUC-JP-MS" };

	for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
		struct reading r;
		long ja = 0;

		read_as(&r, codes[i], b, len);
		if (r.bad == 0) {
			for (const char *p = r.text->str; *p != '\0'; p = g_utf8_next_char(p)) {
				gunichar u = g_utf8_get_char(p);

				if (u >= 0x80 && !((u >= 0x3000 && u <= 0x30ff) ||
				    (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xff01 && u <= 0xff5e))) {
					ja = 0;
					break;
				}
				ja += u >= 0x80;
			}
			if (ja >= 2)
				return r.text;
		}
		g_string_free(r.text, TRUE);
	}
	return NULL;
}

static bool
has_c1(const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)b[i] >= 0x80 && (unsigned char)b[i] < 0xa0)
			return true;
	return false;
}

static bool
has_hiragana(const GString *s)
{
	for (const char *p = s->str; *p != '\0'; p = g_utf8_next_char(p))
		if (g_utf8_get_char(p) >= 0x3040 && g_utf8_get_char(p) <= 0x309f)
			return true;
	return false;
}

/* Text labelled Shift_JIS (from CP932) or EUC-JP (from eucJP-ms). The
 * label stands when its reading is clean, unless the other reading is
 * clean too and reads better with hiragana in it: EUC-JP kana read as
 * CP932 come out clean as half-width katakana, but CP932 half-width
 * katakana read as EUC-JP become kanji without any hiragana. */
static GString *
japanese_label(const char *from, const char *other, const char *b, size_t len)
{
	struct reading r[2];

	read_as(&r[0], from, b, len);
	if (r[0].bad > 0) {
		g_string_free(r[0].text, TRUE);
		return detect(b, len, from);
	}
	read_as(&r[1], other, b, len);
	if (r[1].bad == 0 && r[1].score > r[0].score && has_hiragana(r[1].text)) {
		g_string_free(r[0].text, TRUE);
		return r[1].text;
	}
	g_string_free(r[1].text, TRUE);
	return r[0].text;
}

/* Decodes text with 8-bit bytes that is not valid UTF-8. */
static GString *
decode_8bit(enum family fam, const char *label, const char *b, size_t len)
{
	const char *from = NULL;
	GString *s;
	long bad;

	switch (fam) {
	case FAM_JIS:
		if (has_jis_escape(b, len)) {
			s = g_string_new(NULL);
			mail_jis_decode((const unsigned char *)b, len, s);
			return s;
		}
		return detect(b, len, NULL);
	case FAM_SJIS:
		return japanese_label("CP932", "EUC-JP-MS", b, len);
	case FAM_EUCJP:
		return japanese_label("EUC-JP-MS", "CP932", b, len);
	case FAM_LATIN:
		if (g_str_has_prefix(label, "iso") && has_c1(b, len))
			return detect(b, len, NULL);
		s = clean_japanese(b, len);
		if (s != NULL)
			return s;
		from = label;
		break;
	case FAM_OTHER:
		from = label;
		break;
	default:
		return detect(b, len, NULL);
	}
	s = g_string_new(NULL);
	bad = mail_iconv_append(from, b, len, s);
	if (bad == 0)
		return s;
	g_string_free(s, TRUE);
	return detect(b, len, bad > 0 ? from : NULL);
}

/* 7-bit charsets whose text is not ASCII as it stands. */
static bool
shifting_7bit(const char *label)
{
	return g_str_has_prefix(label, "utf-7") || g_str_has_prefix(label, "unicode-1-1-utf-7") ||
		g_str_has_prefix(label, "iso-2022-") || g_str_has_prefix(label, "hz-gb");
}

char *
mail_charset_decode(const char *charset, const char *bytes, size_t len)
{
	char *label;
	enum family fam;
	bool eight;
	GString *s;

	if (len == 0)
		return g_strdup("");
	label = label_clean(charset != NULL ? charset : "");
	fam = label_family(label);
	eight = has_8bit(bytes, len);
	if (eight && !g_utf8_validate(bytes, (gssize)len, NULL)) {
		s = decode_8bit(fam, label, bytes, len);
	} else if (!eight && (fam == FAM_JIS || (has_jis_escape(bytes, len) && fam != FAM_OTHER))) {
		s = g_string_new(NULL);
		mail_jis_decode((const unsigned char *)bytes, len, s);
	} else if (!eight && fam == FAM_OTHER && shifting_7bit(label)) {
		s = g_string_new(NULL);
		if (mail_iconv_append(label, bytes, len, s) < 0)
			mail_text_append(s, bytes, len);
	} else {
		/* ASCII; or valid UTF-8 beyond ASCII, UTF-8 whatever the label. */
		s = g_string_new(NULL);
		mail_text_append(s, bytes, len);
	}
	g_free(label);
	/* iconv's UTF-8 is valid; this keeps the promise whatever it did. */
	if (!g_utf8_validate(s->str, (gssize)s->len, NULL)) {
		char *valid = g_utf8_make_valid(s->str, (gssize)s->len);

		g_string_free(s, TRUE);
		return valid;
	}
	return g_string_free(s, FALSE);
}
