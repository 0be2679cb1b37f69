. "$(dirname "$0")/lib.sh"
# Writing rules on call logs: `mado calllog save` warns about the checks a
# text breaks and refuses one that breaks an error-severity rule (naming
# field, rule and where); `mado calllog check` reviews the finished
# records of a period, per receipt id, as text, CSV and JSON; a site's own
# rules file named in the system config replaces the shipped one, and a
# bad one is a configuration error naming file, rule and key. Times are
# pinned with MADO_NOW: 2026-11-20 10:00 JST and the next day.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
day1=1795136400
day2=$((day1 + 86400))
period="--from 2026-11-20 --to 2026-11-21"

"$MADO" admin db version >/dev/null
sql "INSERT INTO staff(login, name, role) VALUES ('$(id -un)', '窓口 花子', 'operator');"

export MADO_NOW=$day1
good=$("$MADO" calllog start)
run "$MADO" calllog save "$good" --asked '昨日の午後、市民センターで山田様が受けた説明について' \
	--answered '制度の概要を案内し、申請書を郵送すると伝えた'
is "$rc" 0 "a record that follows the rules is saved"
is "$err" "" "without a warning"

bad=$("$MADO" calllog start)
run "$MADO" calllog save "$bad" --asked 'ｶﾞｲﾄﾞﾌﾞｯｸを送って下さい①' --answered '了解'
is "$rc" 0 "a record breaking warning checks is still saved"
like "$err" "warning: inquiry_text: \[hankaku_kana\] character 1 'ｶﾞｲﾄﾞﾌﾞｯｸ' → 'ガイドブック': " \
	"save warns of half-width katakana, where and what instead"
like "$err" "warning: inquiry_text: \[notation\] character 14 '下さい' → 'ください': " \
	"and of 下さい"
like "$err" "warning: response_text: \[too_short\] .*\(2 characters\)" "and of a short response"
is "$(sql "SELECT inquiry_text FROM calllog WHERE receipt_no = '$bad'")" \
	'ｶﾞｲﾄﾞﾌﾞｯｸを送って下さい①' "the text is stored as written"

long=$(awk 'BEGIN { for (i = 0; i < 2001; i++) printf "あ" }')
refused=$("$MADO" calllog start)
run "$MADO" calllog save "$refused" --asked "$long"
is "$rc" 65 "a text breaking the error-severity too_long rule is refused"
like "$err" "inquiry_text: \[too_long\] .*\(2001 characters\)" "naming the field, the rule and the length"
is "$(sql "SELECT wrapup_at IS NULL OR wrapup_at = 0 FROM calllog WHERE receipt_no = '$refused'")" 1 \
	"nothing of the refused save is kept"
open=$("$MADO" calllog start)

export MADO_NOW=$day2
later=$("$MADO" calllog start)
"$MADO" calllog save "$later" --asked 'ＴＥＬで問い合わせがあった件について' --answered '担当課へ転送した' 2>/dev/null

run "$MADO" calllog check $period
is "$rc" 0 "check a day"
like "$out" "^$bad +Inquiry +hankaku_kana +warning +character 1 'ｶﾞｲﾄﾞﾌﾞｯｸ' → 'ガイドブック': Write half-width katakana in full width$" \
	"a finding per line, by receipt id"
like "$out" "^$bad +Response +too_short " "the response's findings too"
ok "$(printf '%s\n' "$out" | grep -qE "$good|$refused|$open|$later"; echo $((1 - $?)))" \
	"no line for a clean record, an unfinished one or another day"
like "$out" "^2 call logs checked: 5 findings in 1 of them$" "a summary"

run "$MADO" calllog check $period --format csv
is "$rc" 0 "check as CSV"
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" \
	"receipt_no,started_at,field,rule,severity,position,length,match,suggestion,message" "CSV header"
like "$out" "^$bad,2026-11-20 10:00,inquiry_text,notation,warning,14,,下さい,ください,Follow the official notation" \
	"a CSV row: where, what was written, what instead"
like "$out" "^$bad,2026-11-20 10:00,response_text,too_short,warning,,2,,," "a length finding"
is "$(printf '%s\n' "$out" | wc -l)" 6 "one row per finding"

run "$MADO" --format json calllog check $period
is "$rc" 0 "check as JSON"
like "$out" "\"receipt_no\": ?\"$bad\", \"started_at\": ?\"2026-11-20 10:00\", \"field\": ?\"inquiry_text\", \"rule\": ?\"machine_dependent\", \"severity\": ?\"warning\", \"position\": ?\"17\", \"length\": ?\"\", \"match\": ?\"①\", \"suggestion\": ?\"\(1\)\"" \
	"a JSON object per finding"

run "$MADO" calllog check --from 2026-11-20 --to 2026-11-22 --format json
like "$out" "\"receipt_no\": ?\"$later\".*\"rule\": ?\"zenkaku_alnum\".*\"suggestion\": ?\"TEL\"" \
	"two days: the next day's record, ＴＥＬ → TEL"
run "$MADO" --lang ja calllog check $period
like "$out" "$bad .*半角カナは全角で書きます" "the rules' own Japanese messages under --lang ja"

run "$MADO" calllog check --from 2026-11-20
is "$rc" 64 "the period is required"
run "$MADO" calllog check --from 2026-11-20 --to 2026-11-40
is "$rc" 64 "a bad date is a usage error"
run "$MADO" calllog check $period --format xml
is "$rc" 64 "an unknown format"

# The site's own rules, named in the system configuration.
cat > "$TMP/madoguchi.conf" <<EOF
[calllog]
writing_rules = $TMP/rules.conf
EOF
cat > "$TMP/rules.conf" <<'EOF'
# One rule: 至急 is not a word for records.
[rule urgent]
field = inquiry_text
kind = check
severity = error
message = 「至急」は記録に使いません
message_en = Do not write 至急 in a record
forbidden = 至急=早めに
EOF
export MADO_CONFIG="$TMP/madoguchi.conf"
run "$MADO" calllog check $period
is "$rc" 0 "check with the site's rules"
like "$out" "^2 call logs checked: 0 findings in 0 of them$" "the shipped rules no longer apply"
site=$("$MADO" calllog start)
run "$MADO" calllog save "$site" --asked '至急、折り返しの電話がほしい'
is "$rc" 65 "the site's error rule refuses the save"
like "$err" "inquiry_text: \[urgent\] character 1 '至急' → '早めに': Do not write 至急 in a record" \
	"saying which rule and where"
run "$MADO" calllog save "$site" --asked '早めに折り返しの電話がほしい'
is "$rc" 0 "and the fixed text is saved"

printf '[rule urgent]\nfield = inquiry_text\nkind = check\nmessage = x\nforbidden_regex = (至急\n' \
	> "$TMP/rules.conf"
run "$MADO" calllog check $period
is "$rc" 78 "a bad rules file is a configuration error"
like "$err" "rules.conf: \[rule urgent\] forbidden_regex: " "naming the file, the rule and the key"
run "$MADO" calllog save "$site" --asked 'もう一度'
is "$rc" 78 "a save is refused too rather than go on unchecked"
printf '[calllog]\nwriting_rules =\n' > "$TMP/madoguchi.conf"
run "$MADO" calllog check $period
like "$out" "^2 call logs checked: 0 findings" "an empty writing_rules turns the rules off"
export MADO_CONFIG=/nonexistent/madoguchi.conf

sql "UPDATE staff SET role = 'staff'"
run "$MADO" calllog check $period
is "$rc" 77 "staff may not review call logs"
done_testing
