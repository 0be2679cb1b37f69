#include "tests/tap.h"

#include "base/textwidth.h"

int main(void);

#define N TW_AMBI_NARROW
#define W TW_AMBI_WIDE

/* s for a test name: control characters would break the TAP line. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < size; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '^' : s[i];
	buf[i] = '\0';
	return buf;
}

/* tw_fit must give want, and exactly cells cells. */
static void
fit_is(const char *s, int cells, int ambi, enum tw_align align, const char *want)
{
	char *got = tw_fit(s, cells, ambi, align);
	char name[64];

	is_str(got, want, "tw_fit(\"%s\", %d, ambi %d, %s)", shown(s, name, sizeof name),
		cells, ambi, align == TW_LEFT ? "left" : "right");
	is_int(tw_width(got, -1, ambi), cells < 0 ? 0 : cells,
		"  ... and it is %d cells", cells < 0 ? 0 : cells);
	free(got);
}

static void
test_chars(void)
{
	is_int(tw_char_width('A', N), 1, "ASCII letter");
	is_int(tw_char_width(0x3042, N), 2, "hiragana あ");
	is_int(tw_char_width(0x30A2, N), 2, "katakana ア");
	is_int(tw_char_width(0x6F22, N), 2, "kanji 漢");
	is_int(tw_char_width(0xFF71, N), 1, "half-width katakana ｱ");
	is_int(tw_char_width(0xFF71, W), 1, "half-width katakana ｱ, ambi wide");
	is_int(tw_char_width(0xFF11, N), 2, "full-width digit １");
	is_int(tw_char_width(0x3000, N), 2, "ideographic space");
	is_int(tw_char_width(0x3099, N), 0, "combining voiced sound mark");
	is_int(tw_char_width(0x0301, W), 0, "combining acute (ambiguous set) is 0");
	is_int(tw_char_width(0x200B, N), 0, "zero width space");
	is_int(tw_char_width(0xFE0F, W), 0, "variation selector 16");
	is_int(tw_char_width(0x1F600, N), 2, "emoji 😀");
	is_int(tw_char_width(0x1F5FE, N), 2, "emoji 🗾");
	is_int(tw_char_width(0x25CB, N), 1, "○ ambi 1");
	is_int(tw_char_width(0x25CB, W), 2, "○ ambi 2");
	is_int(tw_char_width(0x203B, N), 1, "※ ambi 1");
	is_int(tw_char_width(0x203B, W), 2, "※ ambi 2");
	is_int(tw_char_width(0x2460, N), 1, "① ambi 1");
	is_int(tw_char_width(0x2460, W), 2, "① ambi 2");
	is_int(tw_char_width(0x2500, N), 1, "─ ambi 1");
	is_int(tw_char_width(0x2500, W), 2, "─ ambi 2");
	is_int(tw_char_width(0x2026, W), 2, "… ambi 2");
	is_int(tw_char_width('\t', N), 1, "tab counts 1");
	is_int(tw_char_width(0x7F, N), 1, "DEL counts 1");
	is_int(tw_char_width(0x85, N), 1, "C1 control counts 1");
	is_int(tw_char_width(UINT32_MAX, N), 1, "invalid counts 1");
}

static void
test_decode(void)
{
	uint32_t cp;

	is_int(tw_decode("\xe3\x81\x82", 3, &cp), 3, "decode あ length");
	is_int(cp, 0x3042, "decode あ code point");
	is_int(tw_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "decode 😀 length");
	is_int(cp, 0x1F600, "decode 😀 code point");
	is_int(tw_decode("\xe3\x81", 2, &cp), 1, "truncated sequence: one byte");
	ok(cp == UINT32_MAX, "truncated sequence is invalid");
	is_int(tw_decode("\xe3\x81\x82", 2, &cp), 1, "sequence cut by n is invalid");
	is_int(tw_decode("\xc0\xaf", 2, &cp), 1, "overlong '/' rejected");
	ok(cp == UINT32_MAX, "overlong gives UINT32_MAX");
	is_int(tw_decode("\xed\xa0\x80", 3, &cp), 1, "UTF-16 surrogate rejected");
	is_int(tw_decode("\xf4\x90\x80\x80", 4, &cp), 1, "beyond U+10FFFF rejected");
	is_int(tw_decode("\x80", 1, &cp), 1, "stray continuation byte");
	ok(cp == UINT32_MAX, "stray continuation is invalid");
}

