# mado ticket ...: the real binary on a real database file.
. "$(dirname "$0")/lib.sh"

sqlite3 "$MADO_DB" "PRAGMA journal_mode=WAL" >/dev/null 2>&1
run "$MADO" admin db version
is "$rc" 0 "admin db version creates and migrates the database"
like "$out" "Schema version: +[0-9]+" "schema version shown"

sqlite3 "$MADO_DB" "
INSERT INTO department(code, name) VALUES ('joho', '情報政策課');
INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク'), ('net', 'ネットワーク');
INSERT INTO staff(login, name, role) VALUES ('s.tanaka', '田中 聡', 'operator');
INSERT INTO managed_system(code, name) VALUES ('juki', '住民基本情報システム');"

run "$MADO" ticket new --kind inquiry --subject 'プリンターで印刷できない' \
	--body '3階の複合機から印刷できません。' --queue helpdesk --requester-email user@example.jp
is "$rc" 0 "create an inquiry with a Japanese subject"
inq=$out
like "$inq" '^INQ-[0-9]{4}-000001$' "the number follows the inquiry rule"
run "$MADO" ticket new --kind incident --subject 'VPN disconnects every hour' --system juki
inc=$out
is "$rc" 0 "create an incident"
run "$MADO" --format json ticket new --kind request --request-kind user_id \
	--field request_type=new --field department=joho --field persons=3 --field system=juki \
	--field start_date=2026-12-01 --subject 'ユーザID設置申請（新規採用者）'
is "$rc" 0 "create a request"
like "$out" '"number": "REQ-' "json output of new"

run "$MADO" ticket new --kind request --request-kind dc_entry --subject '入室申請' \
	--field persons=30 --field area=bogus
is "$rc" 65 "a request with bad form fields is invalid data"
like "$err" "persons: " "each bad field named"
like "$err" "work_start: " "missing required fields named"

# Usage errors, invalid data, not found: distinct exit codes.
run "$MADO" ticket new --subject 'no kind'
is "$rc" 64 "missing --kind is a usage error"
run "$MADO" ticket new --kind inquiry --subject '   '
is "$rc" 65 "blank subject is invalid data"
like "$err" "subject: must not be empty" "message names the field"
run "$MADO" ticket new --kind inquiry --subject 'x' --queue nosuch
is "$rc" 65 "unknown queue"
like "$err" "queue: no such queue 'nosuch'" "message names queue and value"
run "$MADO" ticket show INQ-1999-000999
is "$rc" 66 "unknown ticket is not found"
run "$MADO" ticket frobnicate
is "$rc" 64 "unknown command"
run "$MADO" --format xml ticket list
is "$rc" 64 "unknown format"

# Work the inquiry through its workflow.
run "$MADO" ticket status "$inq" in_progress
is "$rc" 0 "status in_progress"
run "$MADO" ticket status "$inq" bogus
is "$rc" 65 "unknown status refused"
like "$err" "waiting, answered" "and the allowed ones listed"
run "$MADO" ticket assign "$inq" --queue net --owner s.tanaka
is "$rc" 0 "assign queue and owner"
run "$MADO" ticket update "$inq" priority=2 'subject=プリンター印刷不可（3階）'
is "$rc" 0 "update two fields"
run "$MADO" ticket update "$inq" priority=9 subject=x
is "$rc" 65 "a bad value refuses the whole update"
run "$MADO" ticket update "$inq" impact=x
is "$rc" 64 "incident field on an inquiry refused"
echo 'ドライバーを再インストールしてください。' | "$MADO" ticket comment "$inq" >/dev/null
is "$?" 0 "reply from standard input"
run "$MADO" ticket comment "$inq" --note --body 'ベンダー確認中'
is "$rc" 0 "internal note"
run "$MADO" ticket link "$inc" related "$inq"
is "$rc" 0 "link incident to inquiry"
run "$MADO" ticket status "$inq" answered
run "$MADO" ticket close "$inq"
is "$rc" 0 "close"
run "$MADO" ticket reopen "$inq"
is "$rc" 0 "reopen (root acts as administrator)"

run "$MADO" ticket show "$inq"
is "$rc" 0 "show"
like "$out" "Subject: +プリンター印刷不可（3階）" "updated subject shown"
like "$out" "\[reply\] .*" "reply marked as reply"
like "$out" "\[internal note\]" "note marked as internal, not by colour"
like "$out" "<- related $inc" "link shown from the other side"
like "$out" "status: in_progress -> waiting|status: answered -> closed" "history from the audit trail"
run "$MADO" --format json ticket show "$inq"
printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["status"]=="in_progress", d' 2>/dev/null
ok $? "show as JSON parses and has the status name"

# Lists: alignment by display width, formats, paging.
run "$MADO" ticket list
is "$rc" 0 "list"
printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().splitlines()
head = lines[0]
col = w(head[:head.index("Subject")])
for l in lines[2:]:
    parts = l.split("  ")
    # the subject is the text after the last run of two spaces
    idx = l.rindex("  ") + 2
    assert w(l[:idx]) == col, (l, w(l[:idx]), col)
