# Messages in Japanese and English: --lang, LANG without an installed
# locale, translated errors, status labels and headers that stay aligned,
# and catalogs that are complete (share/po).
. "$(dirname "$0")/lib.sh"
src=$(cd "$(dirname "$0")/../.." && pwd)
po="$src/share/po"

# Only the variables under test decide the language.
unset LANGUAGE LC_MESSAGES
# noenv VAR=VALUE... CMD: run CMD with no locale variable but the ones given
noenv() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u LANG "$@"; }

# ---- help ----
run "$MADO" --lang ja --help
is "$rc" 0 "--lang ja --help"
like "$out" "チケットを起票する" "--lang ja: a command summary in Japanese"
like "$out" "^使い方: mado " "--lang ja: usage line in Japanese"
like "$out" "mado ticket new --kind" "--lang ja: command names and options stay as typed"
run "$MADO" --lang en --help
like "$out" "create a ticket" "--lang en: the summary in English"
ok "$(printf '%s' "$out" | grep -q 'チケット'; echo $((1 - $?)))" "--lang en: no Japanese in the help"
run "$MADO" --lang=ja ticket --help
like "$out" "チケットをクローズする" "--lang=ja and group help"

run noenv LANG=ja_JP.UTF-8 "$MADO" --help
is "$rc" 0 "LANG=ja_JP.UTF-8 without LC_ALL"
like "$out" "チケットを起票する" "LANG=ja_JP.UTF-8 gives Japanese even when that locale is not installed"
run noenv LANG=ja_JP.UTF-8 LC_ALL=C.UTF-8 "$MADO" --help
like "$out" "create a ticket" "LC_ALL=C.UTF-8 wins over LANG"
run noenv LANG=ja_JP.UTF-8 "$MADO" --lang en --help
like "$out" "create a ticket" "--lang en wins over LANG=ja_JP.UTF-8"
run noenv LANG=en_US.UTF-8 "$MADO" --help
like "$out" "create a ticket" "LANG=en_US.UTF-8 gives English"

# ---- a database with tickets in several statuses ----
run "$MADO" admin db version
is "$rc" 0 "database created"
if [ "$(id -u)" -ne 0 ]; then
	# root is the built-in administrator; anyone else registers directly.
	sqlite3 "$MADO_DB" "INSERT INTO staff(login, name, role) VALUES ('$(id -un)', '試験 太郎', 'admin')"
fi
sqlite3 "$MADO_DB" "INSERT INTO queue(code, name) VALUES ('helpdesk', 'ヘルプデスク');
INSERT INTO staff(login, name, role) VALUES ('i18n.owner', '田中 聡', 'operator');"
run "$MADO" ticket new --kind inquiry --subject 'プリンターで印刷できない' --queue helpdesk
inq=$out
run "$MADO" ticket new --kind incident --subject 'VPNが1時間ごとに切断される' --priority 1
inc=$out
run "$MADO" ticket new --kind inquiry --subject 'パスワード再発行の依頼' --queue helpdesk
inq2=$out
"$MADO" ticket status "$inq" in_progress >/dev/null 2>&1
"$MADO" ticket assign "$inq" --owner i18n.owner >/dev/null 2>&1
"$MADO" ticket status "$inc" triage >/dev/null 2>&1
like "$inq$inc$inq2" "^INQ-.*INC-.*INQ-" "three tickets created"

# ---- errors ----
run "$MADO" --lang ja ticket status "$inq" bogus
is "$rc" 65 "bad status: invalid data"
like "$err" "'bogus' はステータスではありません" "bad status: the message is Japanese"
like "$err" "waiting, answered" "bad status: status names stay as typed"
run "$MADO" --lang ja kb show 999
is "$rc" 66 "unknown FAQ: not found"
like "$err" "FAQ番号 999 の記事はありません" "unknown FAQ: the message is Japanese"
run "$MADO" --lang ja ticket show INQ-1999-000999
is "$rc" 66 "unknown ticket: not found"
run "$MADO" --lang ja frobnicate
is "$rc" 64 "unknown command: usage error"
like "$err" "不明なコマンド 'frobnicate'" "unknown command: the message is Japanese"
run "$MADO" --lang ja ticket new --kind inquiry --subject '　'
like "$err" "subject: 空にはできません" "field errors: Japanese, the field named as typed"
run noenv LANG=ja_JP.UTF-8 "$MADO" ticket status "$inq" bogus
like "$err" "はステータスではありません" "LANG=ja_JP.UTF-8: errors in Japanese"
run "$MADO" --lang en ticket status "$inq" bogus
like "$err" "'bogus' is not a status" "--lang en: errors in English"

