. "$(dirname "$0")/lib.sh"
# mado kb search / search and mado admin synonym against a fresh database.
# The test runs as root, the built-in administrator, until a staff row for
# "root" is added further down to try the other roles.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
# field KEY: the member KEY of each object of the JSON array on stdin, space-separated
field() { python3 -c 'import json,sys; print(" ".join(str(r[sys.argv[1]]) for r in json.load(sys.stdin)))' "$1"; }
# aligned: every data row of a text table has its last column at the header's
# cell (East Asian wide characters count two)
aligned() {
	python3 -c '
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().splitlines()
head = lines[0]
col = w(head[:head.rindex("  ") + 2])
for l in lines[2:]:
    acc = 0
    for i, c in enumerate(l):
        if acc == col:
            ok = l[i - 1] == " " and c != " "
            break
        acc += w(c)
    else:
        ok = False
    if not ok:
        print("misaligned:", l); sys.exit(1)
'
}

"$MADO" admin db version >/dev/null
sql "INSERT INTO department(code, name) VALUES ('joho', '情報政策課'), ('shimin', '市民課');
INSERT INTO category(code, name, scope, department_id) VALUES
  ('PRINT', '印刷', 'any', 1), ('LIFE', '暮らし・手続き', 'kb', 2);
INSERT INTO queue(code, name, department_id) VALUES ('helpdesk', 'ヘルプデスク', 1);"

"$MADO" kb add --title 'プリンタで印刷できないとき' --answer 'トナーと用紙を確認してください。' \
	--category PRINT --public >/dev/null
"$MADO" kb add --title '住民票の写しの請求' --answer '市民課の窓口で申請してください。' \
	--category LIFE --public >/dev/null
"$MADO" kb add --title '障害発生時の連絡網' --answer '夜間の障害は当番に電話します。' >/dev/null
"$MADO" kb add --title 'パスワードの変更方法' --answer '設定画面から変更します。' --public >/dev/null
"$MADO" kb add --title 'PWを忘れたとき' --answer 'ヘルプデスクで初期化します。' --public >/dev/null
inq=$("$MADO" ticket new --kind inquiry --subject '印刷が遅い' \
	--body '共有プリンタで印刷に時間がかかる。' --queue helpdesk)
inc=$("$MADO" ticket new --kind incident --subject 'ネットワーク障害' \
	--body '3階でネットワークに接続できない。' --queue helpdesk)
"$MADO" ticket comment "$inq" --body 'ドライバを更新しました。' >/dev/null
"$MADO" ticket comment "$inq" --note --body '機種交換の予算は秘匿事項。' >/dev/null

# --- kb search ---
run "$MADO" kb search 印刷
is "$rc" 0 "kb search 印刷"
like "$out" "^No\\." "a header"
like "$out" "FAQ-1 +FAQ +プリンタで«印刷»できないとき" "number, kind and the title with the match marked"
like "$out" "«トナー»|トナーと用紙" "a one-line excerpt"
case $out in *"$inq"*) ok 1 "kb search leaves tickets out" ;;
	*) ok 0 "kb search leaves tickets out" ;; esac
printf '%s\n' "$out" | aligned
ok $? "columns aligned by East Asian width"
run "$MADO" --format json kb search 申請
is "$rc" 0 "json output"
is "$(printf '%s' "$out" | field number)" "2" "json: the FAQ number"
is "$(printf '%s' "$out" | field kind)" "kb" "json: the kind as a stable word"
is "$(printf '%s' "$out" | field visibility)" "public" "json: visibility"
run "$MADO" --format csv kb search 申請
like "$out" "^number,kind,title,excerpt,status,visibility,updated_at,score" "csv header of keys"

# --- search everything ---
run "$MADO" --format json search 印刷
is "$(printf '%s' "$out" | field number)" "1 $inq" "search finds the article and the ticket"
run "$MADO" --format json search 印刷 -トナー
is "$(printf '%s' "$out" | field number)" "$inq" "-word after the words is an exclusion"
run "$MADO" --format json search -- -トナー 印刷
is "$(printf '%s' "$out" | field number)" "$inq" "-- before a query starting with -"
run "$MADO" --format json search kind:incident 障害
is "$(printf '%s' "$out" | field number)" "$inc" "kind:"
run "$MADO" --format json search '"ネットワークに接続"'
is "$(printf '%s' "$out" | field number)" "$inc" "a phrase"
run "$MADO" --format json search ｋｉｎｄ：ｋｂ 障害
is "$(printf '%s' "$out" | field number)" "3" "full-width field"
run "$MADO" search 印刷 --limit 1
is "$rc" 0 "--limit after the words"
is "$(printf '%s\n' "$out" | sed -n '3,$p' | wc -l | tr -d ' ')" 1 "one row"
like "$err" "more matches than shown" "a hint that more matched"
run "$MADO" search 存在しない語
is "$rc" 0 "no match is no error"
like "$err" "no matches" "but says so"

# --- opening by number ---
run "$MADO" kb search 1
is "$rc" 0 "a bare number"
like "$out" "Title: +プリンタで印刷できないとき" "opens FAQ 1 as kb show does"
run "$MADO" search "$inq"
like "$out" "印刷が遅い" "a ticket number opens the ticket"
like "$out" "ドライバを更新しました" "with its conversation"
run "$MADO" search no:99
is "$rc" 66 "no: for an unknown FAQ"

