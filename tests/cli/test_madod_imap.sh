# madod against a real dovecot: `madod fetch --once` over an IMAP and a POP3
# source makes tickets (a Japanese ISO-2022-JP subject decoded, a reply
# threaded), acknowledges them on the server, and a second pass creates
# nothing; `madod run` killed with SIGKILL at random moments in the middle
# of 200 messages, then a last pass: exactly 200 messages, none duplicated,
# none lost; `madod run` takes new mail announced by IDLE, reloads on SIGHUP
# and exits 0 on SIGTERM. starttls = require with the test CA on the plain
# IMAP and POP3 ports: mail taken, and dovecot logged the logins as TLS;
# without the CA the certificate is refused as for imaps://.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../servers/dovecot.sh"

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
imap() { # USER COMMAND: untagged answers of COMMAND on USER's INBOX
	curl -s -u "$1:$DOVECOT_PASSWORD" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" -X "$2" |
		tr -d '\r'
}
# msg ID SUBJECT-HEADER [EXTRA-HEADER]: a message on standard output
msg() {
	printf 'From: yamada@city.example.jp\r\nTo: desk@city.example.jp\r\n'
	printf 'Subject: %s\r\nMessage-ID: <%s@city.example.jp>\r\n' "$2" "$1"
	printf 'Date: Mon, 2 Nov 2026 09:00:00 +0900\r\n%s' "${3:-}"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n'
	printf 'Body of %s.\r\n' "$1"
}

if ! dovecot_start "$TMP/dovecot"; then
	ok 1 "dovecot starts"; done_testing
fi
"$MADO" admin db version >/dev/null
sql "INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク'), ('infra', '基盤')"
printf '%s\n' "$DOVECOT_PASSWORD" > "$TMP/password"
chmod 0600 "$TMP/password"
conf="$TMP/madod.conf"
cat > "$conf" <<EOC
[daemon]
log = stderr
poll_seconds = 1
[source desk]
type = imap
url = imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX
user = desk
password_file = $TMP/password
queue = helpdesk
[source alerts]
type = pop3
url = pop3://127.0.0.1:$DOVECOT_POP3_PORT/
user = alerts
password_file = $TMP/password
queue = infra
delete_after = true
EOC
export MADO_CONFIG="$conf"
run "$MADOD" check-config
is "$rc" 0 "check-config with the IMAP and POP3 sources"

# プリンターで印刷できません in ISO-2022-JP (RFC 2047), and a reply to it
ja='=?ISO-2022-JP?B?GyRCJVclaiVzJT8hPCRHMHU6fiRHJC0kXiQ7JHMbKEI=?='
msg ja1 "$ja" | dovecot_save desk
msg en1 "VPN disconnects every hour" | dovecot_save desk
msg re1 "Re: printer" "In-Reply-To: <ja1@city.example.jp>\r\n" | dovecot_save desk
msg al1 "disk full on fs01" | dovecot_save alerts
msg al2 "disk full on fs02" | dovecot_save alerts

run "$MADOD" fetch --once
is "$rc" 0 "fetch --once"
is "$(sql "SELECT count(*) FROM mail_message WHERE direction = 'in'")" 5 "five messages stored"
is "$(sql "SELECT subject FROM ticket WHERE id = (SELECT ticket_id FROM mail_message WHERE message_id LIKE 'ja1@%')")" \
	"プリンターで印刷できません" "the ISO-2022-JP subject decoded"
is "$(sql "SELECT count(DISTINCT ticket_id) FROM mail_message WHERE message_id LIKE 'ja1@%' OR message_id LIKE 're1@%'")" \
	1 "the reply joined its ticket"
is "$(sql "SELECT group_concat(q.code) FROM (SELECT DISTINCT t.queue_id FROM mail_message m JOIN ticket t ON t.id = m.ticket_id WHERE m.message_id LIKE 'al%') x JOIN queue q ON q.id = x.queue_id")" \
	"infra" "the POP3 source's tickets are in its queue"
is "$(imap desk 'UID SEARCH UNSEEN')" "* SEARCH" "IMAP: every taken message is \\Seen"
is "$(imap desk 'UID SEARCH SEEN')" "* SEARCH 1 2 3" "IMAP: and kept (no delete_after)"
is "$(imap alerts 'UID SEARCH ALL')" "* SEARCH" "POP3 delete_after: deleted once taken"
tickets=$(sql "SELECT count(*) FROM ticket")
run "$MADOD" fetch --once
is "$rc" 0 "a second fetch"
is "$(sql "SELECT count(*) FROM ticket"):$(sql "SELECT count(*) FROM mail_message")" \
	"$tickets:5" "creates nothing new"

# A message seen on the server but not in the database was not taken by
# madod: flagging is the last step, so clearing the flag takes it again
# and the database knows it (no second ticket).
imap desk 'UID STORE 2 -FLAGS (\Seen)' >/dev/null
run "$MADOD" fetch --once
is "$(imap desk 'UID SEARCH UNSEEN'):$(sql "SELECT count(*) FROM ticket")" "* SEARCH:$tickets" \
	"a message taken again is acknowledged, not stored twice"

# Kill test: 200 messages straight into the Maildir, madod run killed with
# SIGKILL at random moments while it takes them, then one last pass.
box=$(dovecot_maildir desk)
i=0
while [ $i -lt 200 ]; do
	msg "kill$i" "kill test $i" > "$box/new/$((1793545200 + i)).kill$i.host"
	i=$((i + 1))
