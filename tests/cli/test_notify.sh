# Notifications end to end: mado writes outbox rows, `madod send --once`
# sends them through a real OpenSMTPD on 127.0.0.1, which delivers them
# over LMTP into a throw-away dovecot; the test reads the delivered mail
# (the Maildir file, and once over IMAP) as a mail client would. STARTTLS
# and AUTH go through dovecot's submission service, which relays to the
# same OpenSMTPD (tests/servers/submission.sh says why). That
# ticket data cannot inject headers is tested on the very bytes sent, in
# tests/unit/test_notify.c (only the database could hold such a subject).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../servers/dovecot.sh"
. "$(dirname "$0")/../servers/smtpd.sh"
. "$(dirname "$0")/../servers/submission.sh"

dovecot_start "$TMP/dovecot"
ok $? "dovecot starts" || done_testing
smtpd_start "$TMP/smtpd"
case $? in
0) ok 0 "smtpd starts" ;;
2) skip "smtpd needs root (its queue and control socket are fixed paths)"; done_testing ;;
*) ok 1 "smtpd starts"; done_testing ;;
esac

export MADO_NOW=1795320000   # 2026-11-22 13:00 JST
export MADO_CONFIG="$TMP/madoguchi.conf"
conf() { # conf PORT [STARTTLS]: [smtp] sending to PORT
	cat >"$MADO_CONFIG" <<CONF
[smtp]
host = 127.0.0.1
port = $1
starttls = ${2:-no}
from = ヘルプデスク <desk@example.test>
domain = mado.example.test
max_attempts = 3
CONF
}
conf "$SMTPD_PORT"
sql() { sqlite3 "$MADO_DB" "$1"; }
"$MADO" admin db version >/dev/null
sql "INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク');
INSERT INTO staff(login, name, role, email, lang)
  VALUES ('bob', 'Bob Smith', 'operator', 'support@example.test', 'en'),
         ('nomail', '無 メール', 'operator', '', 'ja');"