# --- errors ---
run "$MADO" search
is "$rc" 64 "no query"
like "$err" "what to search for" "says what to type"
run "$MADO" search -- -印刷
is "$rc" 65 "exclusions only"
like "$err" "nothing to search for" "says why"
run "$MADO" search kind:memo 印刷
is "$rc" 65 "unknown kind"
run "$MADO" search category:NOPE 印刷
is "$rc" 65 "unknown category"
like "$err" "category: no entry with code 'NOPE'" "names field and code"
run "$MADO" search --bogus 印刷
is "$rc" 64 "unknown option"

# --- synonyms ---
run "$MADO" admin synonym add パスワード PW パスワ
is "$rc$out" "0group 1" "add a group"
run "$MADO" admin synonym add 印刷 プリント
is "$rc$out" "0group 2" "another"
run "$MADO" admin synonym add ＰＷ 暗証番号
is "$rc$out" "0group 1" "a term joins the group of one already in it (full width is the same)"
run "$MADO" admin synonym add PW 印刷
is "$rc" 65 "terms of two groups refused"
run "$MADO" admin synonym add 印刷
is "$rc" 64 "a term alone is a usage error"
run "$MADO" admin synonym list
like "$out" "1 +パスワード / PW / パスワ / 暗証番号" "list: the group's terms"
run "$MADO" --format json search パスワード
is "$(printf '%s' "$out" | field number)" "4 5" "パスワード finds PW"
run "$MADO" admin synonym delete 暗証番号
is "$rc" 0 "delete a term"
run "$MADO" admin synonym delete 暗証番号
is "$rc" 66 "a term in no group"
run "$MADO" admin synonym export
is "$rc" 0 "export"
is "$(printf '%s' "$out" | tr -d '\r')" "$(printf 'group,term\n1,パスワード\n1,PW\n1,パスワ\n2,印刷\n2,プリント')" \
	"export: group,term per row"
printf '%s' "$out" > "$TMP/syn.csv"
run "$MADO" admin synonym import "$TMP/syn.csv"
is "$rc" 0 "import what was exported"
like "$out" "5 unchanged" "nothing changed"
run "$MADO" admin synonym export "$TMP/excel.csv"
like "$rc$out" "^0synonyms: 5 terms written to" "export to a file"
is "$(head -c 3 "$TMP/excel.csv" | od -An -tx1 | tr -d ' \n')" "efbbbf" "with the BOM Excel needs"
run "$MADO" admin synonym import "$TMP/excel.csv"
like "$out" "5 unchanged" "which imports back unchanged"
audit_before=$(sql "SELECT count(*) FROM audit WHERE entity = 'synonym'")
printf 'term,group\n印刷,a\nプリント,a\nPC,b\n!!,b\nパソコン,\n印刷,c\n' > "$TMP/bad.csv"
run "$MADO" admin synonym import "$TMP/bad.csv"
is "$rc" 65 "a file with errors"
like "$err" "bad.csv:5:term: '!!' has no letter" "file:line:field for a bad term"
like "$err" "bad.csv:6:group: empty" "an empty group label"
like "$err" "bad.csv:7:term: '印刷' is in the file already, at line 2" "a term twice"
like "$err" "bad.csv:4:group: group 'b' has only one term" "a group of one"
like "$err" "nothing was imported" "all or nothing"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'synonym'")" "$audit_before" \
	"a refused import changed nothing"
printf 'group,term\n1,ＰＣ\n1,パソコン\n' > "$TMP/new.csv"
run "$MADO" admin synonym import "$TMP/new.csv"
like "$out" "1 groups; 2 terms added, 0 changed, 5 removed" "import replaces the list"
is "$(sql "SELECT group_concat(term, ' ') FROM synonym")" "ＰＣ パソコン" "stored as written"

# --- upkeep ---
run "$MADO" admin search check
like "$rc$out" "^0search index: matches the records" "check"
run "$MADO" admin search optimize
like "$rc$out" "^0search index: merged into one segment" "optimize"
run "$MADO" admin search rebuild
like "$rc$out" "^0search index: built again" "rebuild"

# --- roles ---
sql "INSERT INTO staff(login, name, role) VALUES ('root', '職員', 'staff')"
run "$MADO" admin synonym list
is "$rc" 77 "staff may not read synonyms"
run "$MADO" --format json kb search 障害
is "$out" "[]" "staff do not find the internal article"
run "$MADO" --format json search 秘匿
is "$out" "[]" "nor internal notes"
run "$MADO" search 3
is "$rc" 0 "staff: the internal FAQ's number"
is "$(printf '%s\n' "$out" | grep -c 'Title:')" 0 "does not open it"
sql "UPDATE staff SET role = 'operator' WHERE login = 'root'"
run "$MADO" admin synonym list
is "$rc" 0 "operators read synonyms"
run "$MADO" admin synonym add A B
is "$rc" 77 "but may not edit them"
run "$MADO" admin synonym import "$TMP/new.csv"
is "$rc" 77 "nor import"
run "$MADO" admin search optimize
is "$rc" 77 "nor look after the index"
run "$MADO" --format json search 秘匿
is "$(printf '%s' "$out" | field number)" "$inq" "operators find internal notes"

done_testing
