# Shared helpers for CLI tests: TAP output and a fresh database per test file.
# Sourced by tests/cli/test_*.sh; MADO and MADOGEN point at the built binaries.
set -u
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mado-test.XXXXXX")
tap_cleanup=:
trap 'eval "$tap_cleanup"; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM HUP
# at_exit CMD: run CMD (last registered first) when the test ends, however
# it ends: servers and daemons a test starts are stopped by it.
at_exit() { tap_cleanup="$1; $tap_cleanup"; }
export MADO_DB="$TMP/test.db"

ok() { # ok COND-EXIT-STATUS NAME
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"; else
		echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}
# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | head -20; fi
}
# like GOT PATTERN NAME (grep -E)
like() {
	if printf '%s\n' "$1" | grep -qE -- "$2"; then ok 0 "$3"; else ok 1 "$3"
		printf '#   got: %s\n#   pattern: %s\n' "$1" "$2" | head -20; fi
}
# status: run a command, put its exit status in $rc, its stdout in $out, stderr in $err
run() {
	out=$("$@" 2>"$TMP/stderr"); rc=$?; err=$(cat "$TMP/stderr")
}
# wait_for FILE PATTERN: until FILE has a line matching PATTERN (grep -E),
# or about 30 s; the status says which (for logs of a daemon a test runs)
wait_for() {
	_i=0
	while ! grep -qE -- "$2" "$1" 2>/dev/null && [ $_i -lt 300 ]; do
		sleep 0.1; _i=$((_i + 1))
	done
	grep -qE -- "$2" "$1"
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $1"; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; exit $?; }
