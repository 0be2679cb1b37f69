/* The FTS5 tokenizer "mado": Japanese (and other CJK) text as overlapping
 * character bigrams, Latin words as words, after NFKC and case folding.
 * SQLite's trigram tokenizer cannot find two-character words such as 印刷,
 * 障害 or 申請; bigrams can.
 *
 * Use: CREATE VIRTUAL TABLE t USING fts5(x, tokenize='mado') or
 * tokenize='mado kana'. db_open() registers it on every connection; a
 * connection without it (the sqlite3 shell) cannot read or write such a
 * table.
 *
 * THE CONTRACT (the query layer relies on it; the same rules apply to
 * documents and queries, so the same text always gives the same tokens):
 *
 * Normalisation. Each character, together with the combining marks that
 * follow it (at most 16 characters in all), is NFKC-normalised, then case
 * folded (and NFKC again where folding undid it): ＡＢＣ１２３ → abc123,
 * ｶﾞｲﾄﾞ → ガイド, ① → 1, ㈱ → (株), ㍻ → 平成, Ⅻ → xii, Straße →
 * strasse. With the argument "kana", katakana is then folded to
 * hiragana (ア → あ, ヽ → ゝ; ー and ヷヸヹヺ stay): give it to every table
 * that is searched together, since documents and queries are folded alike.
 *
 * Classes of the normalised characters:
 *  - CJK: Han (with 々 〆 〇), Hiragana, Katakana, the prolonged sound mark
 *    ー, Hangul (conjoining jamo, as in NFD text, stay jamo: a segment never
 *    composes with the next one).
 *  - word characters: any other letter or digit (Latin, Greek, Cyrillic,
 *    ...), with the combining marks that follow it.
 *  - everything else separates tokens and is not indexed: spaces,
 *    punctuation ('.', '-', '_', '@', '/' included), symbols, emoji,
 *    control characters, and each invalid UTF-8 byte.
 *
 * Words. A run of word characters is one token: "Outlook" → outlook,
 * "Win10" → win10, "E-102" → e, 102, "user_id" → user, id,
 * "mado@example.jp" → mado, example, jp. A run longer than
 * DB_FTS_TOKEN_MAX bytes (after normalisation) is cut into pieces of at most
 * that many bytes, each a token at the next position, cut the same way in
 * a query, so a long word still matches as a phrase.
 *
 * CJK. A run of CJK characters of length n gives, at consecutive positions:
 *  - n = 1: the character itself (印 → 印);
 *  - n >= 2: the n - 1 overlapping bigrams (印刷できない → 印刷 刷で でき
 *    きな ない).
 * A run ends at any non-CJK character: "Outlookでメールが送れない" →
 * outlook でメ メー ール ルが が送 送れ れな ない.
 * When FTS5 tokenizes a DOCUMENT (FTS5_TOKENIZE_DOCUMENT), each character
 * of a run of two or more is also emitted as its own token, colocated
 * (FTS5_TOKEN_COLOCATED) with the bigram that starts with it, and the
 * last character colocated with the last bigram. Positions stay those of
 * the bigrams. Queries (and FTS5_TOKENIZE_AUX) get no such unigrams.
 * The price, measured on madogen --tickets 20000 (58,750 rows of tickets,
 * comments and articles): the index is 24.8 MB instead of 12.9 MB with
 * bigrams alone and inserting takes about 1.5 times as long. For it, one
 * character is an exact term (top 20 by bm25 in 1-6 ms there, 43 ms for
 * の in 42,000 rows) instead of a prefix query "印"* that merges every
 * bigram starting with it and still misses the character at the end of a
 * run (障 in 591 rows of 959). Emitting only each run's last character
 * would cost 14.3 MB and make "印"* complete, at the price of a contract
 * where a bare "印" finds only run ends.
 *
 * What a query gives, therefore (a bareword or "string" in MATCH is one
 * phrase of its tokens):
 *  - 1 CJK character: that character, which matches the colocated
 *    unigrams: "印" finds every document with 印 anywhere in a run. No
 *    prefix query is needed ("印"* also works: it matches the unigram and
 *    every bigram starting with 印).
 *  - 2 characters: one bigram: "印刷" finds 印刷 wherever it stands.
 *  - 3 or more: the phrase of its bigrams, which match only consecutive
 *    bigrams of a document, i.e. the same characters adjacent in one run:
 *    "印刷できない" finds exactly that string. A phrase ends at a non-CJK
 *    character like any run, so "Outlookでメール" is the phrase outlook でメ
 *    メー ール and matches that text as written.
 *  - A query whose CJK characters are split by punctuation or spaces in the
 *    document does not match as one phrase (印刷・できない vs 印刷できない);
 *    the query layer may split its terms at spaces and AND them.
 *  - "x"* with FTS5_TOKENIZE_PREFIX: the last token is the prefix, so
 *    "印刷で"* is the phrase 印刷 + 刷で*, and "out"* finds outlook.
 *
 * Fixed points. A token tokenized again as a query is that one token, and
 * a document's tokens at new positions are exactly the tokens of the same
 * text as a query (tests/fuzz/fuzz_fts_tokenizer.c checks both), so the
 * query layer may store, compare and quote tokens it got from here.
 *
 * Offsets. Every token carries the byte offsets [start, end) of the
 * ORIGINAL text it came from (a bigram spans its two characters, a
 * normalised form its source: ＡＢＣ is 9 bytes for the 3-byte token abc),
 * so highlight() and snippet() point into the text as stored. FTS5 marks a
 * hit by the token at its position, which is the bigram: a one-character
 * hit is shown with the character after it (印刷 for a hit on 印). */
#ifndef MADO_FTS_TOKENIZER_H
#define MADO_FTS_TOKENIZER_H

#include <sqlite3.h>

#include "base/err.h"

/* The longest token in bytes (normalised text). */
#define DB_FTS_TOKEN_MAX 64

/* Tokenizer options. */
enum {
	DB_FTS_KANA = 1,    /* fold katakana to hiragana ("kana") */
};

/* Registers the tokenizer "mado" with the connection's FTS5. */
int db_fts_register(sqlite3 *h, struct mado_err *e);

/* The callback FTS5 gives a tokenizer: tflags is 0 or FTS5_TOKEN_COLOCATED;
 * tok (ntok bytes, not NUL-terminated) is only valid during the call. A
 * non-zero return stops tokenizing and is returned. */
typedef int (*db_fts_token_fn)(void *ctx, int tflags, const char *tok, int ntok,
	int start, int end);

/* Tokenizes the len bytes at text as FTS5 would for fts5_flags (the
 * FTS5_TOKENIZE_* reason), calling fn for each token. Returns SQLITE_OK, or
 * the first non-zero value fn returned. For tests, fuzzing and any caller
 * that must see the same tokens as the index. */
int db_fts_tokenize(const char *text, int len, int fts5_flags, unsigned opts,
	db_fts_token_fn fn, void *ctx);

#endif
