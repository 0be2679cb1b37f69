# Help and manual come from the same registry: every command `mado --help`
# lists must be documented in the man page, and the help must work.
. "$(dirname "$0")/lib.sh"

run "$MADO" --help
is "$rc" 0 "mado --help"
printf '%s\n' "$out" | sed -n 's/^  mado //p' | while IFS= read -r line; do
	cmd=$(printf '%s\n' "$line" | awk '{ s = ""; for (i = 1; i <= NF; i++) {
		if ($i !~ /^[a-z]+$/) break; s = s (s ? " " : "") $i } print s }')
	if grep -qF "$cmd" "$MADO_SHAREDIR/man/mado.1"; then echo "ok - man page documents: $cmd"
	else echo "not ok - man page lacks: $cmd"; fi
done > "$TMP/man"
while IFS= read -r l; do
	case $l in
	"ok - "*) ok 0 "${l#ok - }" ;;
	*) ok 1 "${l#not ok - }" ;;
	esac
done < "$TMP/man"
ok "$([ "$(wc -l < "$TMP/man")" -ge 20 ] && echo 0 || echo 1)" "help lists at least 20 commands"
run "$MADO" ticket new --help
is "$rc" 0 "per-command help"
like "$out" "usage: mado ticket new --kind" "per-command usage line"
run "$MADO" ticket --help
like "$out" "mado ticket list" "group help lists the group's commands"
run "$MADO" --version
like "$out" "^mado [0-9]+\.[0-9]+" "version"
run "$MADO" --lang ja --bogus
is "$rc" 64 "unknown global option is a usage error"
"$MADO" admin db version >/dev/null
run "$MADOD" check-config
is "$rc" 0 "madod check-config on the test database"
like "$out" "workflow inquiry: 5 statuses" "madod loads the workflows"
MADO_CONFIG="$TMP/bad.conf"
printf '[calendar]\noffice_hours=25:00-17:00\n' > "$MADO_CONFIG"
export MADO_CONFIG
run "$MADOD" check-config
is "$rc" 78 "a bad configuration is a configuration error"
like "$err" "bad.conf: \[calendar\] office_hours" "naming file, group and key"
done_testing
