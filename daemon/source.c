#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "daemon/log.h"
#include "daemon/imap.h"
#include "daemon/maildir.h"
#include "daemon/pop3.h"

int
source_password(const struct mail_source *s, const char *conffile, char **out,
	struct mado_err *e)
{
	int fd = open(s->password_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char buf[1024];
	struct stat sb;
	ssize_t len;

	*out = NULL;
	if (fd < 0)
		return mado_err_set(e, MADO_ECONFIG, _("%s: [source %s] password_file: %s: %s"),
			conffile, s->name, s->password_file, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return mado_err_set(e, MADO_ECONFIG, _("%s: [source %s] password_file: %s: not a"
			" regular file"), conffile, s->name, s->password_file);
	}
	if ((sb.st_mode & S_IRWXO) != 0) {
		close(fd);
		return mado_err_set(e, MADO_ECONFIG, _("%s: [source %s] password_file: %s: others"
			" may read it (mode %04o); chmod o-rwx"), conffile, s->name,
			s->password_file, (unsigned)(sb.st_mode & 07777));
	}
	len = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (len < 0)
		return mado_err_set(e, MADO_EIO, _("%s: [source %s] password_file: %s: %s"),
			conffile, s->name, s->password_file, strerror(errno));
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (buf[0] == '\0') {
		explicit_bzero(buf, sizeof buf);
		return mado_err_set(e, MADO_ECONFIG, _("%s: [source %s] password_file: %s: is"
			" empty"), conffile, s->name, s->password_file);
	}
	*out = g_strdup(buf);
	explicit_bzero(buf, sizeof buf);
	return MADO_OK;
}

int
source_take(const struct mail_source *s, const struct source_sink *sink,
	struct source_msg *msgs, int n, struct source_counts *c, struct mado_err *e)
{
	struct mado_err be = { 0 };
	int i;

	for (i = 0; i < n; i++)
		msgs[i].status = MADO_ETEMP;
	if (n > 1 && sink->batch != NULL && sink->batch(msgs, n, sink->ctx, &be) == MADO_OK) {
		for (i = 0; i < n; i++)
			msgs[i].status = MADO_OK;
		c->taken += n;
		return MADO_OK;
	}
	for (i = 0; i < n; i++) {
		struct mado_err te = { 0 };

		msgs[i].status = sink->take(msgs[i].raw, msgs[i].len, sink->ctx, &te);
		if (msgs[i].status == MADO_OK) {
			c->taken++;
			continue;
		}
		c->failed++;
		log_msg(LOG_ERR, _("source %s: %s left in place: %s"), s->name, msgs[i].what,
			te.msg);
		if (msgs[i].status == MADO_ETEMP) {
			*e = te;
			return MADO_ETEMP;
		}
	}
	return MADO_OK;
}

void
source_msgs_clear(struct source_msg *msgs, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(msgs[i].raw);
		g_free(msgs[i].what);
		memset(&msgs[i], 0, sizeof msgs[i]);
	}
}

void
source_curl_tls(CURL *curl, const struct mail_source *s)
{
	static const long use_ssl[] = {
		[SOURCE_STARTTLS_NO] = CURLUSESSL_NONE,
		[SOURCE_STARTTLS_TRY] = CURLUSESSL_TRY,
		[SOURCE_STARTTLS_REQUIRE] = CURLUSESSL_ALL,
	};

	if (s->ca_file != NULL)
		curl_easy_setopt(curl, CURLOPT_CAINFO, s->ca_file);
	if (s->type == SOURCE_IMAP || s->type == SOURCE_POP3)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl[s->starttls]);
}

const char *
source_curl_error(const struct mail_source *s, CURLcode rc)
{
	/* libcurl gives up before the login when STARTTLS is not offered,
	 * or refused, and starttls = require */
	if (rc == CURLE_USE_SSL_FAILED && s->starttls == SOURCE_STARTTLS_REQUIRE)
		return _("the server does not offer STARTTLS (starttls = require); the login"
			" was not sent");
	return curl_easy_strerror(rc);
}

static void
password_free(char *pw)
{
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		g_free(pw);
	}
}

int
source_fetch(const struct mail_source *s, const char *conffile,
	const struct source_sink *sink, struct source_counts *n, struct mado_err *e)
{
	struct imap *im = NULL;
	char *pw = NULL;
	int st;

	if (s->type == SOURCE_MAILDIR)
		return maildir_take_all(s, sink, n, e);
	if ((st = source_password(s, conffile, &pw, e)) != MADO_OK)
		return st;
	if (source_is_pop3(s->type))
		st = pop3_take_all(s, pw, NULL, sink, n, e);
	else if ((st = imap_open(s, pw, &im, e)) == MADO_OK) {
		st = imap_take_unseen(im, s, sink, n, e);
		imap_close(im);
	}
	password_free(pw);
	return st;
}
