#include "config_mail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static const char *const type_names[] = { "imap", "imaps", "pop3", "pop3s", "maildir" };
static const char *const starttls_names[] = { "no", "try", "require" };

const char *
source_type_name(enum source_type t)
{
	return type_names[t];
}

bool
source_is_pop3(enum source_type t)
{
	return t == SOURCE_POP3 || t == SOURCE_POP3S;
}

const char *
source_starttls_name(enum source_starttls t)
{
	return starttls_names[t];
}

bool
source_login_may_be_clear(const struct mail_source *s)
{
	const char *host;
	size_t len;

	if ((s->type != SOURCE_IMAP && s->type != SOURCE_POP3) || s->url == NULL ||
	    s->starttls == SOURCE_STARTTLS_REQUIRE || strstr(s->url, "://") == NULL)
		return false;
	host = strstr(s->url, "://") + 3;
	if (*host == '[')
		len = strcspn(host, "]") + 1;
	else
		len = strcspn(host, ":/");
	if ((len == 9 && g_ascii_strncasecmp(host, "localhost", 9) == 0) ||
	    (len == 5 && strncmp(host, "[::1]", 5) == 0))
		return false;
	/* 127.0.0.0/8: "127." and then digits and dots only */
	return !(len > 4 && strncmp(host, "127.", 4) == 0 &&
		strspn(host + 4, "0123456789.") == len - 4);
}

/* Adds one more line to the errors of this file. */
static void __attribute__((format(printf, 2, 3)))
add_error(struct mado_err *e, const char *fmt, ...)
{
	size_t used = strlen(e->msg);
	va_list ap;

	if (used > 0 && used + 1 < sizeof e->msg)
		e->msg[used++] = '\n';
	va_start(ap, fmt);
	if (used < sizeof e->msg)
		vsnprintf(e->msg + used, sizeof e->msg - used, fmt, ap);
	va_end(ap);
	e->status = MADO_ECONFIG;
}

struct reader {
	GKeyFile *kf;
	const char *file;
	struct mado_err *e;
};

static void
int_key(struct reader *r, const char *group, const char *key, int min, int max, int *out)
{
	GError *gerr = NULL;
	int v;

	if (!g_key_file_has_key(r->kf, group, key, NULL))
		return;
	v = g_key_file_get_integer(r->kf, group, key, &gerr);
	if (gerr != NULL || v < min || v > max)
		add_error(r->e, _("%s: [%s] %s: must be a whole number from %d to %d"), r->file,
			group, key, min, max);
	else
		*out = v;
	if (gerr != NULL)
		g_error_free(gerr);
}

static void
bool_key(struct reader *r, const char *group, const char *key, bool *out)
{
	GError *gerr = NULL;
	gboolean v;

	if (!g_key_file_has_key(r->kf, group, key, NULL))
		return;
	v = g_key_file_get_boolean(r->kf, group, key, &gerr);
	if (gerr != NULL) {
		add_error(r->e, _("%s: [%s] %s: must be true or false"), r->file, group, key);
		g_error_free(gerr);
	} else
		*out = v;
}

/* A string key; "" counts as absent. Paths must be absolute. */
static char *
str_key(struct reader *r, const char *group, const char *key, bool path)
{
	char *v = g_key_file_get_string(r->kf, group, key, NULL);

	if (v != NULL && *v == '\0') {
		g_free(v);
		return NULL;
	}
	if (v != NULL && path && !g_path_is_absolute(v))
		add_error(r->e, _("%s: [%s] %s: must be an absolute path ('%s')"), r->file, group,
			key, v);
	return v;
}

static void
required(struct reader *r, const char *group, const char *key, const char *v)
{
	if (v == NULL)
		add_error(r->e, _("%s: [%s] %s: is required"), r->file, group, key);
}

/* imap://host[:port]/MAILBOX, pop3://host[:port]/: the scheme must be the
 * type's (TLS or not), with a host, and no credentials in it. */