# mail_file ROW USER: the file of outbox row ROW's mail in USER's mailbox
# (new or cur), found by its Message-ID once smtpd has handed it to dovecot.
mail_file() {
	mid=$(sql "SELECT message_id FROM outbox WHERE id = $1")
	dir=$(dovecot_maildir "$2")
	i=0
	while [ -n "$mid" ] && [ $i -lt 300 ]; do
		f=$(grep -l -i -F "Message-Id: <$mid>" "$dir"/new/* "$dir"/cur/* 2>/dev/null | head -1)
		[ -n "$f" ] && { echo "$f"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	echo /nonexistent
}
# mail FILE: the decoded view of a delivered message
mail() { python3 "$(dirname "$0")/mailcheck.py" "$1" 2>&1; }
field() { printf '%s\n' "$1" | sed -n "s/^$2: //p" | head -1; }

subject='プリンターで印刷できない（3階 複合機）'
run "$MADO" ticket new --kind inquiry --subject "$subject" \
	--body '3階の複合機から印刷できません。至急お願いします。' --queue helpdesk \
	--requester-name '山田 太郎' --requester-email yamada@example.test
is "$rc" 0 "an inquiry with a Japanese subject from yamada"
inq=$out
# The requester's original mail, as intake records it.
sql "INSERT INTO mail_message(direction, queue_id, message_id, ticket_id, sender, subject,
  disposition, at) VALUES ('in', 1, 'orig-1@example.test', 1, 'yamada@example.test',
  '$subject', 'new', $MADO_NOW - 60)"
is "$(sql "SELECT event || ' ' || recipient FROM outbox")" "ack yamada@example.test" \
	"the acknowledgement is queued"

run "$MADOD" send --once
is "$rc" 0 "madod send --once"
is "$out" "sent 1, to retry 0, failed 0" "it says what it sent"
ack=$(mail "$(mail_file 1 yamada)")
is "$(field "$ack" subject)" "[$inq] お問い合わせを受け付けました: $subject" \
	"the subject decodes to the Japanese subject with the ticket's tag"
is "$(field "$ack" subject-charsets)" "iso-2022-jp" "encoded in ISO-2022-JP"
is "$(field "$ack" subject-raw-b)" "yes" "as B words (RFC 1468)"
is "$(field "$ack" from)" "ヘルプデスク <desk@example.test>" "From: the configured name and address"
is "$(field "$ack" content-type)" "text/plain iso-2022-jp" "body text/plain; charset=ISO-2022-JP"
is "$(field "$ack" encoding)" "7bit" "in 7bit"
like "$ack" "山田 太郎 様" "the body addresses the requester"
like "$ack" "3階の複合機から印刷できません。至急お願いします。" "and quotes the inquiry"
is "$(field "$ack" auto-submitted)" "auto-replied" "an acknowledgement is Auto-Submitted: auto-replied"
is "$(field "$ack" in-reply-to)" "<orig-1@example.test>" "In-Reply-To the requester's mail"
ack_id=$(field "$ack" message-id)
like "$ack_id" '^<[^<>@ ]+@mado\.example\.test>$' "Message-ID in our domain"
is "<$(sql "SELECT message_id FROM mail_message WHERE direction = 'out'")>" "$ack_id" \
	"the Message-ID is recorded in mail_message"
is "$(sql "SELECT state || ' ' || attempts || ' ' || (message_id IS NOT NULL) FROM outbox")" \
	"sent 0 1" "the row is marked sent"

# A reply, then answered (the requester is told), then assigned to an
# English-speaking operator (and to one without an address: no mail).
run "$MADO" ticket comment "$inq" --body 'プリンタードライバーを再インストールしてください。
手順は添付の資料をご覧ください。'
is "$rc" 0 "reply"
is "$(sql "SELECT comment_id = (SELECT max(id) FROM comment) FROM outbox WHERE event = 'reply'")" \
	1 "the reply's row carries its comment"
"$MADO" ticket status "$inq" in_progress >/dev/null
is "$(sql "SELECT count(*) FROM outbox WHERE event = 'status'")" 0 "in progress tells no one"
run "$MADO" ticket status "$inq" answered
is "$(sql "SELECT event || ' ' || recipient FROM outbox WHERE event = 'status'")" \
	"status yamada@example.test" "answered: the requester is notified"
"$MADO" ticket assign "$inq" --owner nomail >/dev/null
"$MADO" ticket assign "$inq" --owner bob >/dev/null
is "$(sql "SELECT group_concat(recipient || ' ' || lang) FROM outbox WHERE event = 'assign'")" \
	"support@example.test en" "assignment mail goes to the owner's address; none without one"

run "$MADOD" send --once
is "$out" "sent 3, to retry 0, failed 0" "three more sent"
reply=$(mail "$(mail_file 2 yamada)")
status=$(mail "$(mail_file 3 yamada)")
is "$(field "$reply" subject)" "Re: [$inq] $subject" "the reply's subject"
like "$reply" "プリンタードライバーを再インストールしてください。" "the reply's text"
like "$reply" "手順は添付の資料をご覧ください。" "all of it"
is "$(field "$reply" in-reply-to)" "<orig-1@example.test>" "the reply answers the original mail"
is "$(field "$reply" references)" "<orig-1@example.test> $ack_id" \
	"References: the original, then our acknowledgement"
is "$(field "$reply" auto-submitted)" "" "a reply written by a person is not auto-submitted"
is "$(field "$status" subject)" "[$inq] 対応状況「回答完了」: $subject" "status: the label in Japanese"
assign=$(mail "$(mail_file 4 support)")
is "$(field "$assign" subject)" "[$inq] Assigned to you: $subject" \
	"the English template for an English-speaking staff member"
like "$assign" "has been assigned to you" "English body"
is "$(field "$assign" content-type)" "text/plain utf-8" "English mail with Japanese text: UTF-8"
is "$(sql "SELECT count(*) FROM mail_message WHERE direction = 'out'")" 4 "every mail recorded"

# Over IMAP, as the requester's client fetches it.
run curl -s -u "yamada:$DOVECOT_PASSWORD" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX;UID=1"
like "$out" "Message-I[dD]: $ack_id" "IMAP: the acknowledgement is in the requester's mailbox"

# A subject ISO-2022-JP cannot carry (① and 髙 are not in JIS X 0208): UTF-8.
run "$MADO" ticket new --kind inquiry --subject '髙橋さんの端末①が起動しない' \
	--requester-email yamada@example.test
"$MADOD" send --once >/dev/null
utf=$(mail "$(mail_file 5 yamada)")
is "$(field "$utf" subject)" "[$out] お問い合わせを受け付けました: 髙橋さんの端末①が起動しない" \
	"a subject with ① and 髙 arrives intact"
is "$(field "$utf" subject-charsets)" "utf-8" "in UTF-8 words"
is "$(field "$utf" content-type)" "text/plain utf-8" "its body in UTF-8 too"
is "$(field "$utf" encoding)" "base64" "base64"

# The server down: the row waits and is tried again later, then fails.
conf "$(server_free_port)"
run "$MADO" ticket new --kind inquiry --subject 'サーバー停止中' --requester-email yamada@example.test
id=$(sql "SELECT max(id) FROM outbox")
run "$MADOD" send --once
is "$rc" 0 "a server that is down is no error of the pass"
is "$out" "sent 0, to retry 1, failed 0" "counted to retry"
like "$err" "Connection refused" "the error is said"
is "$(sql "SELECT state || ' ' || attempts || ' ' || (next_attempt_at - $MADO_NOW) FROM outbox
  WHERE id = $id")" "pending 1 60" "pending, one attempt, the next in a minute"
like "$(sql "SELECT last_error FROM outbox WHERE id = $id")" "Connection refused" "last error kept"
run "$MADOD" send --once
is "$out" "sent 0, to retry 0, failed 0" "not due yet: not tried"
MADO_NOW=$((MADO_NOW + 60)) run "$MADOD" send --once
is "$(sql "SELECT state || ' ' || attempts || ' ' || (next_attempt_at - $MADO_NOW)
  FROM outbox WHERE id = $id")" "pending 2 180" "second attempt: two minutes later"
MADO_NOW=$((MADO_NOW + 180)) run "$MADOD" send --once
is "$out" "sent 0, to retry 0, failed 1" "third: max_attempts reached"
is "$(sql "SELECT state || ' ' || attempts FROM outbox WHERE id = $id")" "failed 3" \
	"the row is marked failed"
is "$(sql "SELECT count(*) FROM outbox WHERE state = 'failed'")" 1 \
	"the one failed row the client's status line counts"

# Operators' view of the outbox, and sending a failed one again.
run "$MADO" --format csv admin outbox list --state failed
like "$out" "^$id,INQ-2026-[0-9]+,ack,yamada@example.test,failed,3,,,.*Connection refused" \
	"admin outbox list --state failed: the row, its attempts and last error"
is "$(printf '%s\n' "$out" | wc -l)" 2 "only the failed one"
run "$MADO" admin outbox list
like "$out" "sent" "all states, as a table"
run "$MADO" admin outbox retry "$id"
is "$rc" 0 "admin outbox retry"
is "$(sql "SELECT state || ' ' || attempts || ' ' || (next_attempt_at = $MADO_NOW) FROM outbox
  WHERE id = $id")" "pending 0 1" "pending again from the first attempt, due now"
is "$(sql "SELECT old_value || '>' || new_value FROM audit WHERE entity = 'outbox'
  AND action = 'retry'")" "failed>pending" "audited"
conf "$SMTPD_PORT"
run "$MADOD" send --once
is "$out" "sent 1, to retry 0, failed 0" "the server back: the retried one is sent"
run "$MADO" admin outbox retry 1
is "$rc" 65 "a sent notification is not sent again"
run "$MADO" admin outbox retry 999
is "$rc" 66 "no such notification"
run "$MADO" admin outbox list --state bogus
is "$rc" 64 "an unknown state"

# starttls = require with a server that does not offer it: nothing goes
# out in clear.
conf "$SMTPD_PORT" require
"$MADO" ticket new --kind inquiry --subject 'TLS' --requester-email yamada@example.test >/dev/null
run "$MADOD" send --once
is "$out" "sent 0, to retry 1, failed 0" "starttls = require: not sent without TLS"
like "$err" "does not offer STARTTLS" "and says why"
conf "$SMTPD_PORT" try
MADO_NOW=$((MADO_NOW + 60)) run "$MADOD" send --once
is "$out" "sent 1, to retry 0, failed 0" "starttls = try: sent as the server allows"

# A server that takes the connection and never answers: the pass ends
# after [smtp] timeout and the row waits for the next attempt.
silent=$(server_free_port)
python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
held = []
while True:
    held.append(s.accept()[0])' "$silent" &
silent_pid=$!
at_exit "kill $silent_pid 2>/dev/null"
i=0
while ! ss -Htln "sport = :$silent" | grep -q . && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
conf "$silent"
echo "timeout = 1" >>"$MADO_CONFIG"
"$MADO" ticket new --kind inquiry --subject 'silent' --requester-email yamada@example.test >/dev/null
run "$MADOD" send --once
is "$out" "sent 0, to retry 1, failed 0" "a server that never answers: to retry"
like "$err" "last error: 127.0.0.1:$silent: " "the error names the server"
kill "$silent_pid" 2>/dev/null

# STARTTLS required, AUTH, and the server's certificate checked against
# the CA named by [smtp] ca_file: a real submission server on 127.0.0.1.
tls_conf() { # tls_conf CA_FILE PASSWORD
	conf "$SUBMISSION_PORT" require
	printf 'user = desk\npassword_file = %s\nca_file = %s\n' "$TMP/smtp.pw" "$1" \
		>>"$MADO_CONFIG"
	printf '%s\n' "$2" >"$TMP/smtp.pw"
	chmod 0600 "$TMP/smtp.pw"
}
# logins TEXT: how many lines of the submission server's log have TEXT
logins() { grep -c -F -- "$1" "$SUBMISSION_LOG"; }
submission_start "$TMP/submission"
case $? in
0) submission=1; ok 0 "the submission server starts (STARTTLS, AUTH)" ;;
2) submission=; skip "no dovecot submission service (dovecot-submissiond) or openssl" ;;
*) submission=; ok 1 "the submission server starts (STARTTLS, AUTH)" ;;
esac
if [ -n "$submission" ]; then
	# the row the silent server left waits no more: each pass here sends
	# only the row it is about
	sql "UPDATE outbox SET state = 'failed' WHERE state = 'pending'"
	tls_conf "$SUBMISSION_CA" "$DOVECOT_PASSWORD"
	run "$MADO" ticket new --kind inquiry --subject 'TLS と認証' --requester-email yamada@example.test
	number=$out
	id=$(sql "SELECT max(id) FROM outbox")
	MADO_NOW=$((MADO_NOW + 600)) run "$MADOD" send --once
	is "$out" "sent 1, to retry 0, failed 0" "starttls = require, AUTH as desk: sent"
	tls=$(mail "$(mail_file "$id" yamada)")
	is "$(field "$tls" subject)" "[$number] お問い合わせを受け付けました: TLS と認証" \
		"it arrives in the requester's mailbox"
	like "$(grep -i -A1 '^Received: from' "$(mail_file "$id" yamada)")" \
		"by mado-submission\.example\.test with ESMTPSA" \
		"the submission server received it over TLS, authenticated (ESMTPSA, RFC 3848)"
	is "$(logins 'Login: user=<desk>, method=PLAIN, rip=127.0.0.1')" 1 \
		"its log: one login as desk"
	like "$(grep -F 'Login: user=<desk>' "$SUBMISSION_LOG")" ", TLS, " "in a TLS session"
	is "$(sql "SELECT state || ' ' || attempts FROM outbox WHERE id = $id")" "sent 0" \
		"the row is marked sent"

	# The wrong password: nothing sent, the error says AUTH was refused,
	# and the row waits (the password can be put right) until max_attempts.
	tls_conf "$SUBMISSION_CA" wrong
	"$MADO" ticket new --kind inquiry --subject 'wrong password' \
		--requester-email yamada@example.test >/dev/null
	id=$(sql "SELECT max(id) FROM outbox")
	MADO_NOW=$((MADO_NOW + 600)) run "$MADOD" send --once
	is "$out" "sent 0, to retry 1, failed 0" "wrong password: not sent, to retry"
	like "$err" "127\.0\.0\.1:$SUBMISSION_PORT: authentication as desk refused: 535 " \
		"the error names the server, the user and the server's answer"
	like "$(sql "SELECT last_error FROM outbox WHERE id = $id")" \
		"authentication as desk refused: 535 5\.7\.8 Authentication failed" \
		"and is the row's last error"
	is "$(sql "SELECT state || ' ' || attempts FROM outbox WHERE id = $id")" "pending 1" \
		"pending after one attempt"
	is "$(logins 'Successfully relayed')" 1 "the server relayed nothing more"
	MADO_NOW=$((MADO_NOW + 600 + 60)) run "$MADOD" send --once
	MADO_NOW=$((MADO_NOW + 600 + 60 + 180)) run "$MADOD" send --once
	is "$out" "sent 0, to retry 0, failed 1" "still refused at max_attempts: failed"
	like "$(sql "SELECT state || ' ' || last_error FROM outbox WHERE id = $id")" \
		"^failed .*authentication as desk refused" "failed, saying why"

	# A certificate its CA did not sign: [smtp] ca_file names another CA
	# (the IMAP server's self-signed certificate). Refused before AUTH or
	# any mail: nothing in clear, no password sent.
	tls_conf "$DOVECOT_CERT" "$DOVECOT_PASSWORD"
	"$MADO" ticket new --kind inquiry --subject 'other CA' \
		--requester-email yamada@example.test >/dev/null
	id=$(sql "SELECT max(id) FROM outbox")
	before=$(logins 'Login: user=<desk>')
	MADO_NOW=$((MADO_NOW + 600)) run "$MADOD" send --once
	is "$out" "sent 0, to retry 1, failed 0" "a certificate another CA signed: not sent"
	like "$err" "the server's TLS certificate is not trusted: unable to get local issuer certificate \(checked against \[smtp\] ca_file $DOVECOT_CERT\)" \
		"the error says the certificate is not trusted and names ca_file"
	like "$(sql "SELECT last_error FROM outbox WHERE id = $id")" "TLS certificate is not trusted" \
		"the row's last error too"
	is "$(logins 'Login: user=<desk>')" "$before" "no login: the password was not sent"
	wait_for "$SUBMISSION_LOG" "no auth attempts"
	like "$(grep 'no auth attempts' "$SUBMISSION_LOG")" "user=<>, .*, TLS, " \
		"the server saw the TLS handshake and then nothing"
	is "$(logins 'Successfully relayed')" 1 "and relayed nothing"
	# Without ca_file, the system's CAs, which do not know the test CA.
	conf "$SUBMISSION_PORT" require
	MADO_NOW=$((MADO_NOW + 600 + 60)) run "$MADOD" send --once
	like "$err" "not trusted: .*checked against the system's CAs" "no ca_file: the system's CAs"

	# The right CA, but the certificate is for another name than [smtp] host.
	tls_conf "$SUBMISSION_CA" "$DOVECOT_PASSWORD"
	sed -i 's/^host = .*/host = localhost/' "$MADO_CONFIG"
	MADO_NOW=$((MADO_NOW + 600 + 60 + 180)) run "$MADOD" send --once
	is "$out" "sent 0, to retry 0, failed 1" \
		"a certificate for another name: not sent (the row's third attempt: failed)"
	like "$err" "the server's TLS certificate is for 127\.0\.0\.1, not for \[smtp\] host localhost" \
		"the error names both"
	is "$(logins 'Successfully relayed')" 1 "nothing relayed"

	# The right CA and name again, and the row sent again: it goes.
	tls_conf "$SUBMISSION_CA" "$DOVECOT_PASSWORD"
	"$MADO" admin outbox retry "$id" >/dev/null
	run "$MADOD" send --once
	is "$out" "sent 1, to retry 0, failed 0" "the right CA: sent"
	[ -f "$(mail_file "$id" yamada)" ]
	ok $? "and delivered"
	is "$(grep -F 'rip=127.0.0.1' "$SUBMISSION_LOG" | grep -v -c -F ', TLS, ')" 0 \
		"no session the server saw went without TLS"
fi

# Two senders at once (a second madod, or `madod send --once` beside the
# service): each row goes out once. Two tickets with five rows each: a
# sender takes one row of a ticket per batch and none of a ticket the other
# holds, so the rows go out in five rounds, each taken by whichever sender
# claims first. Without the claims both send all ten (20 mails).
conf "$SMTPD_PORT"
sql "UPDATE outbox SET state = 'failed' WHERE state = 'pending'"
first=$(($(sql "SELECT max(id) FROM outbox") + 1))
for t in 1 2; do
	n=$("$MADO" ticket new --kind inquiry --subject "同時送信 $t" --body '本文' \
		--queue helpdesk --requester-email yamada@example.test)
	for c in 1 2 3 4; do
		"$MADO" ticket comment "$n" --body "回答 $t-$c" >/dev/null
	done
done
is "$(sql "SELECT count(*) FROM outbox WHERE id >= $first AND state = 'pending'")" 10 \
	"ten rows pending on two tickets"
# what the server took and the mailbox held before
accepted() { grep -c ' smtp message msgid=' "$SMTPD_DIR/smtpd.log"; }
in_mailbox() { ls "$(dovecot_maildir yamada)"/new "$(dovecot_maildir yamada)"/cur | grep -c .; }
accepted0=$(accepted)
mailbox0=$(in_mailbox)
"$MADOD" send --once >"$TMP/send1.out" 2>&1 &
pid1=$!
"$MADOD" send --once >"$TMP/send2.out" 2>&1 &
pid2=$!
wait "$pid1"
rc1=$?
wait "$pid2"
is "$rc1 $?" "0 0" "two madod send --once at the same time"
sent() { sed -n 's/^sent \([0-9]*\),.*/\1/p' "$1"; }
is "$(($(sent "$TMP/send1.out") + $(sent "$TMP/send2.out")))" 10 \
	"ten sent between them"
echo "# first sender: $(cat "$TMP/send1.out"); second: $(cat "$TMP/send2.out")"
is "$(sql "SELECT count(*) FROM outbox WHERE id >= $first AND state = 'sent'
	AND claimed_until IS NULL")" 10 "every row sent, no claim left"
is "$(sql "SELECT count(*) FROM mail_message WHERE direction = 'out' AND outbox_id >= $first")" \
	10 "one mail recorded per row"
missing=0
for id in $(sql "SELECT id FROM outbox WHERE id >= $first"); do
	[ -f "$(mail_file "$id" yamada)" ] || missing=$((missing + 1))
done
is "$missing" 0 "each in the mailbox"
is "$(($(in_mailbox) - mailbox0))" 10 "ten mails arrived, no row twice"
is "$(($(accepted) - accepted0))" 10 "the server took ten messages (its log)"

# A sender that died holding a row: the row waits until the claim runs
# out, then the next pass takes it.
n=$("$MADO" ticket new --kind inquiry --subject '置き去り' --body '本文' --queue helpdesk \
	--requester-email yamada@example.test)
id=$(sql "SELECT max(id) FROM outbox")
sql "UPDATE outbox SET claimed_until = $MADO_NOW + 100 WHERE id = $id"
run "$MADOD" send --once
is "$out" "sent 0, to retry 0, failed 0" "a claimed row is left alone"
MADO_NOW=$((MADO_NOW + 101)) run "$MADOD" send --once
is "$out" "sent 1, to retry 0, failed 0" "an expired claim is taken again"
[ -f "$(mail_file "$id" yamada)" ]
ok $? "and the mail delivered"

# Misconfiguration is an error that names the key.
printf '[smtp]\nhost = 127.0.0.1\n' >"$MADO_CONFIG"
run "$MADOD" send --once
is "$rc" 78 "no [smtp] from: configuration error"
like "$err" "\[smtp\] from" "naming the key"
printf '[smtp]\nstarttls = maybe\n' >"$MADO_CONFIG"
run "$MADOD" send --once
is "$rc" 78 "a bad starttls value"
like "$err" "madoguchi.conf: \[smtp\] starttls: must be no, try or require" "file and key named"
printf '[smtp]\nfrom = desk@example.test\nuser = desk\npassword_file = %s\n' \
	"$TMP/pw" >"$MADO_CONFIG"
printf 'secret\n' >"$TMP/pw"
chmod 0644 "$TMP/pw"
"$MADO" ticket new --kind inquiry --subject 'x' --requester-email yamada@example.test >/dev/null
run "$MADOD" send --once
is "$rc" 78 "a password file others can read is refused"
like "$err" "password_file: .*others cannot read" "and why"
run "$MADOD" check-config
is "$rc" 78 "check-config finds the password file too"
like "$err" "password_file: .*others cannot read" "and names it"

printf '[smtp]\nfrom = desk@example.test\nca_file = ca.pem\n' >"$MADO_CONFIG"
run "$MADOD" send --once
is "$rc" 78 "a relative ca_file"
like "$err" "\[smtp\] ca_file: must be an absolute path" "is refused"
printf '[smtp]\nfrom = desk@example.test\nca_file = %s\n' "$TMP/pw" >"$MADO_CONFIG"
run "$MADOD" check-config
is "$rc" 78 "check-config: a ca_file that holds no certificate"
like "$err" "\[smtp\] ca_file: $TMP/pw: not a PEM file of CA certificates" "named"
printf '[smtp]\nfrom = desk@example.test\nca_file = %s\n' "$TMP/none.pem" >"$MADO_CONFIG"
run "$MADOD" send --once
is "$rc" 78 "a ca_file that is not there"
like "$err" "\[smtp\] ca_file: $TMP/none.pem: No such file" "named"
printf '[smtp]\nfrom = desk@example.test\nuser = desk\npassword_file = %s\n' \
	"$TMP/pw" >"$MADO_CONFIG"

# check-config renders every template and names what is wrong in one.
chmod 0600 "$TMP/pw"
run "$MADOD" check-config
is "$rc" 0 "check-config: the shipped templates render"
like "$out" "notifications: from desk@example.test through localhost:25, starttls try, AUTH as desk" \
	"and says how notifications go out"
mkdir "$TMP/share"
cp -R "$MADO_SHAREDIR/workflows" "$MADO_SHAREDIR/templates" "$TMP/share/"
printf 'Subject: [{number}] {subject}\n\nHello {ownr}\n' >"$TMP/share/templates/mail/en/assign.txt"
rm "$TMP/share/templates/mail/ja/status.txt"
MADO_SHAREDIR="$TMP/share" run "$MADOD" check-config
is "$rc" 78 "a wrong template is a configuration error"
like "$err" "templates/mail/en/assign.txt:3: unknown placeholder \{ownr\}" "named by file and line"
like "$err" "templates/mail/ja/status.txt: " "a missing one too"
done_testing
