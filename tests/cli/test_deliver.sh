# madod deliver --queue Q: the real binary reading one message on standard
# input, with the exit codes an MTA acts on; and a Maildir source taken in
# by madod fetch --once, where a message committed but not yet moved (a
# crash in between) is taken as a duplicate, not twice.
. "$(dirname "$0")/lib.sh"

MAIL="$MADO_TESTDATA/mail"
"$MADO" admin db version >/dev/null
sqlite3 "$MADO_DB" "
INSERT INTO queue(code, name, email) VALUES
  ('helpdesk', 'ヘルプデスク', 'helpdesk@city.example.lg.jp'),
  ('infra', '基盤担当', 'infra@city.example.lg.jp');"
export MADO_NOW=1795140000   # 2026-11-20 10:20 JST

run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-iso2022jp.eml"
is "$rc" 0 "a message is delivered"
is "$out" "new INQ-2026-000001" "it made a new inquiry"
is "$(sqlite3 "$MADO_DB" "SELECT subject FROM ticket")" "プリンターで印刷できません" \
	"with its Japanese subject"
run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-iso2022jp.eml"
is "$rc" 0 "the same message again exits 0, so the MTA does not retry"
is "$out" "duplicate INQ-2026-000001" "and is a duplicate"
run "$MADOD" deliver --queue infra < "$MAIL/intake-iso2022jp.eml"
is "$out" "duplicate INQ-2026-000001" "to a second address: the same ticket"
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM ticket")" 1 "one ticket"

run "$MADOD" deliver --queue nosuch < "$MAIL/intake-iso2022jp.eml"
is "$rc" 67 "an unknown queue is EX_NOUSER"
like "$err" "no queue 'nosuch'" "and says which"
run "$MADOD" deliver --queue helpdesk < /dev/null
is "$rc" 65 "an empty message cannot be stored: EX_DATAERR"
run "$MADOD" deliver
is "$rc" 64 "no --queue is a usage error"
run "$MADOD" deliver --queue helpdesk extra < /dev/null
is "$rc" 64 "an extra argument is a usage error"

# configuration errors: 78
printf '[mail]\nalert_rules = %s/bad-rules.conf\n' "$TMP" > "$TMP/bad.conf"
printf '[rule x]\nsubject = no host group\n' > "$TMP/bad-rules.conf"
MADO_CONFIG="$TMP/bad.conf" run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-attach.eml"
is "$rc" 78 "bad alert rules are EX_CONFIG"
like "$err" "bad-rules.conf: \[rule x\] subject: " "naming the file, rule and key"
printf '[database\n' > "$TMP/broken.conf"
MADO_CONFIG="$TMP/broken.conf" run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-attach.eml"
is "$rc" 78 "an unreadable configuration is EX_CONFIG"

# temporary failures: 75, so the MTA keeps the message and retries
MADO_DB="$TMP/no/such/dir/test.db" run "$MADOD" deliver --queue helpdesk \
	< "$MAIL/intake-attach.eml"
is "$rc" 75 "a database that cannot be opened is EX_TEMPFAIL"
# Another process holds the write lock for longer than madod waits.
mkfifo "$TMP/lock"
sqlite3 "$MADO_DB" < "$TMP/lock" >/dev/null 2>&1 &
locker=$!
exec 9>"$TMP/lock"
at_exit "exec 9>&-; kill $locker 2>/dev/null"
printf 'BEGIN IMMEDIATE;\nUPDATE setting SET value = value;\n' >&9
i=0
while sqlite3 -cmd ".timeout 1" "$MADO_DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null &&
    [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-attach.eml"
is "$rc" 75 "a database that stays busy is EX_TEMPFAIL"
printf 'ROLLBACK;\n.quit\n' >&9
exec 9>&-
wait "$locker"
run "$MADOD" deliver --queue helpdesk < "$MAIL/intake-attach.eml"
is "$rc" 0 "the retry once the database is free stores it"
is "$out" "new INQ-2026-000002" "as a new inquiry"

# A Maildir source: new/ and unseen cur/ are taken, then moved to cur/ with S.
md="$TMP/Maildir"
mkdir -p "$md/new" "$md/cur" "$md/tmp"
printf '[source box]\ntype = maildir\npath = %s\nqueue = helpdesk\n' "$md" > "$TMP/md.conf"
i=0
for n in 1 2 3; do
	printf 'From: user%s@example.jp\r\nTo: helpdesk@city.example.lg.jp\r\nSubject: Maildir %s\r\nMessage-ID: <md-%s@example.jp>\r\n\r\nbody %s\r\n' \
		$n $n $n $n > "$md/new/1795140000.M$n.host"
done
printf 'From: user4@example.jp\r\nSubject: Maildir 4\r\nMessage-ID: <md-4@example.jp>\r\n\r\nseen before\r\n' \
	> "$md/cur/1795140000.M4.host:2,S"
printf 'From: user5@example.jp\r\nSubject: Maildir 5\r\nMessage-ID: <md-5@example.jp>\r\n\r\nunseen in cur\r\n' \
	> "$md/cur/1795140000.M5.host:2,"
MADO_CONFIG="$TMP/md.conf" run "$MADOD" fetch --once
is "$rc" 0 "fetch --once takes the Maildir"
is "$(ls "$md/new" | wc -l)" 0 "new/ is empty"
is "$(ls "$md/cur" | grep -c ':2,S$')" 5 "every message is in cur/ flagged seen"
is "$(sqlite3 "$MADO_DB" "SELECT group_concat(subject, ',') FROM (SELECT subject FROM ticket
	WHERE subject LIKE 'Maildir%' ORDER BY subject)")" "Maildir 1,Maildir 2,Maildir 3,Maildir 5" \
	"new/ and unseen cur/ became tickets, the seen one was left alone"

# A crash between the commit and the move: the message is still in new/.
cp "$md/cur/1795140000.M2.host:2,S" "$md/new/1795140000.M2.host"
MADO_CONFIG="$TMP/md.conf" run "$MADOD" fetch --once
is "$rc" 0 "the next pass takes the left-over message"
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM ticket WHERE subject = 'Maildir 2'")" 1 \
	"as a duplicate: still one ticket"
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM mail_message WHERE message_id = 'md-2@example.jp'")" 1 \
	"and one stored message"
is "$(ls "$md/new" | wc -l)" 0 "and moves it out of new/"
MADO_CONFIG="$TMP/md.conf" run "$MADOD" fetch --once
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM mail_message")" 7 "a pass with nothing new stores nothing"

# Delivery order: a chain of ten mails, each answering the one before, is
# taken oldest first (a Maildir name begins with its delivery time), so it
# stays one ticket in whatever order the directory lists the files.
for n in 0 1 2 3 4 5 6 7 8 9; do
	{
		printf 'From: chain@example.jp\r\nSubject: chain\r\nMessage-ID: <chain-%s@example.jp>\r\n' $n
		if [ $n -gt 0 ]; then printf 'In-Reply-To: <chain-%s@example.jp>\r\n' $((n - 1)); fi
		printf '\r\nmessage %s\r\n' $n
	} > "$md/new/$((1795140200 + n)).Mc$n.host"
done
MADO_CONFIG="$TMP/md.conf" run "$MADOD" fetch --once
is "$rc" 0 "a chain of replies is taken"
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM ticket WHERE subject = 'chain'")" 1 \
	"oldest first: one ticket"
is "$(sqlite3 "$MADO_DB" "SELECT count(*) FROM comment c JOIN ticket t ON t.id = c.ticket_id
	WHERE t.subject = 'chain' AND c.kind = 'incoming'")" 9 "with the nine replies on it"

done_testing
