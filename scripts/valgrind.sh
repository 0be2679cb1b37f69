#!/bin/sh
# Runs the unit tests and the fuzz-corpus regression drivers under
# valgrind's memcheck, in a build without sanitizers (build-valgrind, so
# the two tools do not get in each other's way). A test fails on any
# memory error or definite leak; at the end one line totals the TAP points
# ("N passed, N failed, N skipped"), as make check does.
# Usage: scripts/valgrind.sh [meson test arguments...]
set -u
cd "$(dirname "$0")/.."
build=build-valgrind

sh scripts/deps.sh build || exit 1
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: installing: valgrind"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends valgrind ||
		exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" --buildtype=debug -Dwerror=true || exit 1
fi
ninja -C "$build" || exit 1

# The fuzz suite exists once tests/fuzz is part of the build.
suites="--suite unit"
if meson test -C "$build" --list 2>/dev/null | grep -q ':fuzz / '; then
	suites="$suites --suite fuzz"
fi

# GLib hands memory back to malloc and clears it, so memcheck sees it all.
# tests/valgrind.supp names the system libraries' own errors.
# With a wrapper, meson names its logs testlog-valgrind.*.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
# shellcheck disable=SC2086
meson test -C "$build" $suites --print-errorlogs --num-processes 2 \
	--timeout-multiplier 20 \
	--wrapper "valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --track-origins=yes --suppressions=$PWD/tests/valgrind.supp" \
	"$@"
rc=$?
# Each process memcheck ran (fuzz inputs run in child processes) ends with
# an ERROR SUMMARY; definite leaks count there too.
bad=$(grep -c '== ERROR SUMMARY: [1-9]' "$build/meson-logs/testlog-valgrind.txt")
total=$(grep -c '== ERROR SUMMARY: ' "$build/meson-logs/testlog-valgrind.txt")
echo "valgrind: $bad of $total processes had memory errors or definite leaks"
python3 scripts/test-summary.py "$build/meson-logs/testlog-valgrind.json"
sum=$?
[ $rc -eq 0 ] && [ $sum -eq 0 ]
