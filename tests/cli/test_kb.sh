. "$(dirname "$0")/lib.sh"
skip "not yet written"
done_testing
