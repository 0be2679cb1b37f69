. "$(dirname "$0")/lib.sh"
# madogen on a small size: counts, statuses per workflow, numbering, call
# log rules, request form fields, the audit trail, determinism, refusal
# to write into a database that has tickets, and --append.

share=${MADO_SHAREDIR:-$(dirname "$0")/../../share}
db="$TMP/gen.db"
sql() { sqlite3 -batch "$db" "$1"; }
# A fixed "today" makes two runs comparable (see madogen --help).
export MADO_NOW=1790000000
gen() { "$MADOGEN" --tickets 300 --kb 30 --calllogs 100 --seed 7 --me demo.user "$@"; }

run gen --db "$db"
is "$rc" 0 "generate a small database"
if [ "$rc" -ne 0 ]; then printf '# %s\n' "$err"; done_testing; fi
like "$err" "done in .* s" "a summary with the time goes to stderr"
is "$out" "" "nothing on stdout"

# --- sizes ---
is "$(sql "SELECT count(*) FROM ticket")" 300 "300 tickets"
is "$(sql "SELECT count(*) FROM kb_article")" 30 "30 FAQ articles"
is "$(sql "SELECT count(*) FROM kb_version WHERE version = 1")" 30 "one kb_version row each"
is "$(sql "SELECT count(*) FROM calllog")" 100 "100 call logs"
is "$(sql "SELECT count(*) FROM staff")" 41 "40 staff and the demo user"
is "$(sql "SELECT count(*) FROM managed_system")" 59 "the ward's 59 managed systems"
is "$(sql "SELECT count(*) >= 40 FROM department")" 1 "about 45 departments"
is "$(sql "SELECT count(DISTINCT kind) FROM ticket")" 3 "all three ticket kinds"
is "$(sql "SELECT (SELECT count(*) FROM ticket WHERE kind = 'inquiry') >
  (SELECT count(*) FROM ticket WHERE kind = 'incident')")" 1 "inquiries are the most"
is "$(sql "SELECT count(*) FROM (SELECT 1 FROM vendor v
  WHERE NOT EXISTS (SELECT 1 FROM vendor_contact c WHERE c.vendor_id = v.id))")" 0 \
	"every vendor has contacts"
is "$(sql "SELECT count(*) FROM managed_system WHERE vendor_id IS NULL OR department_id IS NULL")" 0 \
	"every system has its vendor and department"
is "$(sql "SELECT count(*) FROM phonebook WHERE phone NOT LIKE '内線%'")" 0 \
	"phone book entries are extensions"
is "$(sql "PRAGMA foreign_key_check")" "" "no dangling references"

# --- staff ---
is "$(sql "SELECT role FROM staff WHERE login = 'demo.user'")" admin "--me is an admin"
is "$(sql "SELECT count(*) FROM staff WHERE role = 'admin'")" 3 "two admins besides --me"
is "$(sql "SELECT count(*) > 0 FROM staff WHERE role = 'supervisor'")" 1 "some supervisors"
is "$(sql "SELECT count(*) > 0 FROM staff WHERE role = 'staff'")" 1 "some staff"
is "$(sql "SELECT (SELECT count(*) FROM staff WHERE role = 'operator') * 2 >
  (SELECT count(*) FROM staff)")" 1 "mostly operators"
like "$(sql "SELECT login FROM staff WHERE login <> 'demo.user' ORDER BY id LIMIT 1")" \
	'^[a-z]\.[a-z]+[0-9]*$' "logins look like s.tanaka"

# --- categories ---
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM category
  WHERE scope = 'incident' ORDER BY name)")" \
	"$(printf '%s\n' サポート 作業依頼 NW関連 ハード対応 印刷室関連 消耗品 その他 | sort | paste -sd, -)" \
	"incident categories are exactly the seven of the statistics"
is "$(sql "SELECT count(*) FROM ticket t JOIN category c ON c.id = t.category_id
  WHERE t.kind = 'incident' AND c.scope <> 'incident'")" 0 "incidents use incident categories"
is "$(sql "SELECT count(*) FROM ticket WHERE category_id IS NULL OR queue_id IS NULL")" 0 \
	"every ticket has a category and a queue"
is "$(sql "SELECT count(*) > 0 FROM category WHERE name = '暮らし・手続き'")" 1 \
	"citizen categories for FAQ and call logs"