' 2>"$TMP/align"
ok $? "subject column starts at the same screen column on every row"
[ -s "$TMP/align" ] && sed 's/^/# /' "$TMP/align"
run "$MADO" --format csv ticket list --kind inquiry
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "number,status,priority,queue,owner,updated,subject" "csv header"
run "$MADO" ticket list --limit 1
like "$err" "next page: --after [0-9]+\.[0-9]+" "a full page tells how to go on"
cursor=$(printf '%s' "$err" | sed -n 's/.*--after //p')
run "$MADO" ticket list --limit 1 --after "$cursor"
first=$("$MADO" ticket list --limit 1 2>/dev/null | tail -1)
second=$(printf '%s\n' "$out" | tail -1)
ok "$([ -n "$second" ] && [ "$first" != "$second" ] && echo 0 || echo 1)" "the next page continues after the cursor"
run "$MADO" ticket list --open --kind inquiry
like "$out" "$inq" "open filter keeps the reopened inquiry"

# Attachments: a round trip byte for byte, the size limit, unknown ids.
head -c 3000 /dev/urandom > "$TMP/screen.png"
printf 'ログ 1行目\n' > "$TMP/app.log"
chmod 644 "$TMP/screen.png" "$TMP/app.log"
run "$MADO" ticket attach "$inq" "$TMP/screen.png" "$TMP/app.log"
is "$rc" 0 "attach two files"
like "$out" "screen\.png +3000 +image/png" "attached files listed with size and type"
run "$MADO" ticket show "$inq"
like "$out" "screen\.png +\(3000 bytes, image/png\)" "ticket show lists the attachments"
run "$MADO" --format csv ticket attachments "$inq"
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "id,filename,size,mime,created,created_by" "attachments csv header"
att=$(printf '%s\n' "$out" | grep ',screen.png,' | cut -d, -f1)
like "$(printf '%s\n' "$out" | grep ',app.log,')" ",text/plain," "the log is text"
run "$MADO" ticket attachment-get "$att" "$TMP/copy.png"
is "$rc" 0 "get an attachment into a file"
cmp -s "$TMP/screen.png" "$TMP/copy.png"
ok $? "the copy is byte-identical"
run "$MADO" ticket attachment-get "$att" "$TMP/copy.png"
is "$rc" 73 "an existing file is not overwritten"
like "$err" "already exists; give --force" "and says how to replace it"
run "$MADO" ticket attachment-get --force "$att" "$TMP/copy.png"
is "$rc" 0 "unless --force"
"$MADO" ticket attachment-get "$att" - > "$TMP/stdout.png"
cmp -s "$TMP/screen.png" "$TMP/stdout.png"
ok $? "get to standard output, byte-identical"
(cd "$TMP" && mkdir -p own && cd own && "$MADO" ticket attachment-get "$att" >/dev/null)
cmp -s "$TMP/screen.png" "$TMP/own/screen.png"
ok $? "without OUTFILE the attachment's own name is used"
sqlite3 "$MADO_DB" "UPDATE setting SET value = '2000' WHERE key = 'attachment.max_bytes'"
run "$MADO" ticket attach "$inq" "$TMP/app.log" "$TMP/screen.png"
is "$rc" 65 "a file over attachment.max_bytes is invalid data"
like "$err" "screen\.png: too large to attach .*attachment\.max_bytes = 2000" "naming the file and the limit"
is "$("$MADO" --format csv ticket attachments "$inq" | grep -c ',app.log,')" 1 \
	"nothing is attached when one file is refused"
sqlite3 "$MADO_DB" "UPDATE setting SET value = '20971520' WHERE key = 'attachment.max_bytes'"
run "$MADO" ticket attachment-get 999999
is "$rc" 66 "an unknown attachment is not found"
run "$MADO" ticket attach "$inq" "$TMP/nosuch.pdf"
is "$rc" 66 "a missing file is not found"
run "$MADO" ticket attachment-get x1
is "$rc" 64 "an attachment id must be a number"

# Audit trail intact after all of this.
run "$MADO" admin audit verify
is "$rc" 0 "audit trail verifies"

# Refusals by role, as a real other user (needs root to switch user).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 1777 "$TMP"; chmod 666 "$MADO_DB" "$MADO_DB-wal" "$MADO_DB-shm" 2>/dev/null
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	run as_nobody "$MADO" ticket list
	is "$rc" 77 "an unregistered user is refused"
	like "$err" "not registered as staff" "with a message saying why"
	sqlite3 "$MADO_DB" "INSERT INTO staff(login, name, role) VALUES ('nobody', '閲覧 太郎', 'staff')"
	run as_nobody "$MADO" ticket list
	is "$rc" 0 "registered staff may list"
	run as_nobody "$MADO" ticket show "$inq"
	ok "$(printf '%s' "$out" | grep -c 'internal note')" "staff do not see internal notes"
	like "$out" "\[reply\]" "but do see the replies"
	run as_nobody "$MADO" ticket status "$inc" triage
	is "$rc" 77 "staff may not change a status"
	like "$err" "needs the operator role" "refusal names the role"
	run as_nobody "$MADO" ticket attach "$inq" "$TMP/app.log"
	is "$rc" 77 "staff may not attach files"
	as_nobody "$MADO" ticket attachment-get "$att" - > "$TMP/nobody.png" &&
		cmp -s "$TMP/screen.png" "$TMP/nobody.png"
	ok $? "staff may read a ticket's attachment"
	run as_nobody "$MADO" admin audit verify
	is "$rc" 77 "staff may not verify the audit trail"
else
	skip "role refusals need root to run as another user"
fi
done_testing
