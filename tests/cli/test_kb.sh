. "$(dirname "$0")/lib.sh"
# mado kb add / show / list against a fresh database. The test runs as
# root, which acts as the built-in administrator until a staff row for
# "root" is added further down to try the staff role.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
# json_get KEY: the member KEY of the JSON object on stdin
json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# faq_nos: the faq_no members of the JSON array on stdin, space-separated
faq_nos() { python3 -c 'import json,sys; print(" ".join(r["faq_no"] for r in json.load(sys.stdin)))'; }
# next_cursor: the --after value from a "next page: --after X" hint in $err
next_cursor() { printf '%s\n' "$err" | sed -n 's/.*--after \([0-9:]*\).*/\1/p'; }

run "$MADO" kb list
is "$rc" 0 "list on an empty database"
is "$out" "$(printf '%s' "$out" | head -2)" "empty list prints at most a header"

sql "INSERT INTO department(code, name) VALUES ('SHIMIN', '市民課'), ('ZEIMU', '税務課');
INSERT INTO category(code, name, scope, department_id) VALUES
  ('LIFE', '暮らし・手続き', 'kb', 1), ('TAX', '税金', 'any', 2), ('ALERT', '監視', 'incident', NULL);
INSERT INTO faq_class(code, name) VALUES ('PROC', '手続き'), ('FEE', '手数料');"

# --- add ---
printf '住民票の写しは、\r\n市民課窓口またはコンビニ交付で取得できます。\r\n\r\n手数料は1通300円です。\r\n' \
	>"$TMP/answer.txt"
run "$MADO" kb add --title '住民票の写しの請求方法' --question '住民票はどこで取れますか？' \
	--answer-file "$TMP/answer.txt" --category LIFE --class PROC --public
is "$rc" 0 "add with a Japanese title and a multi-line answer file"
is "$out" 1 "the first article is FAQ 1"
run "$MADO" kb add --title '市県民税の納付方法' --answer 'コンビニ、口座振替で納付できます。' \
	--category TAX --dept ZEIMU --faq-no 10
is "$rc$out" "010" "add with a chosen FAQ number"
run "$MADO" kb add --title '転入届に必要なもの' --category LIFE
is "$rc$out" "011" "the next number is the highest plus one"
run "$MADO" kb add --title '重複' --faq-no 10
is "$rc" 65 "a used FAQ number is refused"
like "$err" "FAQ number: 10 is already in use" "the refusal names the number"

# --- validation ---
run "$MADO" kb add --title '  　 '
is "$rc" 65 "blank title (spaces, ideographic space) refused"
like "$err" "title" "the message names the title"
run "$MADO" kb add --answer 'x'
is "$rc" 64 "missing --title is a usage error"
like "$err" "--title" "the usage error names --title"
run "$MADO" kb add --title 'x' --category NOPE
is "$rc" 65 "unknown category refused"
like "$err" "category: no entry with code 'NOPE'" "the message names field and value"
run "$MADO" kb add --title 'x' --dept NOPE
is "$rc" 65 "unknown department refused"
like "$err" "department.*NOPE" "the message names the department"
run "$MADO" kb add --title 'x' --class NOPE
is "$rc" 65 "unknown class refused"
like "$err" "class.*NOPE" "the message names the class"
run "$MADO" kb add --title 'x' --category ALERT
is "$rc" 65 "a category for incidents is refused"
run "$MADO" kb add --title 'x' --answer 'a' --answer-file "$TMP/answer.txt"
is "$rc" 64 "--answer and --answer-file together"
run "$MADO" kb add --title 'x' --faq-no abc
is "$rc" 64 "non-numeric --faq-no"
run "$MADO" kb add --title "$(printf 'bad\033[2Jtitle')"
is "$rc" 65 "control characters in the title refused"
is "$(sql 'SELECT count(*) FROM kb_article')" 3 "refused adds stored nothing"

# --- versions and audit ---
is "$(sql 'SELECT count(*) FROM kb_version v JOIN kb_article a ON a.id = v.article_id
  WHERE v.version = 1 AND v.title = a.title AND v.answer = a.answer')" 3 \
	"every article has its kb_version row 1"
