#include "mail_charset_impl.h"

#include <stdbool.h>
#include <string.h>

/* ISO-2022-JP: the escape sequences real mailers send, each character set
 * mapped to a charset iconv reads byte by byte; runs of one charset are
 * converted together. JIS X 0208 goes through CP932 (its rows 13 and 89-92
 * are the NEC and IBM characters Outlook sends), JIS X 0212 through
 * eucJP-ms (which also places the IBM characters there). */
enum jis_set {
	JIS_ASCII, JIS_KANA, JIS_X0208, JIS_X0212, JIS_X0213_1, JIS_X0213_2,
	JIS_GB2312, JIS_KSC5601, JIS_KEEP,
};

enum jis_target { T_CP932, T_EUCJPMS, T_X0213, T_GB, T_KSC, T_LATIN1, T_GREEK, T_NONE };

static const char *const target_names[] = {
	[T_CP932] = "CP932", [T_EUCJPMS] = "EUC-JP-MS", [T_X0213] = "EUC-JISX0213",
	[T_GB] = "EUC-CN", [T_KSC] = "EUC-KR", [T_LATIN1] = "ISO-8859-1",
	[T_GREEK] = "ISO-8859-7",
};

static const struct {
	const char *seq;     /* after ESC */
	enum jis_set set;
} jis_escapes[] = {
	{ "(B", JIS_ASCII }, { "(J", JIS_ASCII }, { "(H", JIS_ASCII }, { "(I", JIS_KANA },
	{ "$@", JIS_X0208 }, { "$B", JIS_X0208 }, { "$(B", JIS_X0208 }, { "$(@", JIS_X0208 },
	{ "$(D", JIS_X0212 }, { "$(O", JIS_X0213_1 }, { "$(Q", JIS_X0213_1 },
	{ "$(P", JIS_X0213_2 }, { "$A", JIS_GB2312 }, { "$(A", JIS_GB2312 },
	{ "$(C", JIS_KSC5601 }, { "&@", JIS_KEEP },
};

struct jis_out {
	GString *out;
	GString *run;          /* bytes waiting, in target's charset */
	enum jis_target target;
	long bad;
};

static void
jis_flush(struct jis_out *j)
{
	if (j->run->len > 0) {
		long bad = mail_iconv_append(target_names[j->target], j->run->str, j->run->len, j->out);

		j->bad += bad < 0 ? (long)j->run->len : bad;
		g_string_truncate(j->run, 0);
	}
}

static void
jis_put(struct jis_out *j, enum jis_target target, const unsigned char *b, size_t n)
{
	if (target != j->target)
		jis_flush(j);
	j->target = target;
	g_string_append_len(j->run, (const char *)b, (gssize)n);
}

static void
jis_bad(struct jis_out *j)
{
	jis_flush(j);
	g_string_append(j->out, MAIL_REPLACEMENT);
	j->bad++;
}

/* One character of a two-byte set, j1 j2 in 0x21..0x7E. */
static void
jis_double(struct jis_out *j, enum jis_set set, unsigned char j1, unsigned char j2)
{
	unsigned char b[3];

	switch (set) {
	case JIS_X0208:
		b[0] = (unsigned char)(((j1 - 0x21) >> 1) + 0x81);
		if (b[0] > 0x9f)
			b[0] += 0x40;
		if (j1 & 1)
			b[1] = (unsigned char)(j2 + (j2 >= 0x60 ? 0x20 : 0x1f));
		else
			b[1] = (unsigned char)(j2 + 0x7e);
		jis_put(j, T_CP932, b, 2);
		return;
	case JIS_X0212:
	case JIS_X0213_2:
		b[0] = 0x8f;
		b[1] = j1 | 0x80;
		b[2] = j2 | 0x80;
		jis_put(j, set == JIS_X0212 ? T_EUCJPMS : T_X0213, b, 3);
		return;
	default:
		b[0] = j1 | 0x80;
		b[1] = j2 | 0x80;
		jis_put(j, set == JIS_X0213_1 ? T_X0213 : set == JIS_GB2312 ? T_GB : T_KSC, b, 2);
		return;
	}
}

/* Reads an escape sequence at b (b[0] is ESC); returns its length and sets
 * *set, or returns 0 for one we do not know. G2 designations (ESC . A,
 * ESC . F for ISO-2022-JP-2's single shifts) set *g2. */
static size_t
jis_escape(const unsigned char *b, size_t left, enum jis_set *set, enum jis_target *g2)
{
	if (left >= 3 && b[1] == '.' && (b[2] == 'A' || b[2] == 'F')) {
		*g2 = b[2] == 'A' ? T_LATIN1 : T_GREEK;
		return 3;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(jis_escapes); i++) {
		size_t n = strlen(jis_escapes[i].seq);

		if (left > n && memcmp(b + 1, jis_escapes[i].seq, n) == 0) {
			if (jis_escapes[i].set != JIS_KEEP)
				*set = jis_escapes[i].set;
			return n + 1;
		}
	}
	return 0;
}

long
mail_jis_decode(const unsigned char *b, size_t len, GString *out)
{
	struct jis_out j = { out, g_string_new(NULL), T_NONE, 0 };
	enum jis_set set = JIS_ASCII;
	enum jis_target g2 = T_NONE;
	bool shifted = false;          /* SO: half-width katakana until SI */
	size_t i = 0;

	while (i < len) {
		unsigned char c = b[i], k;
		size_t n;

		if (c == 0x1b) {
			n = jis_escape(b + i, len - i, &set, &g2);
			if (n > 0) {
				i += n;
			} else if (i + 2 < len && b[i + 1] == 'N' && g2 != T_NONE &&
			    b[i + 2] >= 0x20 && b[i + 2] < 0x80) {
				k = b[i + 2] | 0x80;
				jis_put(&j, g2, &k, 1);
				i += 3;
			} else {
				jis_bad(&j);
				i++;
			}
			continue;
		}
		i++;
		if (c == 0x0e || c == 0x0f) {
			shifted = c == 0x0e;
			continue;
		}
		if (c >= 0xa1 && c <= 0xdf) {             /* 8-bit katakana (JIS8) */
			jis_put(&j, T_CP932, &c, 1);
			continue;
		}
		if (c >= 0x80) {
			jis_bad(&j);
			continue;
		}
		if ((shifted || set == JIS_KANA) && c >= 0x21 && c <= 0x5f) {
			k = c | 0x80;
			jis_put(&j, T_CP932, &k, 1);
			continue;
		}
		if (c <= 0x20 || c == 0x7f || set == JIS_ASCII || set == JIS_KANA) {
			jis_put(&j, T_CP932, &c, 1);  /* blanks and line ends in any set */
			continue;
		}
		if (i < len && b[i] >= 0x21 && b[i] <= 0x7e) {
			jis_double(&j, set, c, b[i]);
			i++;
		} else {
			jis_bad(&j);
		}
	}
	jis_flush(&j);
	g_string_free(j.run, TRUE);
	return j.bad;
}
