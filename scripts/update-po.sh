#!/bin/sh
# Bring the message catalogs up to date with the sources: regenerate
# share/po/POTFILES and the template, merge it into ja.po (new messages
# arrive untranslated: translate them, then run this again) and make en.po
# the identity catalog. Checks both with msgfmt.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
find base db forms keymaps core tui cli daemon -name '*.[ch]' | LC_ALL=C sort |
	xargs grep -l -E '(^|[^A-Za-z0-9_])(_|N_)\(' > share/po/POTFILES
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --add-comments=TRANSLATORS \
	--package-name=madoguchi -o "$tmp/madoguchi.pot" -f share/po/POTFILES -D .
msgmerge --quiet --no-wrap --no-fuzzy-matching --lang=ja -o "$tmp/ja.po" share/po/ja.po "$tmp/madoguchi.pot"
msgattrib --no-obsolete --no-wrap -o share/po/ja.po "$tmp/ja.po"
msgmerge --quiet --no-wrap --no-fuzzy-matching --lang=en -o "$tmp/en.po" share/po/en.po "$tmp/madoguchi.pot"
msgen --no-wrap "$tmp/en.po" | msgattrib --no-obsolete --clear-fuzzy --no-wrap -o share/po/en.po -
msgfmt -c --check-format -o /dev/null share/po/ja.po
msgfmt -c --check-format -o /dev/null share/po/en.po
left=$(msgattrib --untranslated share/po/ja.po | grep -c '^msgid' || true)
echo "ja.po: $left untranslated (counting the header when any)"
msgattrib --untranslated --no-wrap share/po/ja.po | grep -A1 '^msgid' | grep -v '^--' || true
