#!/bin/sh
# Fuzz every parser with libFuzzer: each tests/fuzz/fuzz_NAME.c built in
# build-fuzz with clang, AddressSanitizer and UBSan (the libraries
# instrumented for coverage too).
#
# By hand: scripts/fuzz.sh [NAME...] (default: every target) installs clang
# and libFuzzer's runtime when missing (scripts/deps.sh fuzz), runs each
# target for FUZZ_SECONDS seconds (default 60) on a copy of its corpus in
# build-fuzz/corpus/NAME (kept between runs, so it grows), and prints one
# line per target and a total.
#
# In `make check`: scripts/fuzz.sh --build sets up and builds build-fuzz
# (after scripts/deps.sh check installed clang), then the test 'fuzz-run'
# (tests/fuzz/meson.build) runs scripts/fuzz.sh --check [NAME...]: each
# target tries a fixed number of inputs (its count in the list below, or
# FUZZ_RUNS) from a fixed seed (FUZZ_SEED, default 1) on a fresh copy of
# the committed corpus in build-fuzz/check/corpus/NAME, without the
# sources of chance named below, so every run tries the same inputs and
# the committed corpus never grows. It prints TAP, one
# point per target. The counts are chosen so that every target together
# takes about two minutes on the development machine.
#
# A crash, leak, sanitizer report, slow input (over 10 s) or failed check
# stops that target and leaves the input in build-fuzz/artifacts/NAME/ and
# the log in build-fuzz/fuzz-NAME.log (with --check: in build-fuzz/check/).
# Minimise it with
#   build-fuzz/tests/fuzz/fuzz_NAME -minimize_crash=1 -runs=10000 FILE
# and add it to tests/fuzz/corpus/NAME/, so the regression test (the same
# target built with tests/fuzz/driver.c, suite 'fuzz') keeps covering it.
#
# Usage: scripts/fuzz.sh [--check | --build] [NAME...]
set -eu
cd "$(dirname "$0")/.."
mode=hand
case ${1:-} in
--check | --build) mode=${1#--}; shift ;;
esac
seconds=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-1}
build="build-fuzz"
# NAME:RUNS, the inputs --check tries: about ten seconds of each target.
all_runs="csv:80000 workflow:400000 numbering:400000 form:20000 normalise:1000000
	textwidth:80000 fts_tokenizer:40000 search_query:15000 writing_rules:30000
	mail_parse:20000 alert_rules:250000 notify_render:60000"
all=""
for tr in $all_runs; do all="${all:+$all }${tr%%:*}"; done
targets=${*:-$all}

number() {
	case $2 in
	'' | *[!0-9]*) echo "fuzz: $1 must be a whole number" >&2; exit 2 ;;
	esac
}
number FUZZ_SECONDS "$seconds"
number FUZZ_SEED "$seed"
[ -z "${FUZZ_RUNS:-}" ] || number FUZZ_RUNS "$FUZZ_RUNS"
for t in $targets; do
	[ -d "tests/fuzz/corpus/$t" ] || { echo "fuzz: no target '$t' (targets: $all)" >&2; exit 2; }
done

# The inputs --check tries on target $1.
runs_of() {
	for tr in $all_runs; do
		if [ "${tr%%:*}" = "$1" ]; then echo "${FUZZ_RUNS:-${tr#*:}}"; fi
	done
}

runtime() {
	clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a"
}

# Not -Dwerror: clang warns where gcc does not, and that is for the gcc
# builds (make, make check) to rule on, not a reason to stop fuzzing.
build_targets() {
	if [ ! -f "$build/build.ninja" ]; then
		CC=clang meson setup "$build" --buildtype=debugoptimized \
			-Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
			-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined'
	fi
	exes=""
	for t in $targets; do exes="$exes tests/fuzz/fuzz_$t"; done
	# shellcheck disable=SC2086
	ninja -C "$build" $exes
}