static void
test_width(void)
{
	is_int(tw_width("", -1, N), 0, "empty string");
	is_int(tw_width("abc", -1, N), 3, "ASCII");
	is_int(tw_width("ひらがな", -1, N), 8, "kana");
	is_int(tw_width("窓口業務", -1, N), 8, "kanji");
	is_int(tw_width("ｶﾀｶﾅ", -1, N), 4, "half-width katakana");
	is_int(tw_width("ｶﾞ", -1, N), 2, "half-width ｶ + ﾞ (a spacing mark)");
	is_int(tw_width("１２３", -1, N), 6, "full-width digits");
	is_int(tw_width("\xe3\x81\x8b\xe3\x82\x99", -1, N), 2, "か + U+3099 is 2 cells");
	is_int(tw_width("が", -1, N), 2, "precomposed が");
	is_int(tw_width("窓口😀", -1, N), 6, "emoji");
	is_int(tw_width("○※①─", -1, N), 4, "ambiguous, narrow");
	is_int(tw_width("○※①─", -1, W), 8, "ambiguous, wide");
	is_int(tw_width("ab\xff" "c", -1, N), 4, "invalid byte counts 1");
	is_int(tw_width("\xe3\x81", -1, N), 2, "truncated sequence: each byte 1");
	is_int(tw_width("あいう", 3, N), 2, "len limits the bytes");
	is_int(tw_width("あいう", 4, N), 3, "len cutting a character: its bytes count 1");
	is_int(tw_width("a\tb", -1, N), 3, "control character 1");
}

static void
test_prefix(void)
{
	int used;

	is_int(tw_prefix("窓口abc", 3, N, &used), 3, "wide char at the edge stays out");
	is_int(used, 2, "  ... using 2 cells");
	is_int(tw_prefix("窓口abc", 4, N, &used), 6, "two kanji in 4 cells");
	is_int(tw_prefix("abc", 10, N, &used), 3, "everything fits");
	is_int(used, 3, "  ... 3 cells");
	is_int(tw_prefix("\xe3\x81\x8b\xe3\x82\x99x", 2, N, &used), 6,
		"combining mark kept with its base");
	is_int(tw_prefix("abc", 0, N, &used), 0, "0 cells");
	is_int(used, 0, "  ... 0 used");
	is_int(tw_prefix("①②", 2, W, NULL), 3, "ambiguous wide: one ① in 2 cells");
	is_int(tw_prefix("①②", 2, N, NULL), 6, "ambiguous narrow: both in 2 cells");
	is_int(tw_prefix("\xff\xfe", 1, N, &used), 1, "invalid byte is a character of 1");
}

static void
test_fit(void)
{
	fit_is("abc", 5, N, TW_LEFT, "abc  ");
	fit_is("abc", 5, N, TW_RIGHT, "  abc");
	fit_is("abc", 3, N, TW_LEFT, "abc");
	fit_is("abcdef", 4, N, TW_LEFT, "abc…");
	fit_is("abcdef", 4, W, TW_LEFT, "ab…");
	fit_is("窓口", 4, N, TW_LEFT, "窓口");
	fit_is("窓口", 6, N, TW_RIGHT, "  窓口");
	/* 窓口業務 in 5: 窓口 (4) + … (1). */
	fit_is("窓口業務", 5, N, TW_LEFT, "窓口…");
	/* In 4 with a 1-cell …: 窓 (2) + … (1), the straddling 口 becomes a space. */
	fit_is("窓口業務", 4, N, TW_LEFT, "窓… ");
	fit_is("窓口業務", 4, N, TW_RIGHT, " 窓…");
	/* With … at 2 cells the same width fits exactly. */
	fit_is("窓口業務", 4, W, TW_LEFT, "窓…");
	fit_is("窓口業務", 5, W, TW_LEFT, "窓… ");
	fit_is("a窓口", 4, N, TW_LEFT, "a窓…");
	fit_is("a窓口", 3, N, TW_LEFT, "a… ");
	fit_is("窓口", 0, N, TW_LEFT, "");
	fit_is("窓口", -3, N, TW_LEFT, "");
	fit_is("", 0, N, TW_LEFT, "");
	fit_is("窓口", 1, N, TW_LEFT, "…");
	/* … alone would be too wide: cut without a mark. */
	fit_is("窓口", 1, W, TW_LEFT, " ");
	fit_is("ab", 1, W, TW_LEFT, "a");
	fit_is("窓口", 2, N, TW_LEFT, "… ");
	fit_is("窓口", 2, W, TW_LEFT, "…");
	fit_is("窓", 2, N, TW_LEFT, "窓");
	fit_is("窓", 1, N, TW_LEFT, "…");
	fit_is("", 3, N, TW_RIGHT, "   ");
	fit_is("ｱｲｳｴｵ", 3, N, TW_LEFT, "ｱｲ…");
	fit_is("①②③", 4, W, TW_LEFT, "①…");
	fit_is("①②③", 3, N, TW_LEFT, "①②③");
	fit_is("\xe3\x81\x8b\xe3\x82\x99\xe3\x81\x8b\xe3\x82\x99x", 3, N, TW_LEFT,
		"\xe3\x81\x8b\xe3\x82\x99…");
	fit_is("😀😀", 3, N, TW_LEFT, "😀…");
	fit_is("a\tb\n", 4, N, TW_LEFT, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	fit_is("a\tb", 3, W, TW_LEFT, "a?b");
	fit_is("a\xff" "b", 4, N, TW_LEFT, "a\xef\xbf\xbd" "b ");
	fit_is("a\xe3\x81", 3, W, TW_LEFT, "a??");
	fit_is("a\xe3\x81", 2, N, TW_LEFT, "a…");
}

int
main(void)
{
	test_chars();
	test_decode();
	test_width();
	test_prefix();
	test_fit();
	return tap_done();
}
