/* Text in the charsets mail in Japan comes in, decoded to UTF-8.
 *
 * ISO-2022-JP and its variants (JIS X 0212, JIS X 0213, half-width
 * katakana by ESC ( I, SO/SI or 8-bit bytes, the NEC and IBM rows Outlook
 * sends) are read by our own escape parser; Shift_JIS labels are read as
 * CP932 and EUC-JP labels as eucJP-ms, so vendor characters such as ①, Ⅰ,
 * ㈱, 髙 and 﨑 survive. A label that is missing, unknown or contradicted by
 * the bytes (iso-2022-jp over Shift_JIS, us-ascii over 8-bit bytes) is
 * replaced by detection: ISO-2022-JP escapes, then valid UTF-8, then
 * whichever of CP932 and EUC-JP reads the bytes cleanly and more like
 * Japanese text. Bytes that nothing decodes become U+FFFD; the result is
 * always valid UTF-8. */
#ifndef MADO_MAIL_CHARSET_H
#define MADO_MAIL_CHARSET_H

#include <stddef.h>

/* Decodes len bytes declared as charset (NULL or "" when the mail gives
 * none; an RFC 2231 language suffix "*ja" is allowed). Never fails. U+0000
 * is left out; other control characters are kept for the caller to clean
 * for its use. Caller frees the result with g_free(). */
char *mail_charset_decode(const char *charset, const char *bytes, size_t len);

#endif