case $mode in
hand) sh scripts/deps.sh fuzz ;;
*)
	# make check's scripts/deps.sh check installed them; a test installs nothing.
	if ! command -v clang >/dev/null 2>&1 || [ ! -f "$(runtime)" ]; then
		[ "$mode" = check ] && printf 'Bail out! '
		echo "fuzz: clang or libFuzzer's runtime missing (sh scripts/deps.sh check installs them)"
		exit 1
	fi
	;;
esac
if [ "$mode" = check ]; then
	# the build's output is no TAP
	if ! build_targets >&2; then
		echo "Bail out! fuzz: building $build failed"
		exit 1
	fi
else
	build_targets
fi
[ "$mode" = build ] && exit 0

export MADO_SHAREDIR="$PWD/share" MADO_CONFIG=/nonexistent/madoguchi.conf LC_ALL=C.UTF-8
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Words of the form schema for the form target: libxml2 compares names
# without the instrumented strcmp that libFuzzer learns words from.
cat >"$build/form.dict" <<'DICT'
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
"<form id=\"f\">"
"</form>"
"<title>"
"</title>"
"<help>"
"</help>"
"<field name=\"n\" type=\"text\">"
"</field>"
"<label>"
"</label>"
"<ja>"
"</ja>"
"<en>"
"</en>"
"<option value=\"v\">"
"</option>"
"<!DOCTYPE"
"<!--"
"-->"
"<![CDATA["
"&amp;"
"&#x3000;"
" required=\"true\""
" required=\"0\""
" maxlength=\"1\""
" min=\"-1\""
" max=\"9223372036854775807\""
" master=\"department\""
" master=\"system\""
"type=\"multiline\""
"type=\"integer\""
"type=\"date\""
"type=\"datetime\""
"type=\"boolean\""
"type=\"choice\""
"type=\"master\""
DICT

# The query language's words: its fields and references are compared
# after NFKC normalisation, out of the instrumented strcmp's sight.
cat >"$build/search_query.dict" <<'DICT'
"kind:"
"status:"
"category:"
"dept:"
"no:"
"faq:"
"FAQ-"
"INQ-2026-"
"#"
" -"
"\""
"\xe2\x80\x9c"
"\xef\xbc\x82"
"\xe3\x80\x80"
"kb"
"\xe9\x9a\x9c\xe5\xae\xb3"
DICT

# MIME and charset words for the mail parser: its header names and
# encoded words are compared case-insensitively, out of libFuzzer's sight.
cat >"$build/mail_parse.dict" <<'DICT'
"Content-Type: "
"Content-Transfer-Encoding: "
"Content-Disposition: attachment; filename*0*=UTF-8''%E3%81%82; filename*1="
"multipart/mixed; boundary=\"b\""
"multipart/alternative; boundary=\"b\""
"multipart/report; report-type=delivery-status; boundary=\"b\""
"message/rfc822"
"message/delivery-status"
"text/rfc822-headers"
"text/html; charset="
"text/plain; charset="
"\x0a--b\x0a"
"\x0a--b--\x0a"
"base64"
"quoted-printable"
"=?ISO-2022-JP?B?"
"=?Shift_JIS?Q?"
"=?utf-8?b?"
"?="
"\x1b$B"
"\x1b(B"
"\x1b(I"
"\x1b$(D"
"From: "
"To: "
"Cc: "
"Subject: "
"Message-ID: <"
"In-Reply-To: <"
"References: <"
"MAILER-DAEMON@"
"<li>"
"<br>"
"<td>"
"<pre>"
"<a href=\"https://x\">"
DICT

# The value of libFuzzer's "stat::NAME: value" line in a log.
stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

