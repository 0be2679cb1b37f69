/* Header values as the mail wrote them (raw, folded, perhaps 8-bit),
 * decoded to UTF-8: RFC 2047 encoded words (adjacent words of one charset
 * joined before decoding, so a character split between words survives),
 * raw 8-bit or ISO-2022-JP text, address lists and RFC 2231 parameters.
 * Charsets go through mail_charset_decode(), so wrong labels are caught. */
#ifndef MADO_MAIL_HEADER_H
#define MADO_MAIL_HEADER_H

#include <glib.h>

#include "core/mail.h"

/* An unstructured value (Subject) as one line: unfolded, decoded, every
 * control character a space, trimmed. Caller frees with g_free(). */
char *mail_header_text(const char *raw);

/* Appends each address of an address list (From, To, Cc) to out, an array
 * of struct mail_addr whose strings the caller frees (g_free()). Groups are
 * flattened; display names are unquoted and decoded; addresses are
 * lower-cased, "" when not of the form local@domain. */
void mail_header_addrs(const char *raw, GArray *out);

/* The parameter name (e.g. "filename") of a Content-Disposition or
 * Content-Type value, RFC 2231 continuations and charsets or RFC 2047
 * words decoded; NULL when absent. Caller frees with g_free(). */
char *mail_header_param(const char *raw, const char *name);

/* A Message-ID as stored: no angle brackets, blanks or control
 * characters, valid UTF-8; NULL when id is NULL or nothing is left.
 * Caller frees with g_free(). */
char *mail_msgid_clean(const char *id);

#endif
