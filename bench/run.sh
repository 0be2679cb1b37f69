#!/bin/sh
# make bench: generate (once) a database of a million tickets with madogen,
# then run the benchmarks on a copy so every run starts from the same data.
# BENCH_TICKETS overrides the size; BENCH_REGEN=1 regenerates; BENCH_REPEAT
# and BENCH_STARTS set how often the client benchmark repeats each step;
# BENCH_KB sets the articles of the search benchmark's database.
# BENCH_NOTIFY sets the notifications bench/notify.sh sends.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
tickets=${BENCH_TICKETS:-1000000}
base="$out/tickets-$tickets.db"
mkdir -p "$out"
export MADO_SHAREDIR="$root/share" MADO_CONFIG=/nonexistent
if [ ! -f "$base" ] || [ "${BENCH_REGEN:-0}" = 1 ]; then
	rm -f "$base" "$base-wal" "$base-shm"
	echo "generating $tickets tickets into $base ..."
	"$build/demo/madogen" --db "$base" --tickets "$tickets" --kb 1500 \
		--calllogs 100000 --staff 50 --seed 1
	sqlite3 "$base" "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" >/dev/null
fi
echo "database size: $(du -h "$base" | cut -f1)"
work="$out/work.db"
rm -f "$work" "$work-wal" "$work-shm"
cp "$base" "$work"
# The client as an operator runs it, in a pseudo-terminal (BENCH_REPEAT
# keys of each kind, BENCH_STARTS starts); first, so that its lists show
# the generated tickets, not the thousands of alike ones bench_tickets adds.
MADO="$build/cli/mado" "$build/bench/bench_client" "$work" "${BENCH_REPEAT:-200}" \
	"${BENCH_STARTS:-50}"
"$build/bench/bench_tickets" "$work"
rm -f "$work" "$work-wal" "$work-shm"
# Printed reports on a fresh copy of the generated tickets: the daily
# summary of the last day and the monthly report of a month and a year.
cp "$base" "$work"
"$build/bench/bench_reports" "$work"
rm -f "$work" "$work-wal" "$work-shm"
# Search: its own database of BENCH_KB (100,000) articles and BENCH_TICKETS
# tickets, generated once (with the index on, as madogen always writes now).
kb=${BENCH_KB:-100000}
search_base="$out/search-$tickets-$kb.db"
if [ ! -f "$search_base" ] || [ "${BENCH_REGEN:-0}" = 1 ]; then
	rm -f "$search_base" "$search_base-wal" "$search_base-shm"
	echo "generating $kb articles and $tickets tickets into $search_base ..."
	"$build/demo/madogen" --db "$search_base" --tickets "$tickets" --kb "$kb" \
		--calllogs 1000 --staff 50 --seed 1
	sqlite3 "$search_base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
cp "$search_base" "$work"
"$build/bench/bench_search" "$work"
rm -f "$work" "$work-wal" "$work-shm"
# Call logs: a day of 5,000 calls by 30 operator processes on a copy of a
# small database (its masters, FAQs and phone book), then a month's figures
# on five fiscal years of BENCH_CALLS (6,000,000) call logs, generated once.
calls=${BENCH_CALLS:-6000000}
day_base="$out/calls-day.db"
calls_base="$out/calls-$calls.db"
if [ ! -f "$day_base" ] || [ "${BENCH_REGEN:-0}" = 1 ]; then
	rm -f "$day_base" "$day_base-wal" "$day_base-shm"
	"$build/demo/madogen" --db "$day_base" --tickets 1000 --kb 300 --calllogs 5000 \
		--staff 50 --seed 1
	sqlite3 "$day_base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
if [ ! -f "$calls_base" ] || [ "${BENCH_REGEN:-0}" = 1 ]; then
	rm -f "$calls_base" "$calls_base-wal" "$calls_base-shm"
	echo "generating $calls call logs over 5 fiscal years into $calls_base ..."
	"$build/demo/madogen" --db "$calls_base" --tickets 1000 --kb 300 \
		--calllogs "$calls" --years 5 --staff 50 --seed 1
	sqlite3 "$calls_base" "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" >/dev/null
fi
cp "$day_base" "$work"
"$build/bench/bench_calls" "$work" "$calls_base"
rm -f "$work" "$work-wal" "$work-shm"
# Notifications: one madod send pass of BENCH_NOTIFY (2,000) acknowledgements
# through a local OpenSMTPD into dovecot (bench/notify.sh).
sh "$root/bench/notify.sh" "$build"
# Mail intake: BENCH_MAILS (10,000) generated messages through the Maildir
# and IMAP sources (bench/intake.sh).
sh "$root/bench/intake.sh" "$build"
