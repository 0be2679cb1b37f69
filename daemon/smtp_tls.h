/* The TLS side of sending by SMTP: the context libesmtp starts TLS with.
 * Ours rather than libesmtp's own for two reasons: [smtp] ca_file (trust
 * that CA instead of the system's), and TLS 1.3, which it must not offer:
 * libesmtp 1.1 takes the session tickets a TLS 1.3 server sends after the
 * handshake for the answer to a command it has not yet written, and waits
 * out [smtp] timeout before it writes EHLO (a pass that fails about one
 * time in three against dovecot). TLS 1.2 has no such messages. */
#ifndef MADO_SMTP_TLS_H
#define MADO_SMTP_TLS_H

#include <openssl/ssl.h>

#include "base/err.h"
#include "core/config_smtp.h"

/* A client context for TLS 1.2 that trusts smtp->ca_file, or the system's
 * CAs when it is not set; *out = NULL with starttls = no. MADO_ECONFIG
 * "[smtp] ca_file: PATH: ..." when the file cannot be read or holds no
 * certificate. Caller frees with SSL_CTX_free(). */
int smtp_tls_ctx(const struct smtp_config *smtp, SSL_CTX **out, struct mado_err *e);

/* Why the server's certificate was refused, for OpenSSL's verify result
 * (X509_V_ERR_...), naming the CA it was checked against. */
void smtp_tls_refusal(const struct smtp_config *smtp, long verify_result, char *why,
	size_t n);

#endif
