# A throw-away dovecot for tests: IMAP, POP3 (and IMAPS/POP3S when openssl
# can make a certificate) on 127.0.0.1 with free ports, LMTP on a unix
# socket and on TCP, passwd-file users with known passwords and Maildir
# storage, everything under one temporary directory.
#
# Sourced by a test (tests/cli/lib.sh first, so at_exit stops it however
# the test ends):
#     . "$(dirname "$0")/../servers/dovecot.sh"
#     dovecot_start "$TMP/dovecot" || bail
# then uses DOVECOT_IMAP_PORT, DOVECOT_POP3_PORT, DOVECOT_IMAPS_PORT,
# DOVECOT_POP3S_PORT (empty without TLS), DOVECOT_CERT (the self-signed
# certificate, for CA options), DOVECOT_LMTP_SOCKET, DOVECOT_LMTP_PORT,
# DOVECOT_PASSWORD (every user's), DOVECOT_CONF, DOVECOT_DIR, and:
#     dovecot_maildir USER           the user's Maildir (INBOX) path
#     dovecot_save USER [MAILBOX] <msg   store a message (doveadm save)
#     dovecot_adm ARGS...            doveadm on this instance
#     dovecot_stop                   stop it (at_exit does this)
# Users: desk, yamada, alerts, support (password DOVECOT_PASSWORD).
#
# Run directly, `sh tests/servers/dovecot.sh start DIR` starts one and
# prints the variables to eval; `sh tests/servers/dovecot.sh stop DIR`
# stops it.
#
# As root (CI), the mail processes cannot run as uid 0: the users' mail is
# owned by `nobody`, and the login and internal processes run as the
# package's dovenull and dovecot users. As anyone else, everything runs as
# that user with no chroot.

DOVECOT_USERS="desk yamada alerts support"
DOVECOT_PASSWORD="madopass"
DOVECOT_IMAPS_PORT=
DOVECOT_POP3S_PORT=
DOVECOT_CERT=

# server_free_port, server_stop
. "${MADO_SERVERS:-$(dirname "$0")/../servers}/lib.sh"

dovecot_adm() {
	doveadm -c "$DOVECOT_CONF" "$@"
}

dovecot_maildir() {
	echo "$DOVECOT_DIR/mail/$1/Maildir"
}

dovecot_save() { # USER [MAILBOX] < message
	doveadm -c "$DOVECOT_CONF" save -u "$1" -m "${2:-INBOX}"
}

dovecot_write_conf() {
	d=$DOVECOT_DIR
	if [ "$(id -u)" -eq 0 ]; then
		mail_uid=$(id -u nobody) mail_gid=$(id -g nobody)
		users="default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1"
	else
		mail_uid=$(id -u) mail_gid=$(id -g)
		me=$(id -un)
		users="default_internal_user = $me
default_internal_group = $(id -gn)
default_login_user = $me
first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
service imap-login {
  chroot =
}
service pop3-login {
  chroot =
}
service anvil {
  chroot =
}"
	fi
	: >"$d/passwd"
	for u in $DOVECOT_USERS; do
		echo "$u:{PLAIN}$DOVECOT_PASSWORD:$mail_uid:$mail_gid::$d/mail/$u::" >>"$d/passwd"
		mkdir -p "$d/mail/$u"
	done
	chown -R "$mail_uid:$mail_gid" "$d/mail"
	ssl="ssl = no"
	imaps= pop3s=
	if [ -n "$DOVECOT_CERT" ]; then
		ssl="ssl = yes
ssl_cert = <$d/cert.pem
ssl_key = <$d/key.pem"
		imaps="  inet_listener imaps {
    address = 127.0.0.1
    port = $DOVECOT_IMAPS_PORT
    ssl = yes
  }"
		pop3s="  inet_listener pop3s {
    address = 127.0.0.1
    port = $DOVECOT_POP3S_PORT
    ssl = yes
  }"
	fi
	cat >"$DOVECOT_CONF" <<EOF
base_dir = $d/run
state_dir = $d/state
instance_name = mado-test-$$
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
listen = 127.0.0.1
protocols = imap pop3 lmtp
$users
disable_plaintext_auth = no
auth_mechanisms = plain login
$ssl
mail_location = maildir:~/Maildir
mail_fsync = always
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $d/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%n $d/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DOVECOT_IMAP_PORT
  }