static void
check_url(struct reader *r, const char *group, const struct mail_source *s)
{
	char prefix[16];
	const char *host;

	snprintf(prefix, sizeof prefix, "%s://", type_names[s->type]);
	if (g_ascii_strncasecmp(s->url, prefix, strlen(prefix)) != 0) {
		add_error(r->e, _("%s: [%s] url: must start with %s for type %s ('%s')"), r->file,
			group, prefix, type_names[s->type], s->url);
		return;
	}
	host = s->url + strlen(prefix);
	if (*host == '\0' || *host == '/' || *host == ':')
		add_error(r->e, _("%s: [%s] url: names no host ('%s')"), r->file, group, s->url);
	else if (strcspn(host, "@/") < strlen(host) && host[strcspn(host, "@/")] == '@')
		add_error(r->e, _("%s: [%s] url: must not hold a user or password; use user and"
			" password_file"), r->file, group);
	else if (strpbrk(s->url, " \t\r\n") != NULL)
		add_error(r->e, _("%s: [%s] url: must not contain spaces"), r->file, group);
	else if (!source_is_pop3(s->type) && strchr(host, '/') == NULL)
		add_error(r->e, _("%s: [%s] url: names no mailbox (imap://host/INBOX)"), r->file,
			group);
}

/* starttls = no|try|require: only for the plain types (imaps:// and
 * pop3s:// are TLS from the first byte). */
static void
starttls_key(struct reader *r, const char *group, struct mail_source *s)
{
	char *v = g_key_file_get_string(r->kf, group, "starttls", NULL);
	int t;

	if (v == NULL)
		return;
	for (t = 0; t < 3 && strcmp(v, starttls_names[t]) != 0; t++)
		;
	if (t == 3)
		add_error(r->e, _("%s: [%s] starttls: must be no, try or require ('%s')"), r->file,
			group, v);
	else if (s->type != SOURCE_IMAP && s->type != SOURCE_POP3)
		add_error(r->e, _("%s: [%s] starttls: only for type imap or pop3; type %s has"
			" no STARTTLS (imaps and pop3s are TLS from the start)"), r->file, group,
			type_names[s->type]);
	else
		s->starttls = (enum source_starttls)t;
	g_free(v);
}

static void
read_source(struct reader *r, const char *group, int dflt_poll, struct mail_source *s)
{
	char *type = g_key_file_get_string(r->kf, group, "type", NULL);
	const char *name = group + strlen("source");
	bool known_type;
	int t;

	while (*name == ' ')
		name++;
	s->name = g_strdup(name);
	if (*name == '\0' || strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != strlen(name))
		add_error(r->e, _("%s: [%s]: a source's name is letters, digits, '-', '_' and '.'"),
			r->file, group);
	for (t = 0; type != NULL && t < 5 && strcmp(type, type_names[t]) != 0; t++)
		;
	known_type = type != NULL && t < 5;
	if (!known_type) {
		add_error(r->e, _("%s: [%s] type: must be imap, imaps, pop3, pop3s or maildir"),
			r->file, group);
		t = SOURCE_MAILDIR;
	}
	g_free(type);
	s->type = (enum source_type)t;
	s->queue = str_key(r, group, "queue", false);
	required(r, group, "queue", s->queue);
	s->poll_seconds = dflt_poll;
	int_key(r, group, "poll_seconds", 1, 24 * 3600, &s->poll_seconds);
	bool_key(r, group, "delete_after", &s->delete_after);
	s->idle = s->type == SOURCE_IMAP || s->type == SOURCE_IMAPS;
	bool_key(r, group, "idle", &s->idle);
	if (known_type)
		starttls_key(r, group, s);
	if (s->type == SOURCE_MAILDIR) {
		s->path = str_key(r, group, "path", true);
		required(r, group, "path", s->path);
		s->idle = false;
		return;
	}
	s->url = str_key(r, group, "url", false);
	s->user = str_key(r, group, "user", false);
	s->password_file = str_key(r, group, "password_file", true);
	s->ca_file = str_key(r, group, "ca_file", true);
	required(r, group, "url", s->url);
	required(r, group, "user", s->user);
	required(r, group, "password_file", s->password_file);
	if (s->url != NULL)
		check_url(r, group, s);
	if (source_is_pop3(s->type) && s->idle && g_key_file_has_key(r->kf, group, "idle", NULL))
		add_error(r->e, _("%s: [%s] idle: POP3 has no IDLE"), r->file, group);
	if (source_is_pop3(s->type))
		s->idle = false;
}