is "$(sql "SELECT count(*) FROM audit a JOIN kb_article k ON k.id = a.entity_id
  WHERE a.entity = 'kb' AND a.action = 'create' AND k.faq_no = 1 AND a.actor = 'root'")" 6 \
	"creating FAQ 1 wrote its audit rows (number, title, category, department, class, public)"
is "$(sql "SELECT new_value FROM audit WHERE entity = 'kb' AND field = 'title' ORDER BY id LIMIT 1")" \
	'住民票の写しの請求方法' "the audit row holds the title"
audit_before=$(sql "SELECT count(*) FROM audit")

# --- show ---
run "$MADO" kb show 1
is "$rc" 0 "show FAQ 1"
like "$out" "住民票の写しの請求方法" "show: title"
like "$out" "住民票はどこで取れますか？" "show: question"
like "$out" "市民課窓口またはコンビニ交付で取得できます。" "show: answer, first line"
like "$out" "手数料は1通300円です。" "show: answer, later line"
like "$out" "暮らし・手続き" "show: category name"
like "$out" "市民課" "show: department (the category's owner)"
like "$out" "手続き" "show: class"
like "$out" "public" "show: public"
like "$out" "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}" "show: times as JST dates"
run "$MADO" --format json kb show 1
is "$rc" 0 "show --format json"
printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)'
ok $? "show --format json parses"
is "$(printf '%s' "$out" | json_get views)" 2 "the view count went up with each show"
is "$(printf '%s' "$out" | json_get visibility)" public "json: visibility is a stable word"
is "$(printf '%s' "$out" | json_get answer)" \
	"$(printf '住民票の写しは、\n市民課窓口またはコンビニ交付で取得できます。\n\n手数料は1通300円です。')" \
	"json: the answer with its line breaks, CRLF made LF"
is "$(printf '%s' "$out" | json_get reviewed_at)" None "json: never reviewed is null"
run "$MADO" --format csv kb show 10
is "$rc" 0 "show --format csv"
like "$out" "^faq_no,title" "csv: header of keys"
like "$out" "市県民税の納付方法" "csv: the row"
is "$(sql 'SELECT views FROM kb_article WHERE faq_no = 1')" 2 "views stored"
is "$(sql 'SELECT count(*) FROM audit')" "$audit_before" "showing writes no audit rows"
run "$MADO" kb show 999
is "$rc" 66 "show of an unknown number"
like "$err" "999" "the message names the number"
run "$MADO" kb show abc
is "$rc" 64 "show of a non-number"
run "$MADO" kb show
is "$rc" 64 "show without a number"

# --- list and keyset paging ---
for t in 国民健康保険の加入手続き 印鑑登録の方法 児童手当の申請 粗大ごみの出し方 \
	'とても長いタイトルの記事：転出届・転入届・転居届に関する手続きの詳細と必要書類について'; do
	"$MADO" kb add --title "$t" --category LIFE >/dev/null || echo "# add $t failed"
done
all=$(sql 'SELECT group_concat(faq_no, " ") FROM (SELECT faq_no FROM kb_article ORDER BY faq_no)')
is "$all" "1 10 11 12 13 14 15 16" "eight articles"
run "$MADO" kb list
is "$rc" 0 "list"
is "$(printf '%s\n' "$out" | sed -n '3,$p' | awk '{print $1}' | tr '\n' ' ')" "$all " \
	"text list in FAQ-number order"
