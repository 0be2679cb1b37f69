/* The FTS5 tokenizer "mado"; the rules are in fts_tokenizer.h.
 *
 * The text is read once, left to right. Each character with the marks
 * that follow it (a segment) becomes zero or more units: one normalised
 * character with its marks, a class and the segment's original offsets.
 * Units feed two small states, the word being built and the CJK run, which
 * emit tokens as they end, so the work is linear in the input and needs no
 * allocation except for the rare characters NFKC changes. */
#include "fts_tokenizer.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* Characters normalised together: a base and the marks that follow it.
 * Bounded because normalising a long run of marks sorts them. */
#define SEGMENT_MAX 16
/* Bytes of one unit: a base character and the first marks that fit. */
#define UNIT_MAX 16
/* The decoder's answer for a byte that does not start a valid character. */
#define BAD ((gunichar)-1)

enum unit_class { UNIT_SEP, UNIT_WORD, UNIT_CJK };

struct unit {
	char text[UNIT_MAX];
	int len;
	int start, end;          /* bytes of the original text */
	enum unit_class cls;
};

struct tokenizer {
	db_fts_token_fn emit;
	void *ctx;
	int document;            /* also emit colocated unigrams */
	int kana;
	char word[DB_FTS_TOKEN_MAX];
	int wlen, wstart, wend;  /* wlen 0: no word under way */
	struct unit prev;        /* the last character of the CJK run */
	int run;                 /* characters in the CJK run so far */
	int rc;                  /* first non-zero return of emit */
};

/* CJK characters that NFKC and case folding leave as they are: the common
 * case of Japanese text, taken without looking anything up. */
static int
cjk_stable(gunichar c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309E) ||
		(c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FE) ||
		(c >= 0x3005 && c <= 0x3007) || (c >= 0x3400 && c <= 0x4DBF) ||
		(c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
}

static int
is_cjk(gunichar c)
{
	GUnicodeScript sc;

	if (cjk_stable(c) || (c >= 0x3031 && c <= 0x3035))
		return 1;
	if (c < 0x1100)
		return 0;
	sc = g_unichar_get_script(c);
	if (sc != G_UNICODE_SCRIPT_HAN && sc != G_UNICODE_SCRIPT_HIRAGANA &&
	    sc != G_UNICODE_SCRIPT_KATAKANA && sc != G_UNICODE_SCRIPT_HANGUL)
		return 0;
	return g_unichar_isalpha(c) || g_unichar_type(c) == G_UNICODE_LETTER_NUMBER;
}

static enum unit_class
class_of(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum(c) ? UNIT_WORD : UNIT_SEP;
	if (is_cjk(c))
		return UNIT_CJK;
	return g_unichar_isalnum(c) ? UNIT_WORD : UNIT_SEP;
}

/* Characters that belong to the one before them: marks and the
 * half-width voiced sound marks (ｶﾞ is one kana). Not the conjoining Hangul
 * jamo, though NFKC composes them: a segment must never compose with the
 * next, or a bigram of two jamo would tokenize again as one syllable. */
static int
is_continuation(gunichar c)
{
	return c >= 0x300 && (g_unichar_ismark(c) || c == 0xFF9E || c == 0xFF9F);
}

static gunichar
fold_kana(gunichar c)
{
	if (c >= 0x30A1 && c <= 0x30F6)
		return c - 0x60;
	if (c == 0x30FD || c == 0x30FE)
		return c - 0x60;
	return c;
}

/* The character at s[i] (of n bytes) in *c, BAD when invalid; returns its
 * length (1 for a bad byte). */
static int
decode(const char *s, int n, int i, gunichar *c)
{
	unsigned char b = (unsigned char)s[i];
	int len;

	if (b < 0x80) {
		*c = b;
		return 1;
	}
	len = g_utf8_skip[b];
	if (len > n - i) {
		*c = BAD;
		return 1;
	}
	*c = g_utf8_get_char_validated(s + i, len);
	if (*c == BAD || *c == (gunichar)-2) {
		*c = BAD;
		return 1;
	}
	return len;
}

