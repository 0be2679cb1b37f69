. "$(dirname "$0")/lib.sh"
# mado export calllogs: the CSV byte for byte (BOM, Japanese headers,
# names, JST times, FAQ numbers, quoting of a comma, quote and line break,
# a CP932 run), the period's bounds, the refusal; and mado admin retention
# run: a dry run, then the archive written before the delete.
# Runs as root, the built-in administrator.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
# bytes PYTHON-BYTES-LITERAL FILE: writes the bytes to FILE
bytes() { python3 -c 'import sys; open(sys.argv[2], "wb").write(eval("(" + sys.argv[1] + ")"))' "$1" "$2"; }

"$MADO" admin db version >/dev/null
# FAQs through mado: the search index's tokenizer lives in the program.
"$MADO" kb add --title A --faq-no 12 >/dev/null
"$MADO" kb add --title B --faq-no 34 >/dev/null
# 1793545200 is 2026-11-02 00:00 JST. C1 09:10 市民課 answered with FAQ 12
# and 34; C2 10:00 transferred to 税務課 with a text needing quotes; C3 on
# 11-03 is outside the period; C0 in FY2023 is past retention.
sql "INSERT INTO staff(id, login, name, role) VALUES (10, 'op1', '山田 花子', 'operator');
INSERT INTO department(id, code, name) VALUES (1, 'SHIMIN', '市民課');
INSERT INTO phonebook(id, code, name) VALUES (1, 'ZEIMU', '税務課');
INSERT INTO calllog(receipt_no, operator_id, started_at, ended_at, wrapup_at,
 department_id, outcome_id, faq1_id, faq2_id, transfer_to_id, inquiry_text, response_text) VALUES
 ('C1', 10, 1793578200, 1793578260, 1793578320, 1,
  (SELECT id FROM choice WHERE list = 'outcome' AND code = 'answered'),
  (SELECT id FROM kb_article WHERE faq_no = 12), (SELECT id FROM kb_article WHERE faq_no = 34), NULL,
  '住民票', '案内'),
 ('C2', 10, 1793581200, 1793581230, NULL, NULL,
  (SELECT id FROM choice WHERE list = 'outcome' AND code = 'transferred'), NULL, NULL, 1,
  'A,\"B\"' || char(10) || 'C', ''),
 ('C3', 10, 1793631600, NULL, NULL, 1, NULL, NULL, NULL, NULL, '', ''),
 ('C0', 10, 1682899200, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '古い', '');"

P="--from 2026-11-02 --to 2026-11-03"
head='受付ID,受付者氏名,受付開始日時,受付終了日時,後処理終了,受付区分,問い合わせ受付区分,対応区分,利用FAQ1,利用FAQ2,利用FAQ3,カテゴリー,受付内容,対応内容,転送先\r\n'
c1='C1,山田 花子,2026-11-02 09:10,2026-11-02 09:11,2026-11-02 09:12,,市民課,オペレーター回答,12,34,,,住民票,案内,\r\n'
c2='C2,山田 花子,2026-11-02 10:00,2026-11-02 10:00,,,,担当課へ転送,,,,,"A,""B""\nC",,税務課\r\n'

run "$MADO" export calllogs $P --output "$TMP/bom.csv"
is "$rc" 0 "export to a file"
bytes "b'\\xef\\xbb\\xbf' + '$head$c1$c2'.encode()" "$TMP/want-bom.csv"
cmp "$TMP/bom.csv" "$TMP/want-bom.csv" >/dev/null
ok $? "UTF-8 CSV byte for byte: BOM, Japanese headers, names, JST times, quoting"

run "$MADO" export calllogs $P --encoding cp932 --output "$TMP/cp932.csv"
is "$rc" 0 "export in CP932"
bytes "'$head$c1$c2'.encode('cp932')" "$TMP/want-cp932.csv"
cmp "$TMP/cp932.csv" "$TMP/want-cp932.csv" >/dev/null
ok $? "CP932 CSV byte for byte, no BOM"

run "$MADO" export calllogs --from 2026-11-01 --to 2026-11-04
is "$rc" 0 "export on standard output"
is "$(printf '%s' "$out" | tr -d '\r' | grep -c '^C[0-9]')" 3 "three calls in the period, C0 not"
run "$MADO" export calllogs --from 2026-11-03 --to 2026-11-02
is "$rc" 64 "an empty period is a usage error"
run "$MADO" export calllogs $P --encoding latin1
is "$rc" 64 "an unknown encoding is a usage error"

run env MADO_NOW=1793545200 "$MADO" admin retention run --dry-run --archive-dir "$TMP"
is "$rc" 0 "retention dry run"
like "$out" "FY2023: 1 " "dry run names FY2023 and its one call"
ok "$([ ! -e "$TMP/calllog-FY2023.csv" ] && echo 0 || echo 1)" "dry run writes no archive"
is "$(sql "SELECT count(*) FROM calllog")" 4 "dry run deletes nothing"

run env MADO_NOW=1793545200 "$MADO" admin retention run --archive-dir "$TMP"
is "$rc" 0 "retention run"
bytes "b'\\xef\\xbb\\xbf' + '${head}C0,山田 花子,2023-05-01 09:00,,,,,,,,,,古い,,\\r\\n'.encode()" "$TMP/want-fy.csv"
cmp "$TMP/calllog-FY2023.csv" "$TMP/want-fy.csv" >/dev/null
ok $? "FY2023 archived byte for byte"
is "$(sql "SELECT group_concat(receipt_no) FROM calllog ORDER BY id")" "C1,C2,C3" "C0 deleted, the rest kept"
is "$(sql "SELECT field || ' ' || old_value || ' ' || new_value FROM audit WHERE action = 'retention_delete'")" \
	"FY2023 C0..C0 1" "the batch audited"

# A call log of FY2023 added after its archive: archived beside it, never over it.
sql "INSERT INTO calllog(receipt_no, operator_id, started_at, inquiry_text, response_text)
 SELECT 'C8', operator_id, started_at, '後から', '' FROM calllog WHERE receipt_no = 'C1';
UPDATE calllog SET started_at = 1682899200 WHERE receipt_no = 'C8';"
run env MADO_NOW=1793545200 "$MADO" admin retention run --archive-dir "$TMP"
like "$out" "FY2023: 1 call logs archived to $TMP/calllog-FY2023-2.csv" "the second archive of FY2023 has a name of its own"
cmp "$TMP/calllog-FY2023.csv" "$TMP/want-fy.csv" >/dev/null
ok $? "the first archive is kept as it was"
like "$(cat "$TMP/calllog-FY2023-2.csv")" "C8,.*後から" "the second holds C8"

sql "INSERT INTO staff(login, name, role) VALUES ('root', 'root', 'operator');"
run "$MADO" export calllogs $P --output "$TMP/refused.csv"
is "$rc" 77 "an operator may not export call logs"
ok "$([ ! -e "$TMP/refused.csv" ] && echo 0 || echo 1)" "and no file is written"
run "$MADO" admin retention run --dry-run
is "$rc" 77 "an operator may not run retention"

done_testing