like "$out" "…" "long titles are cut in text output"
is "$err" "" "no next-page hint when everything fits"
run "$MADO" --format json kb list --limit 5
is "$(printf '%s' "$out" | faq_nos)" "1 10 11 12 13" "page 1 of 5"
cursor=$(next_cursor)
is "$cursor" 13 "the hint gives the last number of the page"
run "$MADO" --format json kb list --limit 5 --after "$cursor"
page2=$(printf '%s' "$out" | faq_nos)
is "$page2" "14 15 16" "page 2 holds the rest, no overlap"
is "$err" "" "no hint after the last page"
run "$MADO" --format json kb list --limit 3 --after 13
is "$(printf '%s' "$out" | faq_nos)" "14 15 16" "a full last page with no more rows"
is "$err" "" "...prints no hint"
run "$MADO" --format json kb list --category TAX
is "$(printf '%s' "$out" | faq_nos)" "10" "--category"
run "$MADO" --format json kb list --public
is "$(printf '%s' "$out" | faq_nos)" "1" "--public"
run "$MADO" --format json kb list --internal --category LIFE --limit 2 --after 11
is "$(printf '%s' "$out" | faq_nos)" "12 13" "--internal with category and cursor"
run "$MADO" --format csv kb list --limit 1
like "$out" "^faq_no,title,category,visibility,views,updated_at" "csv list header"
run "$MADO" kb list --category NOPE
is "$rc" 65 "list with an unknown category"
run "$MADO" kb list --public --internal
is "$rc" 64 "--public and --internal together"
run "$MADO" kb list --after x
is "$rc" 64 "a bad cursor"
run "$MADO" kb list --limit 0
is "$rc" 64 "--limit 0"

# --- stale ---
now=$(date +%s)
sql "UPDATE kb_article SET created_at = $now - 400 * 86400 WHERE faq_no = 12;
UPDATE kb_article SET created_at = $now - 500 * 86400, reviewed_at = $now - 100 * 86400 WHERE faq_no = 11;
UPDATE kb_article SET created_at = $now - 300 * 86400, reviewed_at = $now - 5 * 86400 WHERE faq_no = 13;
UPDATE kb_article SET created_at = $now - 200 * 86400 WHERE faq_no = 14;"
run "$MADO" --format json kb list --stale 30
is "$(printf '%s' "$out" | faq_nos)" "12 14 11" "stale: oldest review (or creation) first"
run "$MADO" --format json kb list --stale 30 --limit 2
is "$(printf '%s' "$out" | faq_nos)" "12 14" "stale page 1"
cursor=$(next_cursor)
like "$cursor" "^[0-9]+:[0-9]+$" "stale cursor is time:id"
run "$MADO" --format json kb list --stale 30 --limit 2 --after "$cursor"
is "$(printf '%s' "$out" | faq_nos)" "11" "stale page 2"
run "$MADO" kb list --stale 30
like "$out" "Reviewed" "stale text list shows the review date"
run "$MADO" --format json kb list --stale 450
is "$(printf '%s' "$out" | faq_nos)" "" "nothing older than 450 days"
run "$MADO" kb list --stale 30 --after 13
is "$rc" 64 "a FAQ number is not a stale cursor"

# --- roles ---
sql "INSERT INTO staff(login, name, role) VALUES ('root', '管理者', 'staff')"
run "$MADO" kb add --title 'スタッフの追加'
is "$rc" 77 "staff may not add"
like "$err" "operator" "the refusal names the role needed"
run "$MADO" kb show 1
is "$rc" 0 "staff may show"
run "$MADO" kb list
is "$rc" 0 "staff may list"
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
run "$MADO" kb add --title 'オペレーターの追加'
is "$rc$out" "017" "operators may add"
is "$(sql 'SELECT s.login FROM kb_article a JOIN staff s ON s.id = a.created_by WHERE a.faq_no = 17')" \
	root "created_by is the operator"

# --- update and history ---
sql "UPDATE staff SET role = 'staff' WHERE login = 'root'"
run "$MADO" kb update 10 --answer '変更'
is "$rc" 77 "staff may not update"
is "$(sql 'SELECT version FROM kb_article WHERE faq_no = 10')" 1 "...and nothing changed"
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
run "$MADO" kb update 10
is "$rc" 64 "update without a change is a usage error"
run "$MADO" kb update 10 --public --internal
is "$rc" 64 "--public and --internal together"
run "$MADO" kb update abc --title x
is "$rc" 64 "update of a non-number"
run "$MADO" kb update 999 --title x
is "$rc" 66 "update of an unknown FAQ"
run "$MADO" kb update 10 --category NOPE
is "$rc" 65 "update to an unknown category"
like "$err" "category: no entry with code 'NOPE'" "...named"
printf '口座振替、コンビニ、\r\nスマートフォン決済で納付できます。\r\n' >"$TMP/answer2.txt"
run "$MADO" kb update 10 --answer-file "$TMP/answer2.txt"
is "$rc" 0 "first update"
is "$out" "FAQ 10: now version 2" "it says the new version"
run "$MADO" --format json kb update FAQ-10 --title '市県民税の納付方法（改訂）' --class FEE --public
is "$rc" 0 "second update, FAQ-N form, json"
is "$(printf '%s' "$out" | json_get version)" 3 "json: version 3"
run "$MADO" kb update 10 --class FEE
is "$out" "FAQ 10: nothing changed" "the same value again changes nothing"
is "$(sql 'SELECT count(*) FROM kb_version v JOIN kb_article a ON a.id = v.article_id WHERE a.faq_no = 10')" 3 \
	"three versions stored"
