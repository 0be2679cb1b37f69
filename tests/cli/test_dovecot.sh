# tests/servers/dovecot.sh: the throw-away dovecot the mail tests use comes
# up, takes a message and serves it over IMAP, IMAPS and POP3, and stops.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../servers/dovecot.sh"

dovecot_start "$TMP/dovecot"
ok $? "dovecot starts" || done_testing
printf 'From: a@example.jp\r\nSubject: test\r\nMessage-ID: <t1@example.jp>\r\n\r\nbody\r\n' |
	dovecot_save desk
ok $? "dovecot_save stores a message"
is "$(ls "$(dovecot_maildir desk)/new" | wc -l)" 1 "it is in the user's Maildir"
run curl -s -u "desk:$DOVECOT_PASSWORD" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" \
	-X "UID SEARCH UNSEEN"
like "$out" "SEARCH 1" "IMAP: the message is unseen"
run curl -s -u "yamada:$DOVECOT_PASSWORD" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" \
	-X "UID SEARCH ALL"
like "$out" "^\* SEARCH\s*$" "another user's mailbox is empty"
run curl -s -u "desk:wrong" "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" -X NOOP
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a wrong password is refused"
run curl -s -u "desk:$DOVECOT_PASSWORD" "pop3://127.0.0.1:$DOVECOT_POP3_PORT/1"
like "$out" "Message-ID: <t1@example.jp>" "POP3 RETR"
if [ -n "$DOVECOT_IMAPS_PORT" ]; then
	run curl -s --cacert "$DOVECOT_CERT" -u "desk:$DOVECOT_PASSWORD" \
		"imaps://127.0.0.1:$DOVECOT_IMAPS_PORT/INBOX;UID=1"
	like "$out" "Subject: test" "IMAPS with the test certificate"
else
	skip "no openssl: no IMAPS"
fi
pid=$(cat "$DOVECOT_DIR/run/master.pid")
dovecot_stop
kill -0 "$pid" 2>/dev/null
ok "$([ $? -ne 0 ] && echo 0 || echo 1)" "dovecot_stop stops it"
done_testing
