# madod's commands: the table, check-config, fetch --once, and the service
# loop of `madod run` (SIGHUP reloads, a bad configuration is kept out,
# SIGTERM exits 0).
. "$(dirname "$0")/lib.sh"

run "$MADOD" --help
is "$rc" 0 "madod --help"
for cmd in run check-config fetch; do
	like "$out" "madod $cmd" "help lists $cmd"
done
# every command the help lists is in the man page
for cmd in $(printf '%s\n' "$out" | sed -n 's/^  madod \([a-z-]*\).*/\1/p'); do
	sed 's/\\-/-/g' "$MADO_SHAREDIR/man/madod.8" | grep -q "^\.B $cmd"
	ok $? "man page documents $cmd"
done
run "$MADOD" frobnicate
is "$rc" 64 "unknown command is a usage error"
run "$MADOD" fetch
is "$rc" 64 "fetch without --once is a usage error"
"$MADO" admin db version >/dev/null
run "$MADOD" check-config
is "$rc" 0 "check-config"
run "$MADOD" fetch --once
is "$rc" 0 "fetch --once with no sources"

# check-config: every problem of the madod sections, each naming file,
# group and key
sqlite3 "$MADO_DB" "INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク')"
printf 'secret\n' > "$TMP/pw"; chmod 0600 "$TMP/pw"
printf 'secret\n' > "$TMP/pw-open"; chmod 0644 "$TMP/pw-open"
mkdir -p "$TMP/md/new" "$TMP/md/cur" "$TMP/md/tmp"
cat > "$TMP/good.conf" <<EOC
[daemon]
log = stderr
poll_seconds = 30
[source desk]
type = imap
url = imap://127.0.0.1:143/INBOX
user = desk
password_file = $TMP/pw
queue = helpdesk
[source drop]
type = maildir
path = $TMP/md
queue = helpdesk
[jobs]
archive_dir = $TMP
retention = daily 02:30
EOC
run "$MADOD" --config "$TMP/good.conf" check-config
is "$rc" 0 "check-config with sources"
like "$out" "source desk: imap imap://127.0.0.1:143/INBOX, queue helpdesk, every 30 s" \
	"lists each source"
like "$out" "source desk: starttls no" "with its starttls (default no)"
like "$out" "writing rules: the shipped file" "and the call logs' writing rules"
ok "$(echo "$err" | grep -q 'in clear'; echo $((1 - $?)))" \
	"no warning for a plain login to this machine"

# starttls: a plain source to another machine whose login may go in clear
# is a warning, not an error (check-config connects to nothing)
cat > "$TMP/clear.conf" <<EOC
[source far]
type = imap
url = imap://mail.city.example.jp/INBOX
user = desk
password_file = $TMP/pw
queue = helpdesk
[source farpop]
type = pop3
url = pop3://[2001:db8::1]:110/
user = desk
password_file = $TMP/pw
queue = helpdesk
starttls = try
[source safe]
type = imap
url = imap://mail.city.example.jp/INBOX
user = desk
password_file = $TMP/pw
queue = helpdesk
starttls = require
[source local]
type = pop3
url = pop3://localhost:110/
user = desk
password_file = $TMP/pw
queue = helpdesk
EOC
run "$MADOD" --config "$TMP/clear.conf" check-config
is "$rc" 0 "a login that may go in clear is only a warning"
like "$err" "warning: .*clear.conf: \[source far\] starttls: imap://mail.city.example.jp/INBOX is not on this machine and starttls is not require: the password could go over the network in clear" \
	"warns for imap:// to another host without starttls"
like "$err" "\[source farpop\] starttls: pop3://\[2001:db8::1\]:110/ is not" \
	"and for starttls = try (a man in the middle can strip the offer)"
ok "$(echo "$err" | grep -q -e '\[source safe\]' -e '\[source local\]'; echo $((1 - $?)))" \
	"not for starttls = require, nor for localhost"
