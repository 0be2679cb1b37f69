# madod's commands: the table, check-config, fetch --once, and the service
# loop of `madod run` (SIGHUP reloads, a bad configuration is kept out,
# SIGTERM exits 0).
. "$(dirname "$0")/lib.sh"

# wait_for FILE PATTERN: until FILE has a line matching PATTERN (or ~30s)
wait_for() {
	i=0
	while ! grep -qE -- "$2" "$1" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	grep -qE -- "$2" "$1"
}

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
done_testing
