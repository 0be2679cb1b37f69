#!/bin/sh
# Notifications per second (bench/run.sh runs this; alone: sh bench/notify.sh
# BUILD): BENCH_NOTIFY (2,000) acknowledgements sent by one madod send pass
# through a throw-away OpenSMTPD into a throw-away dovecot on 127.0.0.1
# (tests/servers). smtpd needs root (tests/servers/smtpd.sh says why):
# skipped otherwise.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export MADO_SHAREDIR="$root/share" MADO_CONFIG=/nonexistent MADO_SERVERS="$root/tests/servers"
if [ "$(id -u)" -ne 0 ]; then
	echo "bench_notify: skipped (the local OpenSMTPD needs root)"
	exit 0
fi
. "$root/tests/servers/dovecot.sh"
. "$root/tests/servers/smtpd.sh"
dir=$(mktemp -d "${TMPDIR:-/tmp}/mado-bench-notify.XXXXXX")
trap 'smtpd_stop; dovecot_stop; rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM HUP
dovecot_start "$dir/dovecot" || exit 1
smtpd_start "$dir/smtpd" || exit 1
"$build/bench/bench_notify" "$dir/notify.db" "$SMTPD_PORT" "${BENCH_NOTIFY:-2000}" \
	"$(dovecot_maildir yamada)"
