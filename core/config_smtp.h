/* [smtp] of the site configuration: how madod sends notifications.
 *   host = localhost        port = 25
 *   starttls = no|try|require (try)
 *   user = NAME             password_file = PATH (with user; not world-readable)
 *   ca_file = PEM           (TLS: trust this CA instead of the system's)
 *   from = ヘルプデスク <desk@example.jp>   (required to send)
 *   domain = example.jp     (Message-IDs; default: the from address's domain)
 *   max_attempts = 10       (then the notification is marked failed)
 *   timeout = 60            (seconds to wait for each answer; twice that
 *                            for the end of a message) */
#ifndef MADO_CONFIG_SMTP_H
#define MADO_CONFIG_SMTP_H

#include <glib.h>

#include "base/err.h"

enum smtp_starttls { SMTP_STARTTLS_NO, SMTP_STARTTLS_TRY, SMTP_STARTTLS_REQUIRE };

struct smtp_config {
	char *host;
	int port;
	enum smtp_starttls starttls;
	char *user;             /* NULL: no AUTH */
	char *password_file;    /* set when user is */
	char *ca_file;          /* NULL: the system's CAs */
	char *from;             /* NULL when not configured */
	char *domain;           /* NULL: the from address's domain */
	int max_attempts;
	int timeout;            /* seconds */
};

/* The defaults, before a file is read. */
void config_smtp_default(struct smtp_config *s);
/* Reads [smtp] from kf (file names it in errors: MADO_ECONFIG,
 * "file: [smtp] key: ..."). */
int config_smtp_load(GKeyFile *kf, const char *file, struct smtp_config *s,
	struct mado_err *e);
void config_smtp_free(struct smtp_config *s);

/* The password from password_file (first line), refused when the file is
 * readable by others. *out is newly allocated; caller frees with g_free(). */
int config_smtp_password(const struct smtp_config *s, char **out, struct mado_err *e);

#endif