is "$(sql "SELECT count(*) FROM audit a JOIN kb_article k ON k.id = a.entity_id
  WHERE a.entity = 'kb' AND a.action = 'update' AND k.faq_no = 10")" 4 \
	"audited: answer, then title, class and flag"
run "$MADO" kb history 10
is "$rc" 0 "history"
is "$(printf '%s\n' "$out" | sed -n '3,$p' | awk '{print $1}' | tr '\n' ' ')" "3 2 1 " \
	"versions newest first"
like "$out" "root" "who changed it"
like "$out" "市県民税の納付方法（改訂）" "version 3's title"
run "$MADO" --format json kb history 10 --version 1
is "$(printf '%s' "$out" | json_get answer)" "コンビニ、口座振替で納付できます。" "version 1's answer"
run "$MADO" --format json kb history 10 --version 2
is "$(printf '%s' "$out" | json_get answer)" "$(printf '口座振替、コンビニ、\nスマートフォン決済で納付できます。')" \
	"version 2's answer, from the file"
is "$(printf '%s' "$out" | json_get title)" "市県民税の納付方法" "version 2 still has the old title"
run "$MADO" kb history 10 --version 7
is "$rc" 66 "no version 7"
run "$MADO" kb show 10
like "$out" "public" "now public"
like "$out" "手数料" "class shown"

# --- review ---
run "$MADO" kb review 12
is "$rc" 0 "review"
like "$out" "FAQ 12: reviewed [0-9]{4}-" "it says when"
run "$MADO" --format json kb list --stale 30
is "$(printf '%s' "$out" | faq_nos)" "14 11" "a reviewed article leaves the stale list"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'review' AND field = 'reviewed_at'")" 1 "review audited"
sql "UPDATE staff SET role = 'staff' WHERE login = 'root'"
run "$MADO" kb review 14
is "$rc" 77 "staff may not mark reviewed"

# --- votes ---
run "$MADO" kb vote 1 helpful
is "$rc" 0 "staff may vote"
like "$out" "counted" "a first vote is counted"
run "$MADO" kb vote 1 helpful
is "$rc" 0 "the same vote again"
like "$out" "once" "...is said to count once"
is "$(sql 'SELECT helpful || "/" || not_helpful FROM kb_article WHERE faq_no = 1')" "1/0" \
	"a vote twice counts once"
run "$MADO" --format json kb vote FAQ-1 not-helpful
is "$(printf '%s' "$out" | json_get result)" changed "a changed vote"
is "$(sql 'SELECT helpful || "/" || not_helpful FROM kb_article WHERE faq_no = 1')" "0/1" \
	"the counters follow"
is "$(sql 'SELECT count(*) FROM kb_vote')" 1 "one vote row"
run "$MADO" kb vote 11 helpful
is "$rc" 77 "staff may not vote on an internal article"
run "$MADO" kb vote 1 great
is "$rc" 64 "an unknown vote word"
run "$MADO" kb vote 1
is "$rc" 64 "a vote needs its word"

# --- make a ticket an FAQ ---
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
"$MADO" ticket new --kind inquiry --subject 'パスワードを忘れた' \
	--body "$(printf 'グループウェアのパスワードを\n忘れました。')" --category LIFE >/dev/null
