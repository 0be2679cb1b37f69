/* A generated corpus of mail as a help desk receives it: Japanese and
 * English, ISO-2022-JP, Shift_JIS/CP932 (with ① and 髙), UTF-8 in
 * quoted-printable, HTML-only and multipart/alternative, some with a
 * base64 attachment named in RFC 2231, some replies to earlier ones.
 * Message i is the same every time (no randomness). */
#ifndef MADO_BENCH_MAIL_CORPUS_H
#define MADO_BENCH_MAIL_CORPUS_H

#include <glib.h>

/* Message i (0-based) of the corpus as raw RFC 5322 bytes, CRLF lines. */
void mail_corpus_message(int i, GString *out);

/* Writes messages [0, n) into the Maildir dir/new (created), one file
 * each; returns the bytes written. */
size_t mail_corpus_maildir(const char *dir, int n);

#endif