static void
unit_set(struct tokenizer *t, struct unit *u, gunichar c, int start, int end)
{
	u->cls = class_of(c);
	if (u->cls == UNIT_WORD && c < 0x80)
		c = g_ascii_tolower(c);
	else if (u->cls == UNIT_CJK && t->kana)
		c = fold_kana(c);
	u->len = g_unichar_to_utf8(c, u->text);
	u->start = start;
	u->end = end;
}

/* Adds a mark to the unit when it fits; the rest are dropped. */
static void
unit_mark(struct unit *u, gunichar m)
{
	char buf[6];
	int len = g_unichar_to_utf8(m, buf);

	if (u->len + len <= UNIT_MAX) {
		memcpy(u->text + u->len, buf, len);
		u->len += len;
	}
}

static void
emit(struct tokenizer *t, int tflags, const char *tok, int ntok, int start, int end)
{
	if (t->rc == SQLITE_OK)
		t->rc = t->emit(t->ctx, tflags, tok, ntok, start, end);
}

static void
end_word(struct tokenizer *t)
{
	if (t->wlen > 0)
		emit(t, 0, t->word, t->wlen, t->wstart, t->wend);
	t->wlen = 0;
}

static void
end_run(struct tokenizer *t)
{
	if (t->run == 1)
		emit(t, 0, t->prev.text, t->prev.len, t->prev.start, t->prev.end);
	else if (t->run > 1 && t->document)
		emit(t, FTS5_TOKEN_COLOCATED, t->prev.text, t->prev.len,
			t->prev.start, t->prev.end);
	t->run = 0;
}

static void
add_word(struct tokenizer *t, const struct unit *u)
{
	/* A long run is cut into pieces; cut at the same units in a query. */
	if (t->wlen + u->len > DB_FTS_TOKEN_MAX)
		end_word(t);
	if (t->wlen == 0)
		t->wstart = u->start;
	memcpy(t->word + t->wlen, u->text, u->len);
	t->wlen += u->len;
	t->wend = u->end;
}

static void
add_cjk(struct tokenizer *t, const struct unit *u)
{
	if (t->run > 0) {
		char bigram[2 * UNIT_MAX];

		memcpy(bigram, t->prev.text, t->prev.len);
		memcpy(bigram + t->prev.len, u->text, u->len);
		emit(t, 0, bigram, t->prev.len + u->len, t->prev.start, u->end);
		if (t->document)
			emit(t, FTS5_TOKEN_COLOCATED, t->prev.text, t->prev.len,
				t->prev.start, t->prev.end);
	}
	t->prev = *u;
	t->run++;
}

static void
feed_sep(struct tokenizer *t)
{
	end_word(t);
	end_run(t);
}

static void
feed(struct tokenizer *t, const struct unit *u)
{
	switch (u->cls) {
	case UNIT_WORD:
		end_run(t);
		add_word(t, u);
		break;
	case UNIT_CJK:
		end_word(t);
		add_cjk(t, u);
		break;
	case UNIT_SEP:
		feed_sep(t);
		break;
	}
}

/* NFKC and case folding of len bytes at s; newly allocated (g_free).
 * Folding again gives the same text, so a token tokenizes to itself: the
 * case is folded twice because GLib's casefold leaves some letters upper
 * (Cherokee Ᏽ) that its lowercase maps, and NFKC comes again because
 * folding can undo it (ß + U+0301 → ss + U+0301, which composes to sś). */
static char *
fold_text(const char *s, int len)
{
	char *norm = g_utf8_normalize(s, len, G_NORMALIZE_NFKC);
	char *folded = g_utf8_casefold(norm, -1);
	char *lower = g_utf8_strdown(folded, -1);

	g_free(folded);
	if (strcmp(lower, norm) == 0) {
		g_free(lower);
		return norm;
	}
	g_free(norm);
	norm = g_utf8_normalize(lower, -1, G_NORMALIZE_NFKC);
	g_free(lower);
	return norm;
}

/* The general case: NFKC and case folding by GLib, whose result may be
 * several characters (㈱ → (株)), each with the segment's offsets. */