# --- statuses against share/workflows ---
for kind in inquiry incident request; do
	list=$(sed -n 's/^status  *\([a-z_]*\).*/\1/p' "$share/workflows/$kind.wf")
	quoted=$(printf "'%s'," $list)
	is "$(sql "SELECT count(*) FROM ticket WHERE kind = '$kind'
	  AND status NOT IN (${quoted%,})")" 0 "every $kind status is in $kind.wf"
done
is "$(sql "SELECT avg(status = 'closed') > 0.9 FROM ticket
  WHERE created_at < $MADO_NOW - 60 * 86400")" 1 "older tickets are mostly closed"
is "$(sql "SELECT count(*) FROM ticket WHERE (status = 'closed') <> (closed_at IS NOT NULL)")" 0 \
	"closed_at exactly on closed tickets"
is "$(sql "SELECT count(*) FROM ticket WHERE updated_at < created_at OR created_at > $MADO_NOW")" 0 \
	"times are ordered and none in the future"
is "$(sql "SELECT count(*) FROM ticket t JOIN ticket_inquiry i ON i.ticket_id = t.id
  WHERE (t.status IN ('answered', 'closed')) <> (i.answered_at IS NOT NULL)")" 0 \
	"answered_at on answered inquiries"

# --- detail rows ---
is "$(sql "SELECT count(*) FROM ticket t WHERE NOT EXISTS (
  SELECT 1 FROM ticket_inquiry WHERE ticket_id = t.id AND t.kind = 'inquiry' UNION ALL
  SELECT 1 FROM ticket_incident WHERE ticket_id = t.id AND t.kind = 'incident' UNION ALL
  SELECT 1 FROM ticket_request WHERE ticket_id = t.id AND t.kind = 'request')")" 0 \
	"every ticket has the detail row of its kind"
is "$(sql "SELECT count(*) FROM ticket_request r WHERE NOT EXISTS (
  SELECT 1 FROM choice WHERE list = 'request_kind' AND code = r.request_kind)")" 0 \
	"request kinds come from the request_kind list"
is "$(sql "SELECT count(*) FROM ticket_request WHERE request_kind IN ('user_id', 'dc_entry')
  AND (persons IS NULL OR persons < 1)")" 0 "persons on user-ID and data-centre requests"
is "$(sql "SELECT count(*) FROM ticket_incident WHERE callout = 1 AND after_hours = 0")" 0 \
	"a call-out only after hours"
is "$(sql "SELECT count(*) > 0 FROM ticket_incident WHERE after_hours = 1")" 1 \
	"some after-hours incidents"
is "$(sql "SELECT count(*) > 0 FROM ticket_incident i JOIN ticket t ON t.id = i.ticket_id
  WHERE t.source = 'alert' AND i.occurrences > 1")" 1 "repeated alerts counted as occurrences"
is "$(sql "SELECT count(*) FROM comment WHERE kind NOT IN ('reply', 'note', 'incoming')")" 0 \
	"comment kinds"
is "$(sql "SELECT max(n) <= 4 FROM (SELECT count(*) n FROM comment GROUP BY ticket_id)")" 1 \
	"at most four comments per ticket"

# --- request form fields against share/forms ---
# persons, work_start and work_end are ticket_request columns (as
# core/ticket.c stores them); every other field is a ticket_field row.
for kind in $(sql "SELECT DISTINCT request_kind FROM ticket_request"); do
	form="$share/forms/$kind.xml"
	names=$(sed -n 's/.*<field name="\([a-z_]*\)".*/\1/p' "$form" | sort)
	required=$(sed -n 's/.*<field name="\([a-z_]*\)".*required="true".*/\1/p' "$form" | sort)
	{
		sql "SELECT DISTINCT f.name FROM ticket_field f JOIN ticket_request r
		  ON r.ticket_id = f.ticket_id WHERE r.request_kind = '$kind'"
		sql "SELECT DISTINCT 'persons' FROM ticket_request
		  WHERE request_kind = '$kind' AND persons IS NOT NULL
		  UNION SELECT DISTINCT 'work_start' FROM ticket_request
		  WHERE request_kind = '$kind' AND work_start IS NOT NULL
		  UNION SELECT DISTINCT 'work_end' FROM ticket_request
		  WHERE request_kind = '$kind' AND work_end IS NOT NULL"
	} | sort >"$TMP/used"
	printf '%s\n' "$names" >"$TMP/names"
	is "$(comm -23 "$TMP/used" "$TMP/names")" "" "$kind: every field is one of its form"
	is "$(printf '%s\n' "$required" | comm -23 - "$TMP/used")" "" \
		"$kind: the required fields are given"
