#!/bin/sh
# Mail intake (bench/run.sh runs this; alone: sh bench/intake.sh BUILD):
# BENCH_MAILS (10,000) generated messages through the Maildir and the IMAP
# source (a throw-away dovecot, tests/servers/dovecot.sh) into a fresh
# database each, every message committed before it is acknowledged.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export MADO_SHAREDIR="$root/share" MADO_CONFIG=/nonexistent MADO_SERVERS="$root/tests/servers"
. "$root/tests/servers/dovecot.sh"
dir=$(mktemp -d "${TMPDIR:-/tmp}/mado-bench-intake.XXXXXX")
trap 'dovecot_stop; rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM HUP
if dovecot_start "$dir/dovecot"; then
	"$build/bench/bench_intake" "$dir"
else
	echo "bench_intake: dovecot did not start: the Maildir pass only"
	env -u DOVECOT_IMAP_PORT "$build/bench/bench_intake" "$dir"
fi
