. "$(dirname "$0")/lib.sh"
# mado calllog: a whole call (start, end, save, show), the transfer rule,
# the FAQ limit, unknown codes, and a call made into an inquiry. The test
# runs as root, given an operator's staff row so calls name who took them.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }

"$MADO" admin db version >/dev/null
for t in 国民健康保険の加入 高額療養費 住民票 印鑑登録; do
	"$MADO" kb add --title "$t" --answer "$t の案内" >/dev/null || echo "# kb add $t failed"
done
run "$MADO" calllog start
is "$rc" 77 "the built-in administrator has no staff record to take calls"
sql "INSERT INTO staff(login, name, role) VALUES ('root', '窓口 花子', 'operator');
INSERT INTO department(code, name) VALUES ('HOKEN', '保険年金課');
INSERT INTO category(code, name, scope) VALUES ('LIFE', '暮らし・手続き', 'calllog');
INSERT INTO phonebook(code, name, phone) VALUES ('PB1', '保険年金課 国保係', '2301');"
set -- $(sql "SELECT faq_no FROM kb_article ORDER BY faq_no")
f1=$1 f2=$2 f3=$3 f4=$4

run "$MADO" calllog start
is "$rc" 0 "start"
like "$out" '^C[0-9]{8}-[0-9]{5}$' "prints the receipt id"
r=$out
run "$MADO" calllog end "$r"
is "$rc" 0 "end"
run "$MADO" calllog end "$r"
is "$rc" 65 "ending twice refused"
printf '医療費が高額になりました。\n払い戻しはありますか\n' > "$TMP/asked.txt"
run "$MADO" calllog save "$r" --contact-type inquiry --dept HOKEN --outcome answered \
	--category LIFE --faq "$f1" --faq "FAQ-$f2" --asked-file "$TMP/asked.txt" --answered '制度を案内。'
is "$rc" 0 "save"
run "$MADO" --format json calllog show "$r"
like "$out" '"outcome": ?"answered"' "show: outcome code"
like "$out" "\"faq\": ?\"$f1,$f2\"" "show: FAQs"
like "$out" '"inquiry_text": ?"医療費が高額になりました。\\n払い戻しはありますか' "show: inquiry from the file"
run "$MADO" calllog show "$r"
is "$rc" 0 "show as text"
like "$out" "保険年金課" "text shows names"

run "$MADO" calllog save "$r" --outcome transferred
is "$rc" 65 "transferred without a destination"
like "$err" "transfer_to" "the message names transfer_to"
run "$MADO" calllog save "$r" --transfer-to PB1
is "$rc" 65 "a destination on an answered call"
run "$MADO" calllog save "$r" --outcome transferred --transfer-to PB1
is "$rc" 0 "transferred with a destination"
is "$(sql "SELECT p.code FROM calllog c JOIN phonebook p ON p.id = c.transfer_to_id WHERE receipt_no = '$r'")" PB1 "destination stored"
run "$MADO" calllog save "$r" --faq "$f1" --faq "$f2" --faq "$f3" --faq "$f4"
is "$rc" 65 "four FAQs refused"
run "$MADO" calllog save "$r" --faq 99
is "$rc" 65 "unknown FAQ refused"
run "$MADO" calllog save "$r" --faq twelve
is "$rc" 64 "an FAQ must be a number"
run "$MADO" calllog save "$r" --contact-type nosuch
is "$rc" 65 "unknown contact type"
run "$MADO" calllog save "$r" --asked a --asked-file "$TMP/asked.txt"
is "$rc" 64 "text and file together refused"
run "$MADO" calllog save C-nosuch --outcome answered
is "$rc" 66 "unknown receipt"

run "$MADO" calllog to-ticket "$r"
is "$rc" 64 "to-ticket needs --kind"
run "$MADO" calllog to-ticket "$r" --kind request
is "$rc" 64 "only inquiry or incident"
run "$MADO" calllog to-ticket "$r" --kind inquiry
is "$rc" 0 "to-ticket"
like "$out" '^INQ-' "prints the ticket number"
t=$out
is "$(sql "SELECT subject FROM ticket WHERE number = '$t'")" "医療費が高額になりました。" "subject is the first line"
is "$(sql "SELECT count(*) FROM link WHERE (src_type = 'calllog' AND dst_type = 'ticket') OR (src_type = 'ticket' AND dst_type = 'calllog')")" 2 "linked both ways"

sql "UPDATE staff SET role = 'supervisor' WHERE login = 'root'"
"$MADO" admin audit verify >/dev/null
ok $? "audit chain intact"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'calllog' AND field = 'transfer_to'")" 1 "the transfer audited"
sql "UPDATE staff SET role = 'staff' WHERE login = 'root'"
run "$MADO" calllog show "$r"
is "$rc" 77 "staff may not read call logs"
run "$MADO" calllog start
is "$rc" 77 "staff may not take calls"
done_testing