tno=$(sql "SELECT number FROM ticket ORDER BY id DESC LIMIT 1")
"$MADO" ticket comment "$tno" --body '本人確認のうえ再発行します。' >/dev/null
"$MADO" ticket comment "$tno" --note --body '内部メモ：初期パスワードは生年月日' >/dev/null
"$MADO" ticket comment "$tno" --body "$(printf '情報政策課の窓口で\n再発行を受けてください。')" >/dev/null
"$MADO" ticket comment "$tno" --note --body '最後のメモ' >/dev/null
sql "UPDATE staff SET role = 'staff' WHERE login = 'root'"
run "$MADO" kb from-ticket "$tno"
is "$rc" 77 "staff may not make a ticket an FAQ"
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
run "$MADO" kb from-ticket "$tno"
is "$rc" 0 "from-ticket"
fno=$out
like "$fno" "^[0-9]+$" "prints the new FAQ number"
is "$err" "" "no warning for an answered ticket"
run "$MADO" --format json kb show "$fno"
is "$(printf '%s' "$out" | json_get title)" "パスワードを忘れた" "title: the subject"
is "$(printf '%s' "$out" | json_get question)" "$(printf 'グループウェアのパスワードを\n忘れました。')" \
	"question: the body"
is "$(printf '%s' "$out" | json_get answer)" "$(printf '情報政策課の窓口で\n再発行を受けてください。')" \
	"answer: the last reply"
is "$(printf '%s' "$out" | json_get visibility)" internal "created internal"
is "$(printf '%s' "$out" | json_get source_ticket)" "$tno" "the article shows its source ticket"
ok "$(printf '%s' "$out" | grep -q 'メモ' && echo 1 || echo 0)" "no note in the FAQ"
run "$MADO" ticket show "$tno"
like "$out" "answered_with_faq FAQ-$fno" "the ticket links to the FAQ"
run "$MADO" kb from-ticket "$tno"
is "$rc" 65 "a ticket becomes one FAQ only"
like "$err" "FAQ $fno" "...the refusal names it"
"$MADO" ticket new --kind inquiry --subject '電話で回答済み' >/dev/null
tno2=$(sql "SELECT number FROM ticket ORDER BY id DESC LIMIT 1")
"$MADO" ticket comment "$tno2" --note --body 'メモだけ' >/dev/null
run "$MADO" kb from-ticket "$tno2" --title '電話での回答'
is "$rc" 0 "from-ticket of a ticket without reply"
like "$err" "no reply" "warns that the answer is empty"
is "$(sql "SELECT title || '|' || question || '|' || answer FROM kb_article WHERE faq_no = $out")" \
	"電話での回答|電話で回答済み|" "--title, the subject as question, no note as answer"
run "$MADO" kb from-ticket INQ-1999-999999
is "$rc" 66 "unknown ticket"

# --- export for the citizen site ---
run "$MADO" kb export-public "$TMP/faq.csv"
is "$rc" 77 "operators may not export"
ok "$([ -e "$TMP/faq.csv" ] && echo 1 || echo 0)" "...and no file was created"
sql "UPDATE staff SET role = 'supervisor' WHERE login = 'root'"
public_n=$(sql 'SELECT count(*) FROM kb_article WHERE public = 1')
"$MADO" kb update 13 --public --answer "$(printf '"印鑑"と\n<b>本人確認書類</b> & 手数料')" >/dev/null
run "$MADO" kb export-public "$TMP/faq.csv"
is "$rc" 0 "export to a file"
like "$out" "$((public_n + 1)) public articles written to" "it counts the articles"
is "$(head -c 3 "$TMP/faq.csv" | od -An -tx1 | tr -d ' ')" efbbbf "a file gets the BOM for Excel"
python3 - "$TMP/faq.csv" >"$TMP/csv.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
print(','.join(rows[0]))
print(' '.join(r[0] for r in rows[1:]))
print([r for r in rows if r[0] == '13'][0][4])
PY
is "$(sed -n 1p "$TMP/csv.txt")" "faq_no,category,title,question,answer,updated" "CSV header"
is "$(sed -n 2p "$TMP/csv.txt")" "1 10 13" "public articles only, by number"
is "$(sed -n '3,$p' "$TMP/csv.txt")" "$(printf '"印鑑"と\n<b>本人確認書類</b> & 手数料')" \
	"the answer survives CSV quoting"
