/* Mail templates: share/templates/mail/LANG/EVENT.txt. The first line is
 * "Subject: ...", then a blank line, then the body. Placeholders:
 *   {name}    the value (may be empty)
 *   {name?}   the value; when it is empty the whole line is left out
 *   {{ }}     literal braces
 * Only the names given are known: any other is an error naming FILE:LINE.
 * Nothing in a template is ever run. */
#ifndef MADO_NOTIFY_RENDER_H
#define MADO_NOTIFY_RENDER_H

#include "base/err.h"

struct notify_value {
	const char *name, *value;   /* value NULL counts as empty */
};

/* The template file of an event in a language: newly allocated (g_free). */
char *notify_template_path(const char *sharedir, const char *lang, const char *event);

/* Renders text (read from file, named in errors) with n values. The
 * subject comes out as one line (control characters removed) and the body
 * with LF line ends and no control characters other than tab and newline.
 * Both newly allocated (g_free). MADO_EDATA "FILE:LINE: ..." when the
 * template is wrong. */
int notify_render_text(const char *file, const char *text, const struct notify_value *v,
	int n, char **subject, char **body, struct mado_err *e);
/* The same, reading the file (MADO_ENOTFOUND when it is missing). */
int notify_render(const char *file, const struct notify_value *v, int n, char **subject,
	char **body, struct mado_err *e);

/* s as one line for a mail header: CR, LF and every other control
 * character become a space, runs of spaces collapse, the ends are
 * trimmed; invalid UTF-8 is replaced. Newly allocated (g_free). */
char *notify_header_clean(const char *s);

#endif
