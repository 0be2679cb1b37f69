# A throw-away OpenSMTPD for tests: SMTP on 127.0.0.1 with a free port,
# delivering mail for the domain example.test over LMTP into the test's
# dovecot (tests/servers/dovecot.sh), so a recipient yamada@example.test
# lands in dovecot_maildir yamada.
#
# Sourced by a test after tests/cli/lib.sh and tests/servers/dovecot.sh
# (dovecot started first; the server_free_port and server_stop it brought
# from tests/servers/lib.sh serve here):
#     . "$(dirname "$0")/../servers/smtpd.sh"
#     smtpd_start "$TMP/smtpd" || bail
# then uses SMTPD_PORT, SMTPD_DIR, and:
#     smtpd_stop       stop it (at_exit does this)
#
# smtpd keeps its queue in /var/spool/smtpd and its control socket in
# /var/run, both fixed when it was built, and two instances would share
# them: so it runs in a private mount namespace (unshare) with its own
# empty /var/spool and /run. That needs root, as smtpd itself does (it
# drops to the opensmtpd and opensmtpq users, created here when missing).
# smtpd_start returns 2 when not root, for the test to skip.

SMTPD_DOMAIN=example.test

# The users smtpd drops to (Debian's names), when a bare system lacks them.
smtpd_users() {
	for u in opensmtpd opensmtpq; do
		getent passwd "$u" >/dev/null 2>&1 ||
			useradd --system --no-create-home --home-dir /var/lib/opensmtpd/empty \
				--shell /usr/sbin/nologin "$u" || return 1
	done
	mkdir -p /var/lib/opensmtpd/empty
}

# smtpd_start DIR: starts it; 2 when it cannot run here (not root), 1
# (with the log on stderr) when it does not come up.
smtpd_start() {
	SMTPD_DIR=$1
	[ "$(id -u)" -eq 0 ] || return 2
	command -v smtpd >/dev/null 2>&1 || [ -x /usr/sbin/smtpd ] || return 2
	[ -n "${DOVECOT_LMTP_PORT:-}" ] || { echo "smtpd.sh: start dovecot first" >&2; return 1; }
	smtpd_users || return 1
	! command -v at_exit >/dev/null 2>&1 || at_exit smtpd_stop
	mkdir -p "$SMTPD_DIR"
	for try in 1 2 3 4 5; do
		SMTPD_PORT=$(server_free_port)
		cat >"$SMTPD_DIR/smtpd.conf" <<CONF
table vusers { "@$SMTPD_DOMAIN" = "nobody" }
listen on 127.0.0.1 port $SMTPD_PORT
action "lmtp" lmtp "127.0.0.1:$DOVECOT_LMTP_PORT" rcpt-to virtual <vusers>
match from any for domain "$SMTPD_DOMAIN" action "lmtp"
CONF
		chmod 0644 "$SMTPD_DIR/smtpd.conf"
		PATH=$PATH:/usr/sbin unshare --mount --propagation private sh -c '
			mount -t tmpfs tmpfs /var/spool && mkdir -m 0711 /var/spool/smtpd &&
			mount -t tmpfs tmpfs /run && exec smtpd -d -f "$1"' sh \
			"$SMTPD_DIR/smtpd.conf" >"$SMTPD_DIR/smtpd.log" 2>&1 &
		echo $! >"$SMTPD_DIR/pid"
		if server_listening "$SMTPD_PORT" "$(cat "$SMTPD_DIR/pid")"; then
			export SMTPD_DIR SMTPD_PORT SMTPD_DOMAIN
			return 0
		fi
		smtpd_stop
		echo "smtpd did not start (try $try):" >&2
		tail -5 "$SMTPD_DIR/smtpd.log" >&2
	done
	return 1
}

smtpd_stop() {
	[ -n "${SMTPD_DIR:-}" ] || return 0
	server_stop "$SMTPD_DIR/pid"
}
