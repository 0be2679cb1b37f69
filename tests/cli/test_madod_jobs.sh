# madod's jobs: the schedule recorded in the job table from [jobs]; a due
# retention job run by `madod run` archives a past fiscal year's call logs
# to [jobs] archive_dir (mode 0640), deletes them with audit rows and
# records the run; search_optimize too; a job claimed by another daemon is
# left alone.
. "$(dirname "$0")/lib.sh"

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
"$MADO" admin db version >/dev/null
# 1793545200 is 2026-11-02 00:00 JST (FY2026); C0 on 2023-05-01 is FY2023,
# past the default retention; C1 is this year's.
sql "INSERT INTO staff(id, login, name, role) VALUES (10, 'op1', '山田 花子', 'operator');
INSERT INTO calllog(receipt_no, operator_id, started_at, inquiry_text, response_text) VALUES
 ('C0', 10, 1682899200, '古い', ''), ('C1', 10, 1793578200, '新しい', '');"
export MADO_NOW=1793545200
mkdir "$TMP/archive"
conf="$TMP/madod.conf"
cat > "$conf" <<EOC
[daemon]
log = stderr
[jobs]
archive_dir = $TMP/archive
retention = daily 02:30
search_optimize = off
EOC

"$MADOD" --config "$conf" run 2>"$TMP/run1.log" &
pid=$!
at_exit "kill $pid 2>/dev/null"
wait_for "$TMP/run1.log" "started"
kill -TERM $pid; wait $pid
is "$(sql "SELECT name || ' ' || schedule || ' ' || coalesce(next_run_at, '-') FROM job ORDER BY name")" \
	"report_early off -
report_late off -
retention daily 02:30 $((1793545200 + 9000))
search_optimize off -" "the schedule is recorded: next run at 02:30 JST, off is never (the shift summaries are off without [report] output_dir)"
is "$(sql "SELECT count(*) FROM calllog")" 2 "nothing ran before its time"

# another daemon holds the job: left alone
sql "UPDATE job SET next_run_at = 1, running_since = $((1793545200 - 60)) WHERE name = 'retention'"
"$MADOD" --config "$conf" run 2>"$TMP/run2.log" &
pid=$!
wait_for "$TMP/run2.log" "started"
kill -TERM $pid; wait $pid
is "$(sql "SELECT count(*) FROM calllog")" 2 "a job running elsewhere is not run again"

sql "UPDATE job SET running_since = NULL WHERE name = 'retention'"
"$MADOD" --config "$conf" run 2>"$TMP/run3.log" &
pid=$!
wait_for "$TMP/run3.log" "job retention: (ok|failed)"
ok $? "the due retention job runs"
kill -TERM $pid; wait $pid
is "$?" 0 "madod exits 0 on SIGTERM"
like "$(cat "$TMP/run3.log")" "job retention: ok: FY2023: 1 call logs archived" "logged"
f="$TMP/archive/calllog-FY2023.csv"
ok "$([ -f "$f" ] && echo 0 || echo 1)" "archive written to archive_dir"
is "$(stat -c %a "$f")" 640 "archive mode 0640"
like "$(cat "$f")" "C0,山田 花子,2023-05-01 09:00" "the archive holds the call log"
is "$(ls "$TMP/archive" | wc -l)" 1 "no temporary file left"
is "$(sql "SELECT group_concat(receipt_no) FROM calllog")" "C1" "FY2023 deleted, this year kept"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'retention_delete'")" 1 "audited"
is "$(sql "SELECT last_status || ' ' || last_run_at || ' ' || next_run_at || ' ' || coalesce(running_since, '-') FROM job WHERE name = 'retention'")" \
	"ok 1793545200 $((1793545200 + 9000)) -" "the run is recorded and the next one scheduled"

# search_optimize, due; a failing retention (no archive_dir) recorded as failed
sed -i -e '/archive_dir/d' -e 's/= off/= daily 03:00/' "$conf"
"$MADOD" --config "$conf" run 2>"$TMP/run4.log" &
pid=$!
wait_for "$TMP/run4.log" "started"
kill -TERM $pid; wait $pid
is "$(sql "SELECT schedule || ' ' || next_run_at FROM job WHERE name = 'search_optimize'")" \
	"daily 03:00 $((1793545200 + 10800))" "a changed schedule is recorded when madod starts"
sql "INSERT INTO calllog(receipt_no, operator_id, started_at, inquiry_text, response_text)
 VALUES ('C9', 10, 1682899200, '', '');
UPDATE job SET next_run_at = 1"
"$MADOD" --config "$conf" run 2>"$TMP/run4.log" &
pid=$!
wait_for "$TMP/run4.log" "job search_optimize: (ok|failed)"
kill -TERM $pid; wait $pid
like "$(cat "$TMP/run4.log")" "job search_optimize: ok" "search_optimize runs"
is "$(sql "SELECT last_status FROM job WHERE name = 'retention'")" "failed" \
	"retention without an archive_dir fails visibly"
like "$(sql "SELECT last_message FROM job WHERE name = 'retention'")" "archive_dir" \
	"and says why"
is "$(sql "SELECT count(*) FROM calllog WHERE receipt_no = 'C9'")" 1 "nothing deleted unarchived"

# C9 is of FY2023 too, archived before: its archive goes beside the first,
# whose rows are gone from the database, instead of replacing it.
sed -i "s|^\[jobs\]|[jobs]\narchive_dir = $TMP/archive|" "$conf"
sql "UPDATE job SET next_run_at = 1, running_since = NULL WHERE name = 'retention'"
"$MADOD" --config "$conf" run 2>"$TMP/run5.log" &
pid=$!
wait_for "$TMP/run5.log" "job retention: (ok|failed)"
kill -TERM $pid; wait $pid
like "$(cat "$TMP/run5.log")" "job retention: ok: FY2023: 1 call logs archived to $TMP/archive/calllog-FY2023-2.csv" \
	"a second archive of FY2023 gets a name of its own"
like "$(cat "$f")" "C0,山田 花子" "the first archive still holds C0"
like "$(cat "$TMP/archive/calllog-FY2023-2.csv")" "C9," "the second holds C9"
is "$(sql "SELECT count(*) FROM calllog WHERE receipt_no = 'C9'")" 0 "and C9 is deleted"
done_testing
