# mado admin master import/export and mado admin user: bulk master data
# with all-or-nothing validation, round trips, encodings, audit and roles.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1

# sql QUERY: one value from the test database
sql() { sqlite3 "$MADO_DB" "$1"; }
# locations FILE: the "file:line:field" part of each line of stderr
locations() { printf '%s\n' "$err" | cut -d: -f1-3; }

# ---- departments and staff with Japanese names ----
printf 'code,name,name_en,phone\r\nD01,総務課,General Affairs,03-0000-0001\r\nD02,税務課,Tax,\r\nD03,"介護保険課",Long-term Care,\r\n' >dept.csv
run "$MADO" admin master import department dept.csv
is "$rc" 0 "import departments"
is "$out" "department: 3 added, 0 updated, 0 deleted, 0 unchanged" "import departments: summary"
is "$(sql "SELECT name FROM department WHERE code = 'D03'")" "介護保険課" "quoted Japanese name stored"

printf 'login,name,name_kana,department,role,email\nyamada,山田 太郎,ヤマダ タロウ,D01,operator,yamada@city.example.jp\nsuzuki,鈴木 花子,スズキ ハナコ,D02,supervisor,\n' >staff.csv
run "$MADO" admin master import staff staff.csv
is "$rc" 0 "import staff"
is "$out" "staff: 2 added, 0 updated, 0 deleted, 0 unchanged" "import staff: summary"
is "$(sql "SELECT s.name || '/' || d.code || '/' || s.lang FROM staff s JOIN department d ON d.id = s.department_id WHERE login = 'yamada'")" \
	"山田 太郎/D01/ja" "staff row with department and default language"

# ---- export -> import changes nothing ----
for kind in department staff; do
	run "$MADO" admin master export $kind $kind-out.csv
	is "$rc" 0 "export $kind to a file"
	run "$MADO" admin master import $kind $kind-out.csv
	is "$out" "$kind: 0 added, 0 updated, 0 deleted, $(sql "SELECT count(*) FROM $kind") unchanged" \
		"$kind: export -> import round trip unchanged"
done
run "$MADO" admin master export department
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "code,name,name_en,phone,email,active" "export: header of keys"
is "$(printf '%s\n' "$out" | sed -n 2p | tr -d '\r')" "D01,総務課,General Affairs,03-0000-0001,,1" "export: rows by key"

# ---- encodings ----
is "$(head -c 3 department-out.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "export to a file: UTF-8 with BOM by default"
"$MADO" admin master export department - >plain.csv
is "$(head -c 4 plain.csv | od -An -tx1 | tr -d ' ')" "636f6465" "export to stdout: UTF-8 without BOM"
run "$MADO" admin master export department sjis.csv --encoding cp932
is "$rc" 0 "export cp932"
is "$(head -c 4 sjis.csv | od -An -tx1 | tr -d ' ')" "636f6465" "cp932: no BOM"
like "$(xxd -p sjis.csv | tr -d '\n')" "918d96b189db" "cp932: 総務課 as 91 8d 96 b1 89 db"
run "$MADO" admin master import department sjis.csv
is "$out" "department: 0 added, 0 updated, 0 deleted, 3 unchanged" "cp932 file read back (auto) unchanged"
printf 'code,name\nD09,𠮷田出張所\n' >kichi.csv
"$MADO" admin master import department kichi.csv >/dev/null
before=$(od -An -tx1 sjis.csv)
run "$MADO" admin master export department sjis.csv --encoding cp932
is "$rc" 65 "cp932 export of a name with no CP932 form fails"
like "$err" "department 'D09'" "cp932 failure names the row"
is "$(od -An -tx1 sjis.csv)" "$before" "failed export leaves the old file as it was"
run "$MADO" admin master export department bad.csv --encoding auto
is "$rc" 64 "export --encoding auto is a usage error"

