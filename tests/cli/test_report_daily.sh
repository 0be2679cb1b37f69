. "$(dirname "$0")/lib.sh"
# mado report daily|monthly and mado handover on a few tickets made through
# mado itself at pinned times (MADO_NOW): the early shift of Monday
# 2026-11-02 as aligned text, as CSV byte for byte, the handover commands,
# the monthly report's totals, and the refusals (staff role, bad options).
# Runs as root, registered as the supervisor 当番 太郎.

sql() { sqlite3 -batch -cmd ".timeout 10000" "$MADO_DB" "$1"; }
# 1793545200 is 2026-11-02 00:00 JST.
B=1793545200
"$MADO" admin db version >/dev/null
sql "INSERT INTO staff(login, name, role) VALUES ('root', '当番 太郎', 'supervisor');
INSERT INTO queue(code, name) VALUES ('HD', 'ヘルプデスク');"
mado_at() { when=$1; shift; MADO_NOW=$(($B + when)) "$MADO" "$@" >/dev/null || echo "# failed: $*"; }
# INC 08:00 (due 11-04 10:00: the 3rd is a holiday, so at risk), INQ-1
# 09:00 in progress due 10:00 (a breach), INQ-2 08:40 closed at 11:00.
mado_at 28800 ticket new --kind incident --subject '回線断' --queue HD
mado_at 28800 ticket update INC-2026-000001 impact=本庁舎 "due=2026-11-04 10:00"
mado_at 31200 ticket new --kind inquiry --subject '終了済み, "至急"' --queue HD
mado_at 32400 ticket new --kind inquiry --subject '印刷できない' --queue HD
mado_at 32400 ticket status INQ-2026-000002 in_progress
mado_at 32400 ticket update INQ-2026-000002 "due=2026-11-02 10:00"
mado_at 39600 ticket close INQ-2026-000001

export MADO_NOW=$(($B + 57600))   # 16:00
run "$MADO" handover note 'サーバ室の空調点検あり'
is "$rc" 0 "handover note for the running shift"
is "$out" "handover note of 2026-11-02 early saved" "the running shift is 2026-11-02 early"
run "$MADO" handover pick INQ-2026-000002 --note 要フォロー
is "$rc" 0 "handover pick"
run "$MADO" handover pick INC-2026-000001
run "$MADO" handover unpick INC-2026-000001
is "$rc" 0 "handover unpick"
run "$MADO" handover unpick INC-2026-000001
is "$rc" 66 "unpicking what is not there"
run "$MADO" --lang en handover show
is "$out" "2026-11-02 early
サーバ室の空調点検あり
Written by 当番 太郎, 2026-11-02 16:00

Number           Subject       Note
---------------  ------------  ----------
INQ-2026-000002  印刷できない  要フォロー" "handover show"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'handover'")" 4 "four handover changes audited"

export MADO_NOW=$(($B + 62400))   # 17:20
run "$MADO" --lang en report daily --date 2026-11-02 --shift early
is "$rc" 0 "daily summary as text"
printf '%s\n' "$out" > "$TMP/daily.txt"
is "$(sed -n '/^Tickets by kind/,/^Total/p' "$TMP/daily.txt")" "Tickets by kind and queue
─────────────────────────
Kind      Queue         New  Resolved/closed  Open
──────────────────────────────────────────────────
Inquiry   ヘルプデスク    2                1     1
Incident  ヘルプデスク    0                0     1
──────────────────────────────────────────────────
Total                     2                1     2" "tickets per kind and queue, aligned by width"
like "$out" "当番 太郎  root   2026-11-02 08:40  2026-11-02 16:00" "staff on duty: first and last audit row in the shift"
like "$out" "INQ-2026-000002  Inquiry  2026-11-02 10:00  In progress  —      印刷できない" "the breach"
like "$out" "INC-2026-000001  Incident  2026-11-04 10:00  New     —      回線断" "at risk over the holiday"