ok "$(grep -c 'パスワード\|転入届' "$TMP/faq.csv")" "no internal article in the file"
is "$(stat -c %a "$TMP/faq.csv")" 644 "public data: ordinary permissions"
ok "$(ls "$TMP" | grep -c 'faq.csv.')" "no temporary file left"
run "$MADO" kb export-public --format json
is "$rc" 0 "JSON to standard output"
printf '%s' "$out" | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert [r["faq_no"] for r in a] == [1, 10, 13], a
assert a[2]["answer"] == "\"印鑑\"と\n<b>本人確認書類</b> & 手数料", a[2]
assert set(a[0]) == {"faq_no", "category", "title", "question", "answer", "updated"}
'
ok $? "JSON parses, public only, text intact"
like "$out" '\\u003cb\\u003e' "< escaped for pages that embed it"
run "$MADO" --format json kb export-public
is "$(printf '%s' "$out" | head -c 1)" "[" "the global --format json is honoured"
run "$MADO" kb export-public "$TMP/faq.csv" --encoding cp932
is "$rc" 0 "CP932"
is "$(iconv -f CP932 -t UTF-8 "$TMP/faq.csv" | head -1 | tr -d '\r')" \
	"faq_no,category,title,question,answer,updated" "CP932 file reads back"
cp "$TMP/faq.csv" "$TMP/before.csv"
"$MADO" kb update 1 --title '絵文字😀' >/dev/null
run "$MADO" kb export-public "$TMP/faq.csv" --encoding cp932
is "$rc" 65 "a character without a CP932 form"
like "$err" "FAQ 1" "...names the article"
ok "$(cmp -s "$TMP/faq.csv" "$TMP/before.csv"; echo $?)" "a failed export leaves the older file as it was"
run "$MADO" kb export-public --format json --encoding cp932
is "$rc" 64 "JSON is UTF-8 only"
run "$MADO" kb export-public --format xml
is "$rc" 64 "an unknown format"
run "$MADO" kb export-public a b
is "$rc" 64 "one file at most"

# --- attachments ---
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
head -c 5000 /dev/urandom > "$TMP/手順書.pdf"
printf '窓口の案内\n' > "$TMP/guide.txt"
run "$MADO" kb attach FAQ-1 "$TMP/手順書.pdf" "$TMP/guide.txt"
is "$rc" 0 "attach two files to an article"
like "$out" "手順書\.pdf +5000 +application/pdf" "what was attached is listed"
run "$MADO" --format csv kb attachments 1
is "$(printf '%s\n' "$out" | sed -n '2,$p' | cut -d, -f2 | tr '\r\n' '  ')" "手順書.pdf guide.txt " \
	"the article's attachments, oldest first"
att=$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1)
run "$MADO" kb attachment-get "$att" "$TMP/copy.pdf"
is "$rc" 0 "get an article's attachment into a file"
ok "$(cmp -s "$TMP/手順書.pdf" "$TMP/copy.pdf"; echo $?)" "...byte-identical"
"$MADO" ticket attachment-get "$att" - > "$TMP/stdout.pdf"
ok "$(cmp -s "$TMP/手順書.pdf" "$TMP/stdout.pdf"; echo $?)" \
	"ticket attachment-get writes out any attachment by its id"
run "$MADO" kb attach 11 "$TMP/guide.txt"
is "$rc" 0 "attach to an internal article"
iatt=$(sql "SELECT id FROM attachment ORDER BY id DESC LIMIT 1")
run "$MADO" kb attach 999 "$TMP/guide.txt"
is "$rc" 66 "attaching to an unknown FAQ"
run "$MADO" kb attachments FAQ-x
is "$rc" 64 "a FAQ number is a number"
sql "UPDATE staff SET role = 'staff' WHERE login = 'root'"
run "$MADO" kb attach 1 "$TMP/guide.txt"
is "$rc" 77 "staff may not attach files"
run "$MADO" kb attachments 1
like "$out" "guide\.txt" "staff may list a public article's attachments"
run "$MADO" kb attachments 11
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "staff may not list an internal article's attachments"
run "$MADO" kb attachment-get "$iatt" -
is "$rc" 77 "staff may not read an internal article's attachment"
is "$out" "" "...and nothing is written"

done_testing