# ---- lists: labels, headers, alignment ----
run "$MADO" --lang ja ticket list
is "$rc" 0 "--lang ja ticket list"
like "$out" "新規" "status label 新規"
like "$out" "対応中" "status label 対応中"
like "$out" "一次切り分け" "incident status label 一次切り分け"
like "$(printf '%s\n' "$out" | head -1)" "^番号 +ステータス +優先度 +キュー +担当者 +更新日時 +件名$" \
	"column headers translated"
printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
def cells(s):
    out = []
    for c in s:
        out.append(c)
        if unicodedata.east_asian_width(c) in "WF":
            out.append("")  # the second cell of a wide character
    return out
lines = sys.stdin.read().splitlines()
head, rule, rows = cells(lines[0]), lines[1], [cells(l) for l in lines[2:]]
assert set(rule) <= set("- "), rule
starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
assert len(starts) == 7, starts
assert len(rows) == 3, len(rows)
for line in [head] + rows:
    text = "".join(line)
    for s in starts[1:]:
        # two blank cells before every column: nothing wide runs across
        assert len(line) <= s - 2 or line[s - 1] == " " and line[s - 2] == " ", (text, s)
    for s in (starts[0], starts[1], starts[6]):
        # number, status and subject are never empty and start the column
        assert line[s] not in (" ", ""), (text, s)
' 2>"$TMP/align"
ok $? "every column starts at the same screen column on every row"
[ -s "$TMP/align" ] && sed 's/^/# /' "$TMP/align"

run "$MADO" --lang en ticket list
like "$out" "In progress" "--lang en: English status label"
like "$(printf '%s\n' "$out" | head -1)" "^Number +Status +Pri +Queue +Owner +Updated +Subject$" \
	"--lang en: English headers"
run "$MADO" --lang ja --format csv ticket list
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "number,status,priority,queue,owner,updated,subject" \
	"csv keys are not translated"
like "$out" "in_progress" "csv has the status name, not the label"

run "$MADO" --lang ja ticket show "$inq"
like "$out" "ステータス: +対応中" "show: label and status in Japanese"
like "$out" "担当者: +田中 聡" "show: owner field label in Japanese"

# ---- the catalogs ----
if command -v msgattrib >/dev/null && command -v msgfmt >/dev/null; then
	is "$(msgattrib --untranslated "$po/ja.po" 2>&1)" "" "every msgid in ja.po has a translation"
	is "$(msgattrib --only-fuzzy "$po/ja.po" 2>&1)" "" "no fuzzy entries in ja.po"
	is "$(msgattrib --untranslated "$po/en.po" 2>&1)" "" "every msgid in en.po has a msgstr"
	msgfmt -c --check-format -o /dev/null "$po/ja.po" 2>"$TMP/msgfmt"
	ok $? "ja.po passes msgfmt -c --check-format"
	[ -s "$TMP/msgfmt" ] && sed 's/^/# /' "$TMP/msgfmt"
	msgfmt -c --check-format -o /dev/null "$po/en.po" 2>"$TMP/msgfmt"
	ok $? "en.po passes msgfmt -c --check-format"
	is "$(msgattrib --no-wrap "$po/ja.po" | grep -A1 '^msgid "language-code:en"' | tail -1)" \
		'msgstr "language-code:ja"' "ja.po names its language"
	is "$(msgattrib --no-wrap "$po/en.po" | grep -A1 '^msgid "language-code:en"' | tail -1)" \
		'msgstr "language-code:en"' "en.po names its language"
else
	skip "msgattrib and msgfmt (gettext) are not installed"
fi

# POTFILES lists every source file with translatable strings, and the
# catalog translates every string those files hold today.
want=$(cd "$src" && find base db forms keymaps core tui cli daemon -name '*.[ch]' | LC_ALL=C sort |
	xargs grep -l -E '(^|[^A-Za-z0-9_])(_|N_)\(')
is "$(LC_ALL=C sort "$po/POTFILES")" "$want" "POTFILES lists every .c file that calls _() or N_()"
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	(cd "$src" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
		-o "$TMP/madoguchi.pot" -f "$po/POTFILES" -D .) 2>"$TMP/xgettext"
	msgcmp "$po/ja.po" "$TMP/madoguchi.pot" 2>"$TMP/msgcmp"
	ok $? "ja.po translates every msgid in the sources"
	[ -s "$TMP/msgcmp" ] && head -20 "$TMP/msgcmp" | sed 's/^/# /'
else
	skip "xgettext and msgcmp (gettext) are not installed"
fi
done_testing