# Runs target $1 (through launch) on the corpus $2, leaving crashes in $3
# and its output in $4, with the options after them ($5...); sets rc.
fuzz_target() {
	t=$1 corpus=$2 artifacts=$3 log=$4
	shift 4
	mkdir -p "$corpus" "$artifacts"
	cp tests/fuzz/corpus/"$t"/* "$corpus"/
	dict=""
	[ -f "$build/$t.dict" ] && dict="-dict=$build/$t.dict"
	rc=0
	# shellcheck disable=SC2086
	launch "$build/tests/fuzz/fuzz_$t" "$@" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$artifacts/" $dict "$corpus" >"$log" 2>&1 || rc=$?
}

errors='check failed|ERROR: (Address|Leak|libFuzzer)|runtime error|GLib:ERROR'

# The file a failed run left, or its log.
found() {
	f=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$1" | tail -n 1)
	echo "${f:-see $1}"
}

# What a failed run's log says: from its first report of an error, else
# its end.
report() {
	from=$(grep -n -m 1 -E "$errors" "$1" | cut -d: -f1)
	if [ -n "$from" ]; then tail -n "+$from" "$1" | head -n 40; else tail -n 30 "$1"; fi
}

launch() {
	"$@"
}

if [ "$mode" = check ]; then
	# The same inputs every time: a fresh copy of the committed corpus; no
	# clock (-reload=0: libFuzzer rereads its corpus every second); no
	# mutations from the operands of comparisons (-use_cmp=0), which
	# include addresses and values that the libraries seed from the clock;
	# and the same addresses (pointer order steers some paths): the same
	# environment, whose size moves the stack, and no address
	# randomisation where the kernel allows it.
	echo "1..$(echo "$targets" | wc -w)"
	fixed="setarch $(uname -m) -R"
	if ! $fixed true 2>/dev/null; then
		fixed=""
		echo "# setarch -R refused: addresses randomised, the inputs may vary between runs"
	fi
	launch() {
		# shellcheck disable=SC2086
		env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 MADO_SHAREDIR=share \
			MADO_CONFIG=/nonexistent/madoguchi.conf ASAN_OPTIONS="$ASAN_OPTIONS" \
			UBSAN_OPTIONS="$UBSAN_OPTIONS" $fixed "$@"
	}
	n=0 failed=0
	for t in $targets; do
		n=$((n + 1))
		runs=$(runs_of "$t")
		rm -rf "$build/check/corpus/$t" "$build/check/artifacts/$t"
		log=$build/check/fuzz-$t.log
		fuzz_target "$t" "$build/check/corpus/$t" "$build/check/artifacts/$t" "$log" \
			-seed="$seed" -runs="$runs" -reload=0 -use_cmp=0
		if [ "$rc" -eq 0 ]; then
			echo "ok $n - fuzz $t: $(stat number_of_executed_units "$log") runs, no crash"
		else
			failed=$((failed + 1))
			echo "not ok $n - fuzz $t: exit $rc after $(stat number_of_executed_units "$log") runs: $(found "$log")"
			report "$log" | sed 's/^/#   /'
		fi
	done
	[ "$failed" -eq 0 ]
	exit
fi

passed=0 failed=0 summary=""
for t in $targets; do
	log=$build/fuzz-$t.log
	echo "fuzz: $t for $seconds s"
	fuzz_target "$t" "$build/corpus/$t" "$build/artifacts/$t" "$log" -max_total_time="$seconds"
	execs=$(stat number_of_executed_units "$log")
	rate=$(stat average_exec_per_sec "$log")
	cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
	units=$(find "$build/corpus/$t" -type f | wc -l)
	line=$(printf '%-10s %8s execs %7s/s  cov %5s  corpus %5s' "$t" \
		"${execs:-?}" "${rate:-?}" "${cov:-?}" "$units")
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		line="$line  ok"
	else
		failed=$((failed + 1))
		line="$line  FAILED (exit $rc): $(found "$log")"
		grep -E "$errors" "$log" | head -n 5 >&2 || true
	fi
	summary="$summary$line
"
done
printf '\nfuzz summary (%s s per target, log: %s/fuzz-NAME.log)\n%s' "$seconds" "$build" "$summary"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