static void
segment_slow(struct tokenizer *t, const char *s, int start, int end)
{
	char *folded = fold_text(s + start, end - start);
	struct unit u;
	int have = 0;

	for (const char *p = folded; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_ismark(c)) {
			if (have)
				unit_mark(&u, c);
			continue;
		}
		if (have)
			feed(t, &u);
		unit_set(t, &u, c, start, end);
		have = 1;
	}
	if (have)
		feed(t, &u);
	g_free(folded);
}

/* One segment: the characters s[start, end), the first being c. */
static void
segment(struct tokenizer *t, const char *s, int start, int end, gunichar c, int nchars)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	struct unit u;

	if (nchars == 1 && (c < 0x80 || cjk_stable(c))) {
		unit_set(t, &u, c, start, end);
		feed(t, &u);
		return;
	}
	if (nchars == 1 &&
	    g_unichar_fully_decompose(c, TRUE, d, G_UNICHAR_MAX_DECOMPOSITION_LENGTH) == 1) {
		/* NFKC of one character decomposing to one is that one. */
		if (d[0] < 0x80 || cjk_stable(d[0])) {
			unit_set(t, &u, d[0], start, end);
			feed(t, &u);
			return;
		}
		if (class_of(d[0]) == UNIT_SEP) {  /* punctuation, emoji */
			feed_sep(t);
			return;
		}
	}
	segment_slow(t, s, start, end);
}

int
db_fts_tokenize(const char *text, int len, int fts5_flags, unsigned opts,
	db_fts_token_fn fn, void *ctx)
{
	struct tokenizer t = {
		.emit = fn, .ctx = ctx, .rc = SQLITE_OK,
		.document = (fts5_flags & FTS5_TOKENIZE_DOCUMENT) != 0,
		.kana = (opts & DB_FTS_KANA) != 0,
	};
	gunichar c, next = 0;
	int i = 0, clen;

	if (text == NULL || len <= 0)
		return SQLITE_OK;
	clen = decode(text, len, 0, &c);
	while (i < len && t.rc == SQLITE_OK) {
		int end = i + clen, nchars = 1, nlen = 0;

		if (c == BAD || c == 0) {
			feed_sep(&t);
			i++;
			if (i < len)
				clen = decode(text, len, i, &c);
			continue;
		}
		while (end < len) {
			nlen = decode(text, len, end, &next);
			if (next == BAD || nchars >= SEGMENT_MAX || !is_continuation(next))
				break;
			end += nlen;
			nchars++;
		}
		segment(&t, text, i, end, c, nchars);
		i = end;
		c = next;
		clen = nlen;
	}
	feed_sep(&t);
	return t.rc;
}

/* The SQLite face: an instance holds the table's options. */
struct instance {
	unsigned opts;
};

static int
tok_create(void *data, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct instance *in;
	unsigned opts = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "kana") == 0)
			opts |= DB_FTS_KANA;
		else
			return SQLITE_ERROR;  /* a misspelt option must not pass */
	}
	in = calloc(1, sizeof *in);
	if (in == NULL)
		return SQLITE_NOMEM;
	in->opts = opts;
	*out = (Fts5Tokenizer *)in;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *tok)
{
	free(tok);
}

static int
tok_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
	int (*fn)(void *, int, const char *, int, int, int))
{
	const struct instance *in = (const struct instance *)tok;

	return db_fts_tokenize(text, len, flags, in->opts, fn, ctx);
}

int
db_fts_register(sqlite3 *h, struct mado_err *e)
{
	fts5_tokenizer methods = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK || api == NULL || api->iVersion < 2)
		return mado_err_set(e, MADO_EFAIL, _("full-text search (FTS5) is not available: %s"),
			rc != SQLITE_OK ? sqlite3_errmsg(h) : "no fts5_api");
	/* FTS5 keeps a copy of methods; no user data to free. */
	rc = api->xCreateTokenizer(api, "mado", NULL, &methods, NULL);
	if (rc != SQLITE_OK)
		return mado_err_set(e, MADO_EFAIL, _("cannot register the full-text tokenizer: %s"),
			sqlite3_errstr(rc));
	return MADO_OK;
}
