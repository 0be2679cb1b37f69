# Runs the sources test program (tests/daemon/test_sources.c, the first
# argument) against a throw-away dovecot, stopped however the test ends.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../servers/dovecot.sh"

if ! dovecot_start "$TMP/dovecot"; then
	echo "not ok 1 - dovecot starts"; echo "1..1"; exit 1
fi
TEST_DIR=$TMP "$1"
