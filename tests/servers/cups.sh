# A throw-away CUPS for tests: a private cupsd on 127.0.0.1 with a free
# port (its own ServerRoot, spool, cache and logs under one temporary
# directory, no browsing, no file: devices) and one cups-pdf queue whose
# PDFs land in a directory of the test's.
#
# cups-pdf reads its settings from /etc/cups only (compiled in): for a
# queue with the device URI cups-pdf:/NAME it reads
# /etc/cups/cups-pdf-NAME.conf, so each instance writes one such file with
# a name of its own and removes it when stopped. That, and cupsd itself,
# need root: as anyone else cups_start refuses (the tests skip).
#
# Sourced by a test (tests/cli/lib.sh first, so at_exit stops it however
# the test ends):
#     . "$(dirname "$0")/../servers/cups.sh"
#     cups_start "$TMP/cups" || bail
# then uses CUPS_SERVER (exported: lp and lpstat talk to this cupsd),
# CUPS_PRINTER (the cups-pdf queue), CUPS_PDF_OUT (where its PDFs appear),
# CUPS_DIR, and cups_stop (at_exit does it).
#
# Run directly:
#     sh tests/servers/cups.sh start DIR   starts one, prints the variables
#     sh tests/servers/cups.sh stop DIR    stops it
#     sh tests/servers/cups.sh run CMD...  runs CMD with one started in a
#         temporary directory and stopped (and removed) when CMD ends, by
#         a signal too; CMD may stop it early with `sh "$CUPS_SH" stop
#         "$CUPS_DIR"`; not root: CMD runs without one (CUPS_PDF_OUT empty)

CUPS_PDF_OUT=

. "${MADO_SERVERS:-$(dirname "$0")/../servers}/lib.sh"

cups_write_conf() {
	d=$CUPS_DIR
	cat >"$d/etc/cups-files.conf" <<EOF
ServerRoot $d/etc
RequestRoot $d/spool
CacheDir $d/cache
StateDir $d/state
AccessLog $d/log/access_log
ErrorLog $d/log/error_log
PageLog $d/log/page_log
FileDevice No
SystemGroup root
Sandboxing Relaxed
EOF
	cat >"$d/etc/cupsd.conf" <<EOF
LogLevel debug
Listen 127.0.0.1:$CUPS_PORT
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow from 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
	# PDF to PostScript with pdftocairo keeps the text extractable in the
	# PDF cups-pdf makes again (poppler's pdftops and gs lose it).
	cat >"$d/etc/printers.conf" <<EOF
<Printer $CUPS_PRINTER>
Info Madoguchi test PDF printer
DeviceURI cups-pdf:/$CUPS_PRINTER
State Idle
Accepting Yes
Shared No
Option pdftops-renderer-default pdftocairo
</Printer>
EOF
	cp /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd "$d/etc/ppd/$CUPS_PRINTER.ppd"
	# (no comment in it: cups-pdf would take its words for the file name)
	cat >"$CUPS_PDF_CONF" <<EOF
Out $CUPS_PDF_OUT
AnonDirName $CUPS_PDF_OUT
Spool $d/pdfspool
Log $d/log
Grp root
LogType 7
EOF
}

# cups_start DIR: starts it; returns non-zero (with the log on stderr)
# when it does not come up.
cups_start() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "cups.sh: needs root (cups-pdf reads /etc/cups/cups-pdf-NAME.conf)" >&2
		return 1
	fi
	CUPS_DIR=$1
	CUPS_PRINTER=madotest$$
	CUPS_PDF_CONF=/etc/cups/cups-pdf-$CUPS_PRINTER.conf
	CUPS_PDF_OUT=$CUPS_DIR/out
	! command -v at_exit >/dev/null 2>&1 || at_exit cups_stop
	mkdir -p "$CUPS_DIR/etc/ppd" "$CUPS_DIR/spool" "$CUPS_DIR/cache" "$CUPS_DIR/state" \
		"$CUPS_DIR/log" "$CUPS_DIR/out" "$CUPS_DIR/pdfspool"
	# the filters run as lp: they must reach the spool through DIR
	chmod 0755 "$CUPS_DIR"
	chmod o+x "$(dirname "$CUPS_DIR")"
	for try in 1 2 3 4 5; do
		CUPS_PORT=$(server_free_port)
		CUPS_SERVER=127.0.0.1:$CUPS_PORT
		cups_write_conf
		cupsd -f -c "$CUPS_DIR/etc/cupsd.conf" -s "$CUPS_DIR/etc/cups-files.conf" \
			</dev/null >/dev/null 2>>"$CUPS_DIR/log/cupsd.stderr" &
		echo $! >"$CUPS_DIR/cupsd.pid"
		# up when lpstat through it knows the queue
		i=0
		while [ $i -lt 100 ] && kill -0 "$(cat "$CUPS_DIR/cupsd.pid")" 2>/dev/null; do
			if CUPS_SERVER=$CUPS_SERVER lpstat -p "$CUPS_PRINTER" >/dev/null 2>&1; then
				export CUPS_DIR CUPS_SERVER CUPS_PORT CUPS_PRINTER CUPS_PDF_OUT
				return 0
			fi
			sleep 0.1
			i=$((i + 1))
		done
		cups_stop
		echo "cupsd did not start (try $try):" >&2
		tail -5 "$CUPS_DIR/log/error_log" "$CUPS_DIR/log/cupsd.stderr" >&2 2>/dev/null
	done
	return 1
}

cups_stop() {
	[ -n "${CUPS_DIR:-}" ] || return 0
	server_stop "$CUPS_DIR/cupsd.pid"
	# the queue's cups-pdf settings, named after this instance's printer
	printer=$(sed -n 's/^<Printer \(madotest[0-9]*\)>$/\1/p' "$CUPS_DIR/etc/printers.conf" \
		2>/dev/null)
	[ -z "$printer" ] || rm -f "/etc/cups/cups-pdf-$printer.conf"
	return 0
}

case "${0##*/}" in
cups.sh)
	case "${1:-}" in
	start)
		[ -n "${2:-}" ] || { echo "usage: $0 start|stop DIR | run CMD..." >&2; exit 64; }
		cups_start "$2" || exit 1
		for v in CUPS_DIR CUPS_SERVER CUPS_PORT CUPS_PRINTER CUPS_PDF_OUT; do
			eval "echo $v=\\'\$$v\\'"
		done ;;
	stop)
		[ -n "${2:-}" ] || { echo "usage: $0 start|stop DIR | run CMD..." >&2; exit 64; }
		CUPS_DIR=$2
		cups_stop ;;
	run)
		shift
		[ $# -gt 0 ] || { echo "usage: $0 start|stop DIR | run CMD..." >&2; exit 64; }
		if [ "$(id -u)" -eq 0 ]; then
			tmp=$(mktemp -d "${TMPDIR:-/tmp}/mado-cups.XXXXXX")
			trap 'cups_stop; rm -rf "$tmp"' EXIT
			trap 'exit 130' INT TERM HUP
			if ! cups_start "$tmp/cups"; then
				echo "Bail out! cupsd did not start"
				exit 1
			fi
		fi
		CUPS_SH=$0
		export CUPS_PDF_OUT CUPS_SH
		"$@"
		exit $? ;;
	*)
		echo "usage: $0 start|stop DIR | run CMD..." >&2
		exit 64 ;;
	esac ;;
esac