run "$MADO" --lang en report daily --date 2026-11-02 --shift early --format csv --output "$TMP/d.csv"
is "$rc" 0 "daily summary as CSV"
printf '\357\273\277' > "$TMP/want.csv"
sed 's/$/\r/' >> "$TMP/want.csv" <<'CSV'
Period and staff on duty
Name,Login,First activity,Last activity
当番 太郎,root,2026-11-02 08:40,2026-11-02 16:00

Tickets by kind and queue
Kind,Queue,New,Resolved/closed,Open
Inquiry,ヘルプデスク,2,1,1
Incident,ヘルプデスク,0,0,1
Total,,2,1,2

Incidents open or recovered during the shift
Number,Occurred,System,Impact,Status,Recovered
INC-2026-000001,2026-11-02 08:00,—,本庁舎,New,

SLA breaches: open and past due at the end of the shift
Number,Kind,Due,Status,Owner,Subject
INQ-2026-000002,Inquiry,2026-11-02 10:00,In progress,—,印刷できない

At risk: due within the next 4 business hours
Number,Kind,Due,Status,Owner,Subject
INC-2026-000001,Incident,2026-11-04 10:00,New,—,回線断

Notable items
Number,Status,Subject,Note
INQ-2026-000002,In progress,印刷できない,要フォロー

"Open items for the next shift, oldest first"
Number,Kind,Created,Status,Queue,Owner,Subject
INC-2026-000001,Incident,2026-11-02 08:00,New,ヘルプデスク,—,回線断
INQ-2026-000002,Inquiry,2026-11-02 09:00,In progress,ヘルプデスク,—,印刷できない
CSV
cmp "$TMP/d.csv" "$TMP/want.csv" >/dev/null
ok $? "CSV byte for byte: BOM, CRLF, every table under its heading (quoted when it has a comma)"

run sh -c 'cd "$1" && "$MADO" --lang en report daily --date 2026-11-02 --shift early --format pdf' sh "$TMP"
is "$rc" 0 "daily summary as PDF"
is "$out" "PDF written to Daily operations report-2026-11-02-early.pdf" "named after the report, day and shift, in the current directory"
pdftotext -layout "$TMP/Daily operations report-2026-11-02-early.pdf" "$TMP/pdf.txt"
like "$(cat "$TMP/pdf.txt")" "INQ-2026-000002 +In progress +印刷できない +要フォロー" "the PDF's text: the notable item"

# --print through a private CUPS with a cups-pdf queue (root only): the
# PDF written and printed; with the scheduler gone, a failure naming the
# PDF that was kept.
. "$(dirname "$0")/../servers/cups.sh"
if cups_start "$TMP/cups" 2>"$TMP/cups.log"; then
	run "$MADO" --lang en report daily --date 2026-11-02 --shift early --print \
		--printer "$CUPS_PRINTER" --output "$TMP/print.pdf"
	is "$rc" 0 "--print: written and printed"
	is "$out" "PDF written to $TMP/print.pdf
