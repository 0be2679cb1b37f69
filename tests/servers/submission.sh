# A throw-away SMTP submission server for tests: dovecot's submission
# service on 127.0.0.1 with a free port, offering STARTTLS with a
# certificate signed by a test CA, and AUTH (PLAIN, LOGIN), relaying what
# it takes to the test's OpenSMTPD (tests/servers/smtpd.sh), which
# delivers it over LMTP into the test's dovecot. The users and passwords
# are dovecot's (tests/servers/dovecot.sh). Dovecot counts a client on its
# own address as secure and takes AUTH from it without TLS too: tests see
# that TLS was used in its log and in the Received header it writes
# ("with ESMTPSA").
#
# OpenSMTPD itself cannot do TLS here: Debian's 6.8 keeps its private keys
# in a separate process through an RSA/ECDSA method that OpenSSL 3 no
# longer calls, so every handshake fails ("missing private key ... EVP
# lib"). Dovecot's submission service is a real MTA front end that can.
#
# Sourced by a test after tests/servers/dovecot.sh and smtpd.sh (both
# started first):
#     . "$(dirname "$0")/../servers/submission.sh"
#     submission_start "$TMP/submission" || bail
# then uses SUBMISSION_PORT, SUBMISSION_CA (the CA's certificate, PEM),
# SUBMISSION_HOST (the name in the server's certificate: 127.0.0.1),
# SUBMISSION_LOG (dovecot's log: "submission-login: Login: user=<desk>,
# method=PLAIN, ..., TLS" for each authenticated TLS session), and:
#     submission_stop  stop it (at_exit does this)
# submission_start returns 2 when dovecot has no submission service (the
# package dovecot-submissiond) or openssl is missing, for the test to skip.

SUBMISSION_HOST=127.0.0.1

# submission_certs DIR: a CA, and a certificate for SUBMISSION_HOST signed
# by it, in DIR (ca.pem, cert.pem, key.pem).
submission_certs() {
	( cd "$1" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Madoguchi test CA" \
		-keyout ca-key.pem -out ca.pem &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$SUBMISSION_HOST" \
		-keyout key.pem -out cert.csr &&
	printf 'subjectAltName = DNS:%s, IP:%s\n' "$SUBMISSION_HOST" "$SUBMISSION_HOST" >ext &&
	openssl x509 -req -in cert.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
		-days 2 -extfile ext -out cert.pem ) >/dev/null 2>&1
}

# submission_start DIR: starts it; 2 when it cannot run here, 1 (with the
# log on stderr) when it does not come up.
submission_start() {
	SUBMISSION_DIR=$1
	SUBMISSION_LOG=$SUBMISSION_DIR/dovecot.log
	[ -x /usr/lib/dovecot/submission ] && command -v openssl >/dev/null 2>&1 || return 2
	[ -n "${SMTPD_PORT:-}" ] || { echo "submission.sh: start smtpd first" >&2; return 1; }
	! command -v at_exit >/dev/null 2>&1 || at_exit submission_stop
	mkdir -p "$SUBMISSION_DIR/run" "$SUBMISSION_DIR/state"
	chmod 0755 "$SUBMISSION_DIR" "$SUBMISSION_DIR/run"
	submission_certs "$SUBMISSION_DIR" || { echo "submission.sh: openssl failed" >&2; return 1; }
	SUBMISSION_CA=$SUBMISSION_DIR/ca.pem
	for try in 1 2 3 4 5; do
		SUBMISSION_PORT=$(server_free_port)
		# The test dovecot's settings (users, passdb, userdb), then this
		# instance's own: only the submission protocol runs.
		cat >"$SUBMISSION_DIR/dovecot.conf" <<EOF
!include $DOVECOT_CONF
base_dir = $SUBMISSION_DIR/run
state_dir = $SUBMISSION_DIR/state
instance_name = mado-submission-$$
log_path = $SUBMISSION_LOG
info_log_path = $SUBMISSION_LOG
protocols = submission
hostname = mado-submission.$SMTPD_DOMAIN
ssl = yes
ssl_cert = <$SUBMISSION_DIR/cert.pem
ssl_key = <$SUBMISSION_DIR/key.pem
auth_verbose = yes
auth_failure_delay = 0
submission_relay_host = 127.0.0.1
submission_relay_port = $SMTPD_PORT
submission_relay_ssl = no
service submission-login {
  inet_listener submission {
    address = 127.0.0.1
    port = $SUBMISSION_PORT
  }
}
EOF
		if dovecot -c "$SUBMISSION_DIR/dovecot.conf" 2>>"$SUBMISSION_LOG"; then
			if server_listening "$SUBMISSION_PORT"; then
				export SUBMISSION_DIR SUBMISSION_PORT SUBMISSION_CA SUBMISSION_HOST \
					SUBMISSION_LOG
				return 0
			fi
			submission_stop
		fi
		echo "submission did not start (try $try):" >&2
		tail -5 "$SUBMISSION_LOG" >&2
	done
	return 1
}

submission_stop() {
	[ -n "${SUBMISSION_DIR:-}" ] || return 0
	server_stop "$SUBMISSION_DIR/run/master.pid"
}