like "$out" "source safe: starttls require" "lists starttls = require"
cat > "$TMP/tls-bad.conf" <<EOC
[source a]
type = imaps
url = imaps://mail.city.example.jp/INBOX
user = desk
password_file = $TMP/pw
queue = helpdesk
starttls = require
[source b]
type = maildir
path = $TMP/md
queue = helpdesk
starttls = no
[source c]
type = imap
url = imap://mail.city.example.jp/INBOX
user = desk
password_file = $TMP/pw
queue = helpdesk
starttls = yes
EOC
run "$MADOD" --config "$TMP/tls-bad.conf" check-config
is "$rc" 78 "starttls where it has no meaning is a configuration error"
like "$err" "tls-bad.conf: \[source a\] starttls: only for type imap or pop3; type imaps has no STARTTLS" \
	"names starttls on imaps"
like "$err" "tls-bad.conf: \[source b\] starttls: only for type imap or pop3; type maildir has no" \
	"and on maildir"
like "$err" "tls-bad.conf: \[source c\] starttls: must be no, try or require \\('yes'\\)" \
	"names a value that is not one of no, try, require"
cat > "$TMP/bad.conf" <<EOC
[daemon]
log = file
[source desk]
type = imap
url = pop3://127.0.0.1/
user = desk
password_file = $TMP/pw-open
queue = nosuch
[source x]
type = smtp
queue = helpdesk
[jobs]
retention = nightly
EOC
run "$MADOD" --config "$TMP/bad.conf" check-config
is "$rc" 78 "a bad madod section is a configuration error"
like "$err" "bad.conf: \[daemon\] log: must be syslog or stderr" "names [daemon] log"
like "$err" "bad.conf: \[source desk\] url: must start with imap://" "names the url"
like "$err" "bad.conf: \[source x\] type: must be imap, imaps, pop3, pop3s or maildir" \
	"names the type"
like "$err" "bad.conf: \[jobs\] retention: must be 'daily HH:MM'" "names the schedule"
sed -i -e 's/^log = file/log = stderr/' -e 's|^url = pop3.*|url = imap://127.0.0.1/INBOX|' \
	-e '/^\[source x\]/,/^queue/d' -e 's/= nightly/= daily 03:00/' "$TMP/bad.conf"
run "$MADOD" --config "$TMP/bad.conf" check-config
is "$rc" 78 "wrong queue and an open password file are configuration errors"
like "$err" "\[source desk\] queue: no queue 'nosuch'" "names the missing queue"
like "$err" "\[source desk\] password_file: .*pw-open: others may read it" \
	"names the open password file"

conf="$TMP/madod.conf"
: > "$conf"
"$MADOD" --config "$conf" run 2>"$TMP/run.log" &
pid=$!
at_exit "kill $pid 2>/dev/null"
wait_for "$TMP/run.log" "started"
ok $? "madod run starts"
printf '[calendar]\noffice_hours=25:00-17:00\n' > "$conf"
kill -HUP $pid
wait_for "$TMP/run.log" "reload failed.*office_hours"
ok $? "SIGHUP with a bad configuration keeps the running one and says why"
: > "$conf"
kill -HUP $pid
wait_for "$TMP/run.log" "configuration reloaded"
ok $? "SIGHUP reloads a good configuration"
kill -TERM $pid
wait $pid
is "$?" 0 "SIGTERM: exits 0"
like "$(cat "$TMP/run.log")" "stopped" "logs that it stopped"
# The call logs' writing rules are checked too: a bad site file is a
# configuration error naming file, rule and key; an empty value is off.
printf '[calllog]\nwriting_rules = %s\n' "$TMP/rules.conf" > "$TMP/rules-site.conf"
printf '[rule x]\nfield = nowhere\n' > "$TMP/rules.conf"
run "$MADOD" --config "$TMP/rules-site.conf" check-config
is "$rc" 78 "check-config refuses bad writing rules"
like "$err" "rules.conf: \\[rule x\\] field" "naming the file, rule and key"
printf '[calllog]\nwriting_rules =\n' > "$TMP/rules-off.conf"
run "$MADOD" --config "$TMP/rules-off.conf" check-config
is "$rc" 0 "no writing rules is fine"
like "$out" "writing rules: off" "and said"

done_testing