done
is "$(sql "SELECT count(*) FROM ticket_field f WHERE
  (f.name = 'system' AND NOT EXISTS (SELECT 1 FROM managed_system WHERE code = f.value)) OR
  (f.name = 'vendor' AND NOT EXISTS (SELECT 1 FROM vendor WHERE code = f.value)) OR
  (f.name = 'department' AND NOT EXISTS (SELECT 1 FROM department WHERE code = f.value))")" 0 \
	"master fields name existing codes"
is "$(sql "SELECT count(*) FROM ticket_field WHERE name IN ('persons', 'work_start', 'work_end')")" 0 \
	"persons and the work window only as ticket_request columns"
is "$(sql "SELECT count(*) FROM ticket_request WHERE request_kind IN
  ('infra_work', 'prod_work', 'building_work', 'dc_entry')
  AND (work_start IS NULL OR work_end < work_start)")" 0 "work requests have a work window"

# --- numbering ---
is "$(sql "SELECT count(DISTINCT number) FROM ticket")" 300 "ticket numbers are unique"
is "$(sql "SELECT count(*) FROM ticket WHERE NOT (
  (kind = 'inquiry' AND number GLOB 'INQ-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]') OR
  (kind = 'incident' AND number GLOB 'INC-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]') OR
  (kind = 'request' AND number GLOB 'REQ-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'))")" 0 \
	"numbers match the kinds' patterns"
fy="CAST(strftime('%Y', created_at, 'unixepoch', '+9 hours') AS INTEGER)
  - (CAST(strftime('%m', created_at, 'unixepoch', '+9 hours') AS INTEGER) < 4)"
is "$(sql "SELECT count(*) FROM ticket WHERE CAST(substr(number, 5, 4) AS INTEGER) <> $fy")" 0 \
	"the number's year is the fiscal year of creation (JST, April-March)"
is "$(sql "SELECT count(*) FROM ticket a JOIN ticket b ON a.kind = b.kind
  AND substr(a.number, 1, 8) = substr(b.number, 1, 8)
  AND a.number < b.number AND a.created_at > b.created_at")" 0 \
	"numbers grow with creation time within a fiscal year"
is "$(sql "SELECT count(*) FROM ticket t WHERE CAST(substr(t.number, 10) AS INTEGER) >
  COALESCE((SELECT last FROM number_counter c WHERE c.kind = t.kind
    AND c.scope = substr(t.number, 1, 9) || '#'), 0)")" 0 \
	"the counters are raised past every number used"
is "$(sql "SELECT count(*) FROM ticket t WHERE substr(t.number, 10) = '000001'")" \
	"$(sql "SELECT count(*) FROM number_counter WHERE kind <> 'calllog'")" \
	"each fiscal year starts at 1"

# --- call logs ---
is "$(sql "SELECT count(DISTINCT receipt_no) FROM calllog")" 100 "receipt numbers are unique"
is "$(sql "SELECT count(*) FROM calllog WHERE receipt_no NOT GLOB
  'C[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]'
  OR substr(receipt_no, 2, 8) <> strftime('%Y%m%d', started_at, 'unixepoch', '+9 hours')")" 0 \
	"receipt numbers follow the calllog pattern and the call's date"
is "$(sql "SELECT count(*) FROM calllog WHERE ended_at IS NULL OR wrapup_at IS NULL
  OR ended_at <= started_at OR wrapup_at < ended_at OR contact_type_id IS NULL
  OR outcome_id IS NULL OR department_id IS NULL OR category_id IS NULL
  OR inquiry_text = '' OR response_text = ''")" 0 "every call log field is filled"
is "$(sql "SELECT count(*) FROM calllog l JOIN choice o ON o.id = l.outcome_id
  WHERE (o.code = 'transferred') <> (l.transfer_to_id IS NOT NULL)")" 0 \
	"a transfer destination exactly on transferred calls"
is "$(sql "SELECT count(*) > 0 FROM calllog WHERE transfer_to_id IS NOT NULL")" 1 \
	"some calls are transferred"
