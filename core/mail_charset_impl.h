/* Inside the mail charset decoder (mail_charset.c): lenient iconv
 * (mail_iconv.c) and the ISO-2022-JP escape parser (mail_jis.c). */
#ifndef MADO_MAIL_CHARSET_IMPL_H
#define MADO_MAIL_CHARSET_IMPL_H

#include <glib.h>
#include <stddef.h>

#define MAIL_REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

/* Appends n bytes of UTF-8, leaving out U+0000. */
void mail_text_append(GString *out, const char *s, size_t n);

/* Converts len bytes from charset `from` and appends them to out, each
 * byte iconv refuses as U+FFFD. Returns how many bytes were refused, or -1
 * when iconv does not know `from` (out unchanged). */
long mail_iconv_append(const char *from, const char *bytes, size_t len, GString *out);

/* Decodes ISO-2022-JP and its variants and appends them to out. Returns
 * how many bytes could not be decoded (each became U+FFFD). */
long mail_jis_decode(const unsigned char *b, size_t len, GString *out);

#endif
