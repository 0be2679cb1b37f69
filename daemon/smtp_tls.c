#include "smtp_tls.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "base/i18n.h"

int
smtp_tls_ctx(const struct smtp_config *smtp, SSL_CTX **out, struct mado_err *e)
{
	SSL_CTX *ctx;
	FILE *fp;
	int loaded;

	*out = NULL;
	if (smtp->starttls == SMTP_STARTTLS_NO)
		return MADO_OK;
	/* OpenSSL's own message for a file that is not there names neither. */
	if (smtp->ca_file != NULL) {
		if ((fp = fopen(smtp->ca_file, "re")) == NULL)
			return mado_err_set(e, MADO_ECONFIG, _("[smtp] ca_file: %s: %s"),
				smtp->ca_file, strerror(errno));
		fclose(fp);
	}
	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		return mado_err_set(e, MADO_EFAIL, _("no TLS context: %s"),
			ERR_reason_error_string(ERR_get_error()));
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
	loaded = smtp->ca_file != NULL ? SSL_CTX_load_verify_locations(ctx, smtp->ca_file, NULL)
		: SSL_CTX_set_default_verify_paths(ctx);
	ERR_clear_error();
	if (loaded != 1 && smtp->ca_file != NULL) {
		SSL_CTX_free(ctx);
		return mado_err_set(e, MADO_ECONFIG,
			_("[smtp] ca_file: %s: not a PEM file of CA certificates"), smtp->ca_file);
	}
	*out = ctx;
	return MADO_OK;
}

void
smtp_tls_refusal(const struct smtp_config *smtp, long verify_result, char *why, size_t n)
{
	const char *what = X509_verify_cert_error_string(verify_result);

	if (smtp->ca_file != NULL)
		snprintf(why, n, _("the server's TLS certificate is not trusted: %s (checked "
			"against [smtp] ca_file %s)"), what, smtp->ca_file);
	else
		snprintf(why, n, _("the server's TLS certificate is not trusted: %s (checked "
			"against the system's CAs; name the server's CA in [smtp] ca_file)"), what);
}