is "$(sql "SELECT count(*) > 0 FROM calllog WHERE faq1_id IS NOT NULL")" 1 "calls use FAQ articles"
is "$(sql "SELECT count(*) FROM calllog WHERE (faq2_id IS NOT NULL AND faq1_id IS NULL)
  OR (faq3_id IS NOT NULL AND faq2_id IS NULL)")" 0 "FAQ slots fill from the first"

# --- knowledge ---
is "$(sql "SELECT count(DISTINCT faq_no) FROM kb_article")" 30 "FAQ numbers are unique"
is "$(sql "SELECT count(DISTINCT public) FROM kb_article")" 2 "public and internal articles"
is "$(sql "SELECT count(*) > 0 FROM kb_article WHERE reviewed_at IS NULL
  OR reviewed_at < $MADO_NOW - 365 * 86400")" 1 "some articles are stale"

# --- audit ---
masters="(SELECT count(*) FROM department) + (SELECT count(*) FROM queue)
  + (SELECT count(*) FROM phonebook) + (SELECT count(*) FROM category)
  + (SELECT count(*) FROM faq_class) + (SELECT count(*) FROM vendor)
  + (SELECT count(*) FROM vendor_contact) + (SELECT count(*) FROM managed_system)
  + (SELECT count(*) FROM staff)"
is "$(sql "SELECT count(*) = $masters + (SELECT count(*) FROM kb_article)
  + (SELECT count(*) FROM ticket) FROM audit")" 1 \
	"one audit row per master row, article and ticket"
is "$(sql "SELECT count(*) FROM audit WHERE action <> 'create' OR actor <> 'madogen'
  OR actor_id IS NOT NULL")" 0 "all audit rows are madogen's creations"
is "$(sql "SELECT count(*) FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY id) AS before, id
  FROM audit) WHERE prev_hash <> COALESCE(before, printf('%064d', 0))")" 0 \
	"each audit row links to the hash of the one before"
like "$err" "chain of [0-9]+ rows verified" "madogen verified the chain itself"

# --- determinism ---
run gen --db "$TMP/again.db"
is "$rc" 0 "a second run with the same seed"
sqlite3 "$db" ".dump ticket" >"$TMP/a.sql"
sqlite3 "$TMP/again.db" ".dump ticket" >"$TMP/b.sql"
cmp -s "$TMP/a.sql" "$TMP/b.sql"
ok $? "the same seed gives the same tickets"
sqlite3 "$db" ".dump calllog" >"$TMP/a.sql"
sqlite3 "$TMP/again.db" ".dump calllog" >"$TMP/b.sql"
cmp -s "$TMP/a.sql" "$TMP/b.sql"
ok $? "the same seed gives the same call logs"
run "$MADOGEN" --db "$TMP/other.db" --tickets 300 --kb 30 --calllogs 100 --seed 8
sqlite3 "$TMP/other.db" ".dump ticket" >"$TMP/b.sql"
sqlite3 "$db" ".dump ticket" >"$TMP/a.sql"
cmp -s "$TMP/a.sql" "$TMP/b.sql"
is $? 1 "another seed gives other tickets"

# --- refusal and --append ---
run gen --db "$db"
is "$rc" 64 "refuses a database that has tickets"
like "$err" "already has tickets.*--append" "the refusal says what to do"
is "$(sql "SELECT count(*) FROM ticket")" 300 "and writes nothing"
run gen --db "$db" --append --seed 9 --tickets 50 --kb 5 --calllogs 10
is "$rc" 0 "--append adds to it"
is "$(sql "SELECT count(*) || ' ' || count(DISTINCT number) FROM ticket")" "350 350" \
	"appended tickets get fresh numbers"
is "$(sql "SELECT count(*) FROM staff")" 41 "--append reuses the staff"
is "$(sql "SELECT count(*) || ' ' || count(DISTINCT faq_no) FROM kb_article")" "35 35" \
	"appended articles get fresh FAQ numbers"
is "$(sql "SELECT count(*) || ' ' || count(DISTINCT receipt_no) FROM calllog")" "110 110" \
	"appended call logs get fresh receipt numbers"

# --- usage ---
run "$MADOGEN" --tickets 5
is "$rc" 64 "--db is required"
run "$MADOGEN" --db "$TMP/x.db" --tickets -1
is "$rc" 64 "negative sizes are refused"
like "$err" "--tickets" "the message names the option"
run "$MADOGEN" --help
is "$rc$(printf '%s' "$out" | head -c 15)" "0usage: madogen " "--help prints the usage"

done_testing