# ---- invalid files: every error, by physical line, nothing written ----
n_phone=$(sql "SELECT count(*) FROM phonebook")
printf '%s\n' 'code,name,department,phone,note' \
	'P01,住民課窓口,D01,03-1111-2222,"1行目' '2行目"' \
	'P02,,D99,,' \
	'bad code!,税務課,D01,,' \
	'P01,重複,D01,,' \
	'P03,x,D01,,,extra' \
	',,,,' >phone.csv
run "$MADO" admin master import phonebook phone.csv
is "$rc" 65 "invalid phonebook file: exit 65"
is "$(locations)" "phone.csv:4:name
phone.csv:4:department
phone.csv:5:code
phone.csv:6:code
phone.csv:7: 6 fields, but the header has 5
mado: phone.csv: 5 errors; nothing was imported" "phonebook errors at physical lines after a multi-line field"
is "$(sql "SELECT count(*) FROM phonebook")" "$n_phone" "invalid phonebook file: nothing written"

n_staff=$(sql "SELECT count(*) FROM staff")
n_audit=$(sql "SELECT count(*) FROM audit")
printf '%s\n' 'login,name,email,department,role,lang,delete' \
	'good,良い人,good@city.example.jp,D01,staff,ja,' \
	'-bad,悪い人,bad@@city,D01,boss,fr,' \
	'kato,加藤,,D77,,,2' \
	'good,二重,,,,,' >bad-staff.csv
run "$MADO" admin master import staff bad-staff.csv
is "$rc" 65 "invalid staff file: exit 65"
is "$(locations)" "bad-staff.csv:3:login
bad-staff.csv:3:email
bad-staff.csv:3:role
bad-staff.csv:3:lang
bad-staff.csv:4:department
bad-staff.csv:4:delete
bad-staff.csv:5:login
mado: bad-staff.csv: 7 errors; nothing was imported" "staff errors: all of them, in file order"
like "$err" "bad-staff.csv:5:login: 'good' is given again; first on line 2" "duplicate key names the first line"
like "$err" "bad-staff.csv:4:department: there is no department with code 'D77'" "unknown reference named"
is "$(sql "SELECT count(*) FROM staff")" "$n_staff" "invalid staff file: no staff written"
is "$(sql "SELECT count(*) FROM audit")" "$n_audit" "invalid staff file: no audit written"

printf 'code,nickname\nD01,x\n' >hdr.csv
run "$MADO" admin master import department hdr.csv
is "$rc" 65 "bad header: exit 65"
is "$(locations | head -2)" "hdr.csv:1:nickname
hdr.csv:1:name" "bad header: unknown column and missing required column"

run "$MADO" admin master import nosuchkind dept.csv
is "$rc" 64 "unknown kind: usage error"
like "$err" "vendor_contact" "unknown kind: the kinds are listed"
run "$MADO" admin master import department missing.csv
is "$rc" 66 "missing file: exit 66"

# ---- a personnel transfer: update, audited field by field ----
printf 'login,name,department\nyamada,山田 太郎,D02\n' >transfer.csv
n_audit=$(sql "SELECT count(*) FROM audit")
run "$MADO" admin master import staff transfer.csv
is "$out" "staff: 0 added, 1 updated, 0 deleted, 0 unchanged" "transfer: one row updated"
is "$(sql "SELECT count(*) FROM audit")" "$((n_audit + 1))" "transfer: one audit row (one changed field)"
is "$(sql "SELECT action || ' ' || field || ' ' || old_value || '->' || new_value FROM audit ORDER BY id DESC LIMIT 1")" \
	"update department D01->D02" "transfer: audit keeps old and new value"
is "$(sql "SELECT name_kana || '/' || role || '/' || email FROM staff WHERE login = 'yamada'")" \
	"ヤマダ タロウ/operator/yamada@city.example.jp" "columns left out keep their value"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'department' AND action = 'create'")" "16" \
	"creating 3+1 departments wrote one audit row per non-empty field"
run "$MADO" admin audit verify
is "$rc" 0 "audit chain intact after imports"