$imaps
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $DOVECOT_POP3_PORT
  }
$pop3s
}
service lmtp {
  unix_listener lmtp-sock {
    mode = 0666
  }
  inet_listener lmtp {
    address = 127.0.0.1
    port = $DOVECOT_LMTP_PORT
  }
}
protocol lmtp {
  auth_username_format = %n
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
}

# dovecot_start DIR: starts it; returns non-zero (with the log on stderr)
# when it does not come up.
dovecot_start() {
	DOVECOT_DIR=$1
	DOVECOT_CONF=$DOVECOT_DIR/dovecot.conf
	DOVECOT_LMTP_SOCKET=$DOVECOT_DIR/run/lmtp-sock
	! command -v at_exit >/dev/null 2>&1 || at_exit dovecot_stop
	mkdir -p "$DOVECOT_DIR/run" "$DOVECOT_DIR/state"
	chmod 0755 "$DOVECOT_DIR" "$DOVECOT_DIR/run"
	# root: the mail user (nobody) must reach DIR through its parent
	[ "$(id -u)" -ne 0 ] || chmod o+x "$(dirname "$DOVECOT_DIR")"
	if [ -z "$DOVECOT_CERT" ] && command -v openssl >/dev/null 2>&1 &&
	    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	      -keyout "$DOVECOT_DIR/key.pem" -out "$DOVECOT_DIR/cert.pem" >/dev/null 2>&1; then
		DOVECOT_CERT=$DOVECOT_DIR/cert.pem
	fi
	for try in 1 2 3 4 5; do
		DOVECOT_IMAP_PORT=$(server_free_port)
		DOVECOT_POP3_PORT=$(server_free_port)
		DOVECOT_LMTP_PORT=$(server_free_port)
		if [ -n "$DOVECOT_CERT" ]; then
			DOVECOT_IMAPS_PORT=$(server_free_port)
			DOVECOT_POP3S_PORT=$(server_free_port)
		fi
		dovecot_write_conf
		if dovecot -c "$DOVECOT_CONF" 2>>"$DOVECOT_DIR/dovecot.log"; then
			# up when it answers on the IMAP port and the LMTP socket exists
			i=0
			while [ $i -lt 100 ]; do
				if [ -S "$DOVECOT_LMTP_SOCKET" ] &&
				    ss -Htln "sport = :$DOVECOT_IMAP_PORT" | grep -q .; then
					export DOVECOT_DIR DOVECOT_CONF DOVECOT_IMAP_PORT DOVECOT_POP3_PORT \
						DOVECOT_IMAPS_PORT DOVECOT_POP3S_PORT DOVECOT_LMTP_PORT \
						DOVECOT_LMTP_SOCKET DOVECOT_CERT DOVECOT_PASSWORD
					return 0
				fi
				sleep 0.1
				i=$((i + 1))
			done
			dovecot_stop
		fi
		echo "dovecot did not start (try $try):" >&2
		tail -5 "$DOVECOT_DIR/dovecot.log" >&2
	done
	return 1
}

dovecot_stop() {
	[ -n "${DOVECOT_DIR:-}" ] || return 0
	server_stop "$DOVECOT_DIR/run/master.pid"
}

case "${0##*/}" in
dovecot.sh)
	case "${1:-}" in
	start)
		[ -n "${2:-}" ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }
		dovecot_start "$2" || exit 1
		for v in DOVECOT_DIR DOVECOT_CONF DOVECOT_IMAP_PORT DOVECOT_POP3_PORT \
		    DOVECOT_IMAPS_PORT DOVECOT_POP3S_PORT DOVECOT_LMTP_PORT \
		    DOVECOT_LMTP_SOCKET DOVECOT_CERT DOVECOT_PASSWORD; do
			eval "echo $v=\\'\$$v\\'"
		done ;;
	stop)
		[ -n "${2:-}" ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }
		DOVECOT_DIR=$2
		dovecot_stop ;;
	*)
		echo "usage: $0 start|stop DIR" >&2
		exit 64 ;;
	esac ;;
esac
