/* HTML mail as readable text, through libxml2's HTML parser (recovering
 * from broken markup, fetching nothing, expanding no external entity).
 * Block elements and <br> become line breaks, list items start with "・",
 * table cells on one row are separated by " | ", links keep their address
 * when it differs from their text, <head>, <script> and <style> are left
 * out, runs of white space become one space, and there is at most one
 * blank line in a row. */
#ifndef MADO_MAIL_HTML_H
#define MADO_MAIL_HTML_H

#include <stddef.h>

/* html: len bytes of UTF-8. Returns the text (g_free()), "" when there is
 * none. */
char *mail_html_to_text(const char *html, size_t len);

#endif
