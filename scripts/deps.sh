#!/bin/sh
# Install the Debian packages Madoguchi needs, but only those missing.
# Checks pkg-config modules and commands first so a ready machine does no apt work.
# Usage: scripts/deps.sh [build|check|demo|fuzz]
set -eu
mode=${1:-build}

# pkg-config module -> Debian package. The full-screen client needs ncursesw,
# readline and pam; tests/screen (configured with every build) needs vterm.
modules="sqlite3:libsqlite3-dev glib-2.0:libglib2.0-dev libxml-2.0:libxml2-dev"
modules="$modules ncursesw:libncurses-dev readline:libreadline-dev pam:libpam0g-dev vterm:libvterm-dev"
# madod: GMime parses mail, libcurl fetches it (IMAP, POP3), libesmtp sends it;
# reports are laid out with Pango/Cairo in a Japanese font.
modules="$modules gmime-3.0:libgmime-3.0-dev libcurl:libcurl4-openssl-dev libesmtp-1.0:libesmtp-dev"
# libesmtp starts TLS with OpenSSL; [smtp] ca_file gives it a context of ours.
modules="$modules openssl:libssl-dev"
modules="$modules pangocairo:libpango1.0-dev cairo-pdf:libcairo2-dev"
# file -> Debian package, for what has neither a pkg-config module nor a command
files="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:fonts-noto-cjk"
# command -> Debian package
commands="cc:gcc meson:meson ninja:ninja-build pkg-config:pkg-config msgfmt:gettext python3:python3 xgettext:gettext"
case $mode in
check)
	commands="$commands setpriv:util-linux sqlite3:sqlite3"
	# the real servers the tests start: dovecot (IMAP, POP3, LMTP), OpenSMTPD,
	# CUPS with a PDF printer; poppler reads the PDFs back
	commands="$commands dovecot:dovecot-imapd smtpd:opensmtpd cupsd:cups lp:cups-client"
	commands="$commands lpstat:cups-client pdftotext:poppler-utils pdftoppm:poppler-utils"
	files="$files /usr/lib/dovecot/pop3:dovecot-pop3d /usr/lib/dovecot/lmtp:dovecot-lmtpd"
	# STARTTLS and AUTH are tested through dovecot's submission service
	# (OpenSMTPD 6.8 cannot do TLS with OpenSSL 3)
	files="$files /usr/lib/dovecot/submission:dovecot-submissiond"
	files="$files /usr/lib/cups/backend/cups-pdf:printer-driver-cups-pdf"
	# clang builds the fuzz targets as libFuzzer programs (scripts/fuzz.sh)
	commands="$commands clang:clang"
	;;
fuzz) commands="$commands clang:clang" ;;
demo) ;;
esac

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
for pair in $modules; do
	mod=${pair%%:*}; pkg=${pair#*:}
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$mod"; then
		missing="$missing $pkg"
	fi
done
for pair in $commands; do
	cmd=${pair%%:*}; pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
for pair in $files; do
	f=${pair%%:*}; pkg=${pair#*:}
	[ -e "$f" ] || missing="$missing $pkg"
done
# The sanitizer runtimes come with gcc's libasan/libubsan; check for the library.
if [ "$mode" = check ] && ! ls /usr/lib/gcc/*/*/libasan.so >/dev/null 2>&1; then
	missing="$missing libasan8 libubsan1"
fi

apt_install() {
	[ -z "$*" ] && return 0
	# shellcheck disable=SC2046
	set -- $(printf '%s\n' "$@" | sort -u)
	echo "deps: installing: $*"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "$@"
}
# shellcheck disable=SC2086
apt_install $missing

# libFuzzer's runtime is in the libclang-rt-N-dev of the clang installed.
case $mode in
check | fuzz)
	runtime=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a")
	[ -f "$runtime" ] || apt_install "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
	;;
esac