done
chown -R "$(stat -c %u:%g "$box")" "$box"
count_kill() { sql "SELECT count(*) FROM mail_message WHERE message_id LIKE 'kill%'"; }
kills=0 midway=0
for round in 1 2 3 4 5 6 7 8; do
	before=$(count_kill)
	[ "$before" -lt 200 ] || break
	"$MADOD" run 2>>"$TMP/kill.log" &
	pid=$!
	if [ $((round % 2)) -eq 1 ]; then
		# at a random moment up to a quarter second after the start:
		# while it logs in, fetches, parses or commits
		sleep "0.$(printf %03d "$(od -An -N1 -tu1 /dev/urandom)")"
	else
		# as soon as a batch has been committed: the next is on its way
		i=0
		while [ "$(count_kill)" = "$before" ] && [ $i -lt 600 ]; do
			sleep 0.01; i=$((i + 1))
		done
	fi
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	kills=$((kills + 1))
	after=$(count_kill)
	[ "$after" -gt 0 ] && [ "$after" -lt 200 ] && midway=$((midway + 1))
done
taken=$(sql "SELECT count(*) FROM mail_message WHERE message_id LIKE 'kill%'")
echo "# $kills kills, $midway between batches; taken before the last pass: $taken of 200"
ok "$([ $midway -ge 1 ] && echo 0 || echo 1)" \
	"madod was killed after a committed batch with messages still to take"
run "$MADOD" fetch --once
is "$rc" 0 "the last pass after the kills"
is "$(sql "SELECT count(*) || ' ' || count(DISTINCT message_id) FROM mail_message WHERE message_id LIKE 'kill%'")" \
	"200 200" "exactly 200 messages, none duplicated"
is "$(sql "SELECT count(DISTINCT ticket_id) FROM mail_message WHERE message_id LIKE 'kill%'")" 200 \
	"200 tickets"
is "$(sql "SELECT count(*) FROM ticket WHERE subject LIKE 'kill test %'")" 200 "no ticket twice"
is "$(imap desk 'UID SEARCH UNSEEN')" "* SEARCH" "every message acknowledged"

# madod run: IDLE, SIGHUP, SIGTERM. Sources are fetched once an hour
# now, so mail taken at once was announced by IDLE.
sed -i 's/^poll_seconds = 1$/poll_seconds = 3600/' "$conf"
"$MADOD" run 2>"$TMP/run.log" &
pid=$!
at_exit "kill $pid 2>/dev/null"
wait_for "$TMP/run.log" "started"
ok $? "madod run starts"
msg idle1 "arrives while madod waits" | dovecot_save desk
wait_for "$TMP/run.log" "source desk: 1 taken"
ok $? "new mail is taken at once while madod waits in IDLE"
is "$(sql "SELECT count(*) FROM mail_message WHERE message_id LIKE 'idle1@%'")" 1 "and stored"
kill -HUP $pid
wait_for "$TMP/run.log" "configuration reloaded"
ok $? "SIGHUP reloads"
msg idle2 "after the reload" | dovecot_save desk
i=0
while [ "$(sql "SELECT count(*) FROM mail_message WHERE message_id LIKE 'idle2@%'")" != 1 ] && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
is "$(sql "SELECT count(*) FROM mail_message WHERE message_id LIKE 'idle2@%'")" 1 \
	"the reloaded configuration's sources take mail"
kill -TERM $pid
wait $pid
is "$?" 0 "SIGTERM: exits 0"
like "$(cat "$TMP/run.log")" "stopped" "logs that it stopped"

# STARTTLS on the plain ports (dovecot offers it with its test certificate)
if [ -z "$DOVECOT_CERT" ]; then
	skip "no test certificate (no openssl): STARTTLS"
	done_testing
fi
tls="$TMP/starttls.conf"
sed -e 's/^poll_seconds = .*/poll_seconds = 3600/' \
	-e "s|^password_file = .*|&\\nstarttls = require\\nca_file = $DOVECOT_CERT|" "$conf" > "$tls"
logins() { # the dovecot log's logins of USER over TLS
	grep -c "$1-login: Info: Login: user=<$2>, .*, TLS, " "$DOVECOT_DIR/dovecot.log"
}
imap_tls=$(logins imap desk) pop3_tls=$(logins pop3 alerts)
is "$imap_tls:$pop3_tls" "0:0" "the logins so far (starttls not set: no) were not TLS"
msg tls1 "over STARTTLS" | dovecot_save desk
msg tls2 "over STLS" | dovecot_save alerts
run "$MADOD" --config "$tls" fetch --once
is "$rc" 0 "starttls = require with the test CA: fetch --once ($err)"
is "$(sql "SELECT count(*) FROM mail_message WHERE message_id IN ('tls1@city.example.jp', 'tls2@city.example.jp')")" \
	2 "the IMAP and the POP3 source's mail taken"
ok "$([ "$(logins imap desk)" -gt "$imap_tls" ] && echo 0 || echo 1)" \
	"dovecot logged the IMAP login as TLS"
ok "$([ "$(logins pop3 alerts)" -gt "$pop3_tls" ] && echo 0 || echo 1)" \
	"dovecot logged the POP3 login as TLS"
sed -i '/^ca_file = /d' "$tls"
msg tls3 "not without the CA" | dovecot_save desk
run "$MADOD" --config "$tls" fetch --once
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "starttls = require without the CA: the pass fails"
like "$err" "source desk: cannot log in to imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX: .*(certificate|SSL)" \
	"the certificate is verified as for imaps:// ($err)"
is "$(sql "SELECT count(*) FROM mail_message WHERE message_id = 'tls3@city.example.jp'")" 0 \
	"and nothing taken"
done_testing
