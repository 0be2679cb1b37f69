#!/bin/sh
# Fuzz every parser with libFuzzer. Builds build-fuzz with clang,
# AddressSanitizer and UBSan (the libraries instrumented for coverage too),
# runs each target for FUZZ_SECONDS seconds (default 60) on a copy of its
# corpus in build-fuzz/corpus/NAME (kept between runs, so it grows), and
# prints one line per target and a total.
#
# A crash, leak, sanitizer report or failed check stops that target and
# leaves the input in build-fuzz/artifacts/NAME/ and the log in
# build-fuzz/fuzz-NAME.log. Minimise it with
#   build-fuzz/tests/fuzz/fuzz_NAME -minimize_crash=1 -runs=10000 FILE
# and add it to tests/fuzz/corpus/NAME/, so the regression test (the same
# target built with tests/fuzz/driver.c, suite 'fuzz') keeps covering it.
#
# Usage: scripts/fuzz.sh [NAME...]   (default: every target)
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
build=build-fuzz
all="csv workflow numbering form normalise textwidth fts_tokenizer search_query writing_rules mail_parse alert_rules notify_render"
targets=${*:-$all}

case $seconds in
'' | *[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2 ;;
esac
for t in $targets; do
	[ -d "tests/fuzz/corpus/$t" ] || { echo "fuzz: no target '$t' (targets: $all)" >&2; exit 2; }
done

sh scripts/deps.sh build

# clang and its libFuzzer runtime (libclang-rt-N-dev), installed when missing.
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
apt_install() {
	echo "fuzz: installing: $*"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "$@"
}
runtime() {
	clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a"
}
command -v clang >/dev/null 2>&1 || apt_install clang
if [ ! -f "$(runtime)" ]; then
	major=$(clang -dumpversion | cut -d. -f1)
	apt_install "libclang-rt-$major-dev"
fi
[ -f "$(runtime)" ] || { echo "fuzz: no libFuzzer runtime for $(clang -dumpversion)" >&2; exit 1; }

# Not -Dwerror: clang warns where gcc does not, and that is for the gcc
# builds (make, make check) to rule on, not a reason to stop fuzzing.
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" --buildtype=debugoptimized \
		-Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined'
fi
exes=""
for t in $targets; do exes="$exes tests/fuzz/fuzz_$t"; done
# shellcheck disable=SC2086
ninja -C "$build" $exes

export MADO_SHAREDIR="$PWD/share" MADO_CONFIG=/nonexistent/madoguchi.conf LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

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

passed=0 failed=0 summary=""
for t in $targets; do
	corpus=$build/corpus/$t
	artifacts=$build/artifacts/$t
	log=$build/fuzz-$t.log
	mkdir -p "$corpus" "$artifacts"
	cp tests/fuzz/corpus/"$t"/* "$corpus"/
	echo "fuzz: $t for $seconds s"
	dict=""
	[ -f "$build/$t.dict" ] && dict="-dict=$build/$t.dict"
	rc=0
	# shellcheck disable=SC2086
	"$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
		$dict "$corpus" >"$log" 2>&1 || rc=$?
	execs=$(stat number_of_executed_units "$log")
	rate=$(stat average_exec_per_sec "$log")
	cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
	units=$(find "$corpus" -type f | wc -l)
	line=$(printf '%-10s %8s execs %7s/s  cov %5s  corpus %5s' "$t" \
		"${execs:-?}" "${rate:-?}" "${cov:-?}" "$units")
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		line="$line  ok"
	else
		failed=$((failed + 1))
		found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		line="$line  FAILED (exit $rc): ${found:-see $log}"
		grep -E 'check failed|ERROR: (Address|Leak|libFuzzer)|runtime error' "$log" |
			head -n 5 >&2 || true
	fi
	summary="$summary$line
"
done
printf '\nfuzz summary (%s s per target, log: %s/fuzz-NAME.log)\n%s' "$seconds" "$build" "$summary"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
