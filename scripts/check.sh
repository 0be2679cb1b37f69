#!/bin/sh
# Run every test suite and end with one line "N passed, N failed" counting
# every TAP test point of every suite (a suite that crashes counts as failed).
set -u
build=$1
shift
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
rc=$?
python3 "$(dirname "$0")/test-summary.py" "$build/meson-logs/testlog.json"
sum=$?
[ $rc -eq 0 ] && [ $sum -eq 0 ]