/* "daily HH:MM" -> minute of the day; "off" -> -1. */
static void
read_job(struct reader *r, const char *key, struct job_schedule *j)
{
	char *v = g_key_file_get_string(r->kf, "jobs", key, NULL);
	unsigned h, m;
	char end;

	j->name = g_strdup(key);
	j->minute = -1;
	if (v != NULL && strcmp(v, "off") == 0)
		;
	else if (v != NULL && sscanf(v, "daily %2u:%2u%c", &h, &m, &end) == 2 && h < 24 && m < 60)
		j->minute = (int)(h * 60 + m);
	else
		add_error(r->e, _("%s: [jobs] %s: must be 'daily HH:MM' (JST) or 'off'"), r->file,
			key);
	g_free(v);
}

static void
read_jobs(struct reader *r, struct madod_config *m)
{
	gsize n = 0;
	char **keys;

	m->archive_dir = str_key(r, "jobs", "archive_dir", true);
	keys = g_key_file_get_keys(r->kf, "jobs", &n, NULL);
	m->jobs = calloc(n + 1, sizeof *m->jobs);
	for (gsize i = 0; i < n; i++)
		if (strcmp(keys[i], "archive_dir") != 0)
			read_job(r, keys[i], &m->jobs[m->njobs++]);
	g_strfreev(keys);
}

void
madod_config_defaults(struct madod_config *m)
{
	memset(m, 0, sizeof *m);
	m->poll_seconds = 60;
	m->autoreply_per_hour = 5;
}

int
madod_config_load(GKeyFile *kf, const char *file, struct madod_config *m, struct mado_err *e)
{
	struct reader r = { kf, file, e };
	char **groups = g_key_file_get_groups(kf, NULL);
	char *log = g_key_file_get_string(kf, "daemon", "log", NULL);
	int n = 0;

	mado_err_clear(e);
	if (log != NULL && strcmp(log, "syslog") != 0 && strcmp(log, "stderr") != 0)
		add_error(e, _("%s: [daemon] log: must be syslog or stderr ('%s')"), file, log);
	m->log_syslog = log != NULL && strcmp(log, "syslog") == 0;
	g_free(log);
	int_key(&r, "daemon", "poll_seconds", 1, 24 * 3600, &m->poll_seconds);
	m->alert_rules = str_key(&r, "mail", "alert_rules", true);
	int_key(&r, "mail", "autoreply_per_hour", 0, 1000, &m->autoreply_per_hour);
	read_jobs(&r, m);
	for (int i = 0; groups[i] != NULL; i++)
		n += strncmp(groups[i], "source ", 7) == 0 || strcmp(groups[i], "source") == 0;
	m->sources = calloc((size_t)n + 1, sizeof *m->sources);
	for (int i = 0; groups[i] != NULL; i++) {
		if (strncmp(groups[i], "source ", 7) != 0 && strcmp(groups[i], "source") != 0)
			continue;
		read_source(&r, groups[i], m->poll_seconds, &m->sources[m->nsources]);
		for (int k = 0; k < m->nsources; k++)
			if (strcmp(m->sources[k].name, m->sources[m->nsources].name) == 0)
				add_error(e, _("%s: [%s]: named twice"), file, groups[i]);
		m->nsources++;
	}
	g_strfreev(groups);
	if (e->status != MADO_OK) {
		madod_config_free(m);
		return MADO_ECONFIG;
	}
	return MADO_OK;
}

int
madod_config_job_minute(const struct madod_config *m, const char *name, int dflt)
{
	for (int i = 0; i < m->njobs; i++)
		if (strcmp(m->jobs[i].name, name) == 0)
			return m->jobs[i].minute;
	return dflt;
}

void
madod_config_free(struct madod_config *m)
{
	for (int i = 0; i < m->nsources; i++) {
		struct mail_source *s = &m->sources[i];

		g_free(s->name);
		g_free(s->url);
		g_free(s->path);
		g_free(s->user);
		g_free(s->password_file);
		g_free(s->ca_file);
		g_free(s->queue);
	}
	free(m->sources);
	for (int i = 0; i < m->njobs; i++)
		g_free(m->jobs[i].name);
	free(m->jobs);
	g_free(m->alert_rules);
	g_free(m->archive_dir);
	madod_config_defaults(m);
}
