/* madod's part of the system configuration (core/config.h):
 *
 *   [daemon]  log = syslog|stderr, poll_seconds = N (default 60)
 *   [source NAME]  one mail source each:
 *             type = imap|imaps|pop3|pop3s|maildir
 *             url = imap://host:port/INBOX (pop3://host:port/ for POP3;
 *                   imaps://, pop3s:// for TLS), or path = DIR for maildir
 *             user, password_file (IMAP/POP3; the file must not be
 *                   world-readable: madod checks it, check-config says so)
 *             ca_file = PEM (TLS: trust this CA instead of the system's)
 *             starttls = no|try|require (imap and pop3 only; default no:
 *                   the login goes in clear unless require; check-config
 *                   warns when the server is not on this machine)
 *             queue = CODE (the queue the address belongs to)
 *             delete_after = true|false (IMAP/POP3: delete once committed)
 *             poll_seconds = N (default: [daemon]'s), idle = true|false (IMAP)
 *   [mail]    alert_rules = PATH, autoreply_per_hour = N (default 5)
 *   [jobs]    archive_dir = DIR (retention archives), and NAME = daily HH:MM
 *             or off for each job madod runs (times in JST)
 *
 * Parsing checks the syntax only (mado reads the same file); files and
 * queues are checked by madod. Every error is "FILE: [group] key: what is
 * wrong"; all of a file's errors are reported together, one per line. */
#ifndef MADO_CONFIG_MAIL_H
#define MADO_CONFIG_MAIL_H

#include <glib.h>
#include <stdbool.h>

#include "base/err.h"

enum source_type { SOURCE_IMAP, SOURCE_IMAPS, SOURCE_POP3, SOURCE_POP3S, SOURCE_MAILDIR };
/* STARTTLS on a plain imap:// or pop3:// source: not asked for; asked for
 * when the server offers it (one that strips the offer gets the login in
 * clear); or required (no offer: no login). */
enum source_starttls { SOURCE_STARTTLS_NO, SOURCE_STARTTLS_TRY, SOURCE_STARTTLS_REQUIRE };

struct mail_source {
	char *name;           /* from [source NAME] */
	enum source_type type;
	char *url;            /* IMAP/POP3 */
	char *path;           /* maildir */
	char *user;
	char *password_file;
	char *ca_file;        /* or NULL */
	enum source_starttls starttls;   /* SOURCE_STARTTLS_NO unless imap/pop3 */
	char *queue;
	bool delete_after;
	bool idle;
	int poll_seconds;
};

struct job_schedule {
	char *name;           /* the [jobs] key */
	int minute;           /* daily at this minute of the JST day; -1: off */
};

struct madod_config {
	bool log_syslog;
	int poll_seconds;
	struct mail_source *sources;
	int nsources;
	char *alert_rules;    /* or NULL */
	int autoreply_per_hour;
	char *archive_dir;    /* or NULL */
	struct job_schedule *jobs;
	int njobs;
};

/* Reads [daemon], [source *], [mail] and [jobs] from kf (file names it in
 * messages). On error *m is left empty. Caller frees with madod_config_free(). */
int madod_config_load(GKeyFile *kf, const char *file, struct madod_config *m,
	struct mado_err *e);
void madod_config_defaults(struct madod_config *m);
void madod_config_free(struct madod_config *m);

const char *source_type_name(enum source_type t);
bool source_is_pop3(enum source_type t);
const char *source_starttls_name(enum source_starttls t);
/* Whether s is a plain imap:// or pop3:// source to a host other than
 * this machine (localhost, 127.0.0.0/8, ::1) whose login is not sure to
 * be encrypted (starttls is not require). */
bool source_login_may_be_clear(const struct mail_source *s);

/* The schedule configured for job name: its minute of the day, -1 for
 * off, or dflt when [jobs] does not name it. */
int madod_config_job_minute(const struct madod_config *m, const char *name, int dflt);

#endif
