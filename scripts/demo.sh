#!/bin/sh
# make demo: run the freshly built (uninstalled) programs on the per-user
# demo database, generating it with madogen the first time.
#   sh scripts/demo.sh BUILD_DIR
# The database is $XDG_DATA_HOME/madoguchi/demo.db (~/.local/share when
# XDG_DATA_HOME is unset or empty): the path mado itself falls back to,
# see config_demo_db_path() in core/config.c. MADO_DEMO_RESET=1 throws the
# database away and generates a new one.
set -eu

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: sh scripts/demo.sh BUILD_DIR (an existing build directory)" >&2
	exit 64
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
madogen="$build/demo/madogen"
mado="$build/cli/mado"
for prog in "$madogen" "$mado"; do
	if [ ! -x "$prog" ]; then
		echo "demo: $prog is not built yet; run make first" >&2
		exit 69
	fi
done

data=${XDG_DATA_HOME:-}
[ -n "$data" ] || data="$HOME/.local/share"
dir="$data/madoguchi"
db="$dir/demo.db"

# Uninstalled binaries: workflows and forms from the source tree, message
# catalogs from the build tree.
MADO_SHAREDIR="$root/share"
MADO_LOCALEDIR="$build/share/po"
export MADO_SHAREDIR MADO_LOCALEDIR

if [ "${MADO_DEMO_RESET:-0}" = 1 ]; then
	rm -f "$db" "$db-wal" "$db-shm"
fi
if [ ! -f "$db" ]; then
	(umask 077 && mkdir -p "$dir")
	echo "demo: generating $db ..." >&2
	if ! "$madogen" --db "$db"; then
		# A half-written database would be taken for a finished one next time.
		rm -f "$db" "$db-wal" "$db-shm"
		exit 70
	fi
fi

# The full-screen client on a terminal; piped or without one, the list.
if [ -t 0 ] && [ -t 1 ]; then
	exec "$mado" --db "$db"
fi
exec "$mado" --db "$db" ticket list
