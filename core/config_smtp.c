#include "config_smtp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "core/config.h"

void
config_smtp_default(struct smtp_config *s)
{
	memset(s, 0, sizeof *s);
	s->host = g_strdup("localhost");
	s->port = 25;
	s->starttls = SMTP_STARTTLS_TRY;
	s->max_attempts = 10;
	s->timeout = 60;
}

/* A string key that must be one line of printable text (it reaches the
 * SMTP dialogue and mail headers); absent keeps *out. */
static int
line_key(GKeyFile *kf, const char *file, const char *key, char **out, struct mado_err *e)
{
	char *v = g_key_file_get_string(kf, "smtp", key, NULL);

	if (v == NULL)
		return MADO_OK;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			g_free(v);
			return mado_err_set(e, MADO_ECONFIG,
				_("%s: [smtp] %s: must be one line without control characters"), file, key);
		}
	if (*v == '\0' || !g_utf8_validate(v, -1, NULL)) {
		g_free(v);
		return mado_err_set(e, MADO_ECONFIG, _("%s: [smtp] %s: must not be empty"), file, key);
	}
	g_free(*out);
	*out = v;
	return MADO_OK;
}

static int
starttls_key(GKeyFile *kf, const char *file, struct smtp_config *s, struct mado_err *e)
{
	static const char *const names[] = { "no", "try", "require" };
	char *v = g_key_file_get_string(kf, "smtp", "starttls", NULL);
	int found = -1;

	if (v == NULL)
		return MADO_OK;
	for (int i = 0; i < 3; i++)
		if (strcmp(v, names[i]) == 0)
			found = i;
	g_free(v);
	if (found < 0)
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [smtp] starttls: must be no, try or require"), file);
	s->starttls = (enum smtp_starttls)found;
	return MADO_OK;
}

int
config_smtp_load(GKeyFile *kf, const char *file, struct smtp_config *s, struct mado_err *e)
{
	int st;

	if (!g_key_file_has_group(kf, "smtp"))
		return MADO_OK;
	if ((st = line_key(kf, file, "host", &s->host, e)) ||
	    (st = config_int_key(kf, file, "smtp", "port", 1, 65535, &s->port, e)) ||
	    (st = starttls_key(kf, file, s, e)) ||
	    (st = line_key(kf, file, "user", &s->user, e)) ||
	    (st = line_key(kf, file, "password_file", &s->password_file, e)) ||
	    (st = line_key(kf, file, "ca_file", &s->ca_file, e)) ||
	    (st = line_key(kf, file, "from", &s->from, e)) ||
	    (st = line_key(kf, file, "domain", &s->domain, e)) ||
	    (st = config_int_key(kf, file, "smtp", "max_attempts", 1, 100, &s->max_attempts, e)) ||
	    (st = config_int_key(kf, file, "smtp", "timeout", 1, 600, &s->timeout, e)))
		return st;
	if (s->from != NULL && strchr(s->from, '@') == NULL)
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [smtp] from: must be a mail address ('Name <desk@example.jp>')"), file);
	if (s->domain != NULL && strspn(s->domain,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(s->domain))
		return mado_err_set(e, MADO_ECONFIG, _("%s: [smtp] domain: must be a domain name"),
			file);
	if ((s->user != NULL) != (s->password_file != NULL))
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [smtp] user and password_file: give both or neither"), file);
	if (s->password_file != NULL && !g_path_is_absolute(s->password_file))
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [smtp] %s: must be an absolute path"), file, "password_file");
	if (s->ca_file != NULL && !g_path_is_absolute(s->ca_file))
		return mado_err_set(e, MADO_ECONFIG,
			_("%s: [smtp] %s: must be an absolute path"), file, "ca_file");
	return MADO_OK;
}

void
config_smtp_free(struct smtp_config *s)
{
	g_free(s->host);
	g_free(s->user);
	g_free(s->password_file);
	g_free(s->ca_file);
	g_free(s->from);
	g_free(s->domain);
	memset(s, 0, sizeof *s);
}

int
config_smtp_password(const struct smtp_config *s, char **out, struct mado_err *e)
{
	struct stat sb;
	char buf[1024];
	FILE *fp;

	*out = NULL;
	if (s->password_file == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("[smtp] password_file: not configured"));
	if ((fp = fopen(s->password_file, "re")) == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("[smtp] password_file: %s: %s"),
			s->password_file, strerror(errno));
	if (fstat(fileno(fp), &sb) != 0 || (sb.st_mode & S_IROTH) || !S_ISREG(sb.st_mode)) {
		fclose(fp);
		return mado_err_set(e, MADO_ECONFIG,
			_("[smtp] password_file: %s: must be a file others cannot read (chmod o-r)"),
			s->password_file);
	}
	if (fgets(buf, sizeof buf, fp) == NULL)
		buf[0] = '\0';
	fclose(fp);
	buf[strcspn(buf, "\r\n")] = '\0';
	*out = g_strdup(buf);
	explicit_bzero(buf, sizeof buf);
	return MADO_OK;
}
