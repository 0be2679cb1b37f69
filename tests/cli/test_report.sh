. "$(dirname "$0")/lib.sh"
# mado report calls on a fixed pair of calls: the figures as text, the CSV
# byte for byte (BOM, CP932 bytes of a Japanese department name, a name
# with a comma, a quote and a line break), JSON, --output and the refusals.
# Runs as root, the built-in administrator.

sql() { sqlite3 -batch "$MADO_DB" "$1"; }
# bytes PYTHON-BYTES-LITERAL FILE: writes the bytes to FILE
bytes() { python3 -c 'import sys; open(sys.argv[2], "wb").write(eval("(" + sys.argv[1] + ")"))' "$1" "$2"; }

"$MADO" admin db version >/dev/null
# 1793545200 is 2026-11-02 00:00 JST. C1 09:10 市民課 answered (talk 60 s,
# handling 120 s); C2 10:00 the odd department, transferred (30 s, 90 s);
# C3 on 11-03 is outside the period.
sql "INSERT INTO staff(id, login, name, role) VALUES (10, 'op1', '山田 花子', 'operator');
INSERT INTO department(id, code, name) VALUES (1, 'SHIMIN', '市民課'),
 (2, 'ODD', 'A,\"B\"' || char(10) || 'C');
INSERT INTO calllog(receipt_no, operator_id, started_at, ended_at, wrapup_at,
 department_id, outcome_id) VALUES
 ('C1', 10, 1793578200, 1793578260, 1793578320, 1,
  (SELECT id FROM choice WHERE list = 'outcome' AND code = 'answered')),
 ('C2', 10, 1793581200, 1793581230, 1793581290, 2,
  (SELECT id FROM choice WHERE list = 'outcome' AND code = 'transferred')),
 ('C3', 10, 1793631600, NULL, NULL, 1, NULL);"

P="--from 2026-11-02 --to 2026-11-03"
head='key,name,received,handled,transferred,one_stop_rate,avg_talk_s,avg_handling_s,open\r\n'

run "$MADO" report calls $P --by department --format csv --encoding cp932 --output "$TMP/cp932.csv"
is "$rc" 0 "CSV in CP932 to a file"
bytes "b'$head' + b'ODD,\"A,\"\"B\"\"\\nC\",1,0,1,0.0,30,90,0\\r\\n'
 + b'SHIMIN,\\x8e\\x73\\x96\\xaf\\x89\\xdb,1,1,0,100.0,60,120,0\\r\\n'
 + b'total,,2,1,1,50.0,45,105,0\\r\\n'" "$TMP/want-cp932.csv"
cmp "$TMP/cp932.csv" "$TMP/want-cp932.csv" >/dev/null
ok $? "CP932 CSV byte for byte: no BOM, 市民課 as 8E 73 96 AF 89 DB, quoted comma, quote and line break"

run "$MADO" report calls $P --by department --format csv --output "$TMP/bom.csv"
is "$rc" 0 "CSV to a file, UTF-8 with BOM by default"
bytes "b'\\xef\\xbb\\xbf$head' + b'ODD,\"A,\"\"B\"\"\\nC\",1,0,1,0.0,30,90,0\\r\\n'
 + b'SHIMIN,\\xe5\\xb8\\x82\\xe6\\xb0\\x91\\xe8\\xaa\\xb2,1,1,0,100.0,60,120,0\\r\\n'
 + b'total,,2,1,1,50.0,45,105,0\\r\\n'" "$TMP/want-bom.csv"
cmp "$TMP/bom.csv" "$TMP/want-bom.csv" >/dev/null
ok $? "UTF-8 CSV byte for byte: BOM first"

run "$MADO" report calls $P --format csv --encoding utf-8-bom
is "$rc" 0 "totals only, CSV on standard output"
is "$(printf '%s' "$out" | tr -d '\r' | sed -n 2p)" "total,,2,1,1,50.0,45,105,0" "totals row"

run "$MADO" report calls $P --by hour --format json
is "$rc" 0 "JSON by hour"
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(r["key"] + ":" + r["received"] for r in json.load(sys.stdin)))')" \
	"09:1 10:1 total:2" "JSON rows: hours in JST, then the total"

run "$MADO" --lang en report calls $P --by operator
is "$rc" 0 "text by operator"
like "$out" "One-stop %: +50\.0" "text: the totals as a record"
like "$out" "op1 +山田 花子 +2 +1 +1 +50\.0 +45 +105 +0" "text: the breakdown aligned"

run "$MADO" report calls --from 2026-11-02 --to 2026-11-02
is "$rc" 64 "an empty period is a usage error"
run "$MADO" report calls $P --by week
is "$rc" 64 "an unknown grouping is a usage error"
run "$MADO" report calls $P --encoding cp932
is "$rc" 64 "--encoding without CSV is a usage error"

sql "INSERT INTO staff(login, name, role) VALUES ('root', 'root', 'operator');"
run "$MADO" report calls $P --format csv --output "$TMP/refused.csv"
is "$rc" 77 "an operator is refused"
ok "$([ ! -e "$TMP/refused.csv" ] && echo 0 || echo 1)" "and no file is written"

done_testing