printed on $CUPS_PRINTER" "--print says where the PDF is and where it went"
	# until the queue is empty (cups-pdf has written its PDF); bounded so
	# a stuck job fails instead of hanging
	i=0
	while [ $i -lt 1200 ] && [ -n "$(lpstat -o "$CUPS_PRINTER" 2>/dev/null)" ]; do
		sleep 0.1; i=$((i + 1))
	done
	for f in "$CUPS_PDF_OUT"/*.pdf; do pdftotext "$f" "$TMP/printed.txt" 2>/dev/null; done
	like "$(cat "$TMP/printed.txt" 2>/dev/null)" "INQ-2026-000002" "the printed PDF holds the summary"
	cups_stop
	run "$MADO" --lang en report daily --date 2026-11-02 --shift early --print \
		--printer "$CUPS_PRINTER" --output "$TMP/kept.pdf"
	ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "--print with no printer reachable fails"
	like "$err" "kept.pdf was written but not printed" "naming the PDF that was kept"
	ok "$([ -s "$TMP/kept.pdf" ] && echo 0 || echo 1)" "and the PDF is there"
else
	skip "--print: no CUPS for the test (needs root): $(tail -1 "$TMP/cups.log")"
fi
run "$MADO" report daily --printer x
is "$rc" 64 "--printer without --print"
run "$MADO" report daily --print --format csv
is "$rc" 64 "--print with CSV"

run "$MADO" --lang en report monthly --fy 2026 --month 11
is "$rc" 0 "monthly report of November"
like "$out" "Data-centre entry request +0" "routine work per kind"
like "$out" "INQ-2026-000001  2026-11-02  終了済み, \"至急\"  Closed" "the inquiries of the month"
run "$MADO" report monthly --month 11
is "$rc" 64 "--fy is needed"
run "$MADO" report monthly --fy 2026 --month 13
is "$rc" 64 "month 13"
run "$MADO" report daily --shift noon
is "$rc" 64 "an unknown shift"
like "$err" "--shift: no shift 'noon'" "naming the option"
run "$MADO" report daily --date 2026-02-30
is "$rc" 64 "not a date"
run "$MADO" report daily --format json
is "$rc" 64 "JSON is not a report format"

# madod at the end of the early shift: the summary as a PDF in [report]
# output_dir, its text the same figures; on Sunday 11-01 there is none.
mkdir "$TMP/reports"
conf="$TMP/madod.conf"
printf '[daemon]\nlog = stderr\n[jobs]\nretention = off\nsearch_optimize = off\n[report]\noutput_dir = %s\n' \
	"$TMP/reports" > "$conf"
madod_run() { # madod_run LOG: one pass of madod with every job due
	"$MADOD" --config "$conf" run 2>"$TMP/$1" &
	pid=$!
	at_exit "kill $pid 2>/dev/null"
	wait_for "$TMP/$1" "started"
	# the schedule is recorded just after "started"
	i=0
	while [ $i -lt 300 ] && [ "$(sql "SELECT count(*) FROM job WHERE name = 'report_late'")" != 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
	sql "UPDATE job SET next_run_at = 1 WHERE schedule <> 'off'"
	kill -HUP $pid
	wait_for "$TMP/$1" "job report_late: (ok|failed)"
	kill -TERM $pid; wait $pid
}
run "$MADOD" --config "$conf" check-config
is "$rc" 0 "check-config with [report] output_dir"
like "$out" "shift late: 17:15 to 08:30" "lists the shifts"
printf '[report]\noutput_dir = %s/nowhere\n' "$TMP" > "$TMP/bad.conf"
run "$MADOD" --config "$TMP/bad.conf" check-config
is "$rc" 78 "a missing reports directory is a configuration error"
like "$err" "bad.conf: \[report\] output_dir: .*/nowhere is not a writable directory" \
	"naming file, group and key"
madod_run jobs1.log
is "$(sql "SELECT name || ' ' || schedule FROM job WHERE name LIKE 'report%' ORDER BY name")" \
	"report_early daily 17:15
report_late daily 08:30" "the shift summaries are scheduled at the ends of the shifts"
like "$(cat "$TMP/jobs1.log")" "job report_early: ok: shift summary written to $TMP/reports/.*-2026-11-02-early.pdf" \
	"the early shift's summary written"
like "$(cat "$TMP/jobs1.log")" "job report_late: ok: not a business day" \
	"at 17:20 the late shift that ended began on Sunday 11-01: none"
pdftotext "$TMP/reports/"*-2026-11-02-early.pdf - > "$TMP/job.txt" 2>/dev/null
like "$(cat "$TMP/job.txt")" "INQ-2026-000002" "the PDF holds the summary's items"

sql "UPDATE staff SET role = 'operator' WHERE login = 'root';"
run "$MADO" report daily --date 2026-11-02 --format csv --output "$TMP/refused.csv"
is "$rc" 77 "an operator cannot print the summary"
ok "$([ ! -e "$TMP/refused.csv" ] && echo 0 || echo 1)" "and no file is written"
run "$MADO" handover note x
is "$rc" 77 "nor write the handover"
run "$MADO" handover show
is "$rc" 0 "but may read it"
sql "UPDATE staff SET role = 'staff' WHERE login = 'root';"
run "$MADO" report monthly --fy 2026
is "$rc" 77 "staff cannot read the monthly report"
like "$err" "supervisor" "the message names the role"

done_testing
