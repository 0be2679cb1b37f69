# What the throw-away servers of tests/servers/*.sh share. Sourced by them
# as "$(dirname "$0")/../servers/lib.sh", which holds whether $0 is the
# server script run directly or a test in tests/cli that sourced it
# (smtpd.sh has these through dovecot.sh, sourced before it); a script
# elsewhere (bench/notify.sh) sets MADO_SERVERS to this directory.

# A TCP port nothing listens on now (callers retry when they lose a race).
server_free_port() {
	while :; do
		p=$(( ($(od -An -N2 -tu2 /dev/urandom) % 30000) + 20000 ))
		ss -Htln "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
	done
}

# server_listening PORT [PID]: whether something listens on 127.0.0.1's
# PORT within ten seconds (no longer than process PID lives, when given).
server_listening() {
	i=0
	while [ $i -lt 100 ]; do
		ss -Htln "sport = :$1" | grep -q . && return 0
		[ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# server_stop PIDFILE: TERM the process named in PIDFILE, KILL it when it
# has not gone within ten seconds, and remove the file.
server_stop() {
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	kill -TERM "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	rm -f "$1"
	return 0
}