# ---- delete ----
printf 'code,name,delete\nD02,税務課,1\n' >del.csv
run "$MADO" admin master import department del.csv
is "$rc" 65 "delete of a department in use refused"
like "$err" "^del.csv:2:delete: department 'D02' is still used by staff \(2\); set active to 0 instead" \
	"refusal names the users and suggests active=0"
is "$(sql "SELECT count(*) FROM department WHERE code = 'D02'")" "1" "department still there"
printf 'code,name,delete\nD09,,1\n' >del2.csv
run "$MADO" admin master import department del2.csv
is "$out" "department: 0 added, 0 updated, 1 deleted, 0 unchanged" "delete of an unused department"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'department' AND action = 'delete'")" "3" \
	"delete audited with the old values"

# ---- users ----
run "$MADO" admin user add tanaka --name 田中 --role operator --dept D01 --email tanaka@city.example.jp
is "$rc" 0 "user add"
is "$(sql "SELECT role || '/' || name FROM staff WHERE login = 'tanaka'")" "operator/田中" "user add stored"
run "$MADO" admin user add tanaka --name 田中
is "$rc" 65 "user add of an existing login refused"
run "$MADO" admin user add 'bad login' --name x
is "$rc" 65 "user add: invalid login name refused"
like "$err" "login: 'bad login' is not a valid login name" "invalid login: message"
run "$MADO" admin user add abcdefghijabcdefghijabcdefghijabc --name x
is "$rc" 65 "user add: 33-character login refused"
run "$MADO" admin user add ito --name 伊藤 --dept NONE
is "$rc" 65 "user add: unknown department refused"
like "$err" "department: there is no department with code 'NONE'" "unknown department: message"
run "$MADO" admin user role tanaka supervisor
is "$rc" 0 "user role"
is "$(sql "SELECT role FROM staff WHERE login = 'tanaka'")" "supervisor" "role changed"
is "$(sql "SELECT old_value || '->' || new_value FROM audit WHERE field = 'role' ORDER BY id DESC LIMIT 1")" \
	"operator->supervisor" "role change audited"
run "$MADO" admin user role tanaka chief
is "$rc" 65 "user role: unknown role refused"
run "$MADO" admin user role nosuch admin
is "$rc" 66 "user role: unknown user is not found"
run "$MADO" --format csv admin user list
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "login,name,role,department,active,last_login" "user list: CSV header"
like "$out" "tanaka,田中,supervisor,D01,1," "user list: a row"

# ---- roles, as a real other user ----
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	for i in 1 2 3 4 5 6 7; do skip "role refusal needs root and setpriv"; done
else
	shared="$TMP/shared"
	mkdir "$shared" && chmod 755 "$TMP" && chmod 777 "$shared"
	cp dept.csv "$shared/dept.csv" && chmod 644 "$shared/dept.csv"
	export SHARED_DB="$shared/s.db"
	as_nobody() { MADO_DB="$SHARED_DB" setpriv --reuid=nobody --regid=nogroup --clear-groups "$MADO" "$@"; }
	MADO_DB="$SHARED_DB" "$MADO" admin db version >/dev/null
	chmod 666 "$SHARED_DB"
	run as_nobody admin master export department
	is "$rc" 77 "unregistered user refused"
	like "$err" "'nobody' is not registered" "unregistered user: message says so"
	MADO_DB="$SHARED_DB" "$MADO" admin user add nobody --name 'Nobody' --role operator >/dev/null
	run as_nobody admin master import department "$shared/dept.csv"
	is "$rc" 77 "operator may not import"
	like "$err" "importing master data needs the admin role; nobody is operator" "import refusal: message"
	is "$(sqlite3 "$SHARED_DB" "SELECT count(*) FROM department")" "0" "refused import wrote nothing"
	run as_nobody admin master export department
	is "$rc" 77 "operator may not export"
	run as_nobody admin user list
	is "$rc" 77 "operator may not list users"
fi

done_testing
