#!/usr/bin/env bash
# The pg_regress suite against a server running under valgrind memcheck.
# Debian's PostgreSQL is not built with valgrind support, so the report is
# filtered to errors whose stack passes through mobilvard.so: those are ours.
#
#   bash test/valgrind.sh [REGRESS="types classify ..."]

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

install_dependencies
command -v valgrind >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
build_and_install

PG_BIN=$("$PG_CONFIG" --bindir)
CLUSTER_DIR=$(mktemp -d /tmp/mobilvard-valgrind.XXXXXX)
[ "$(id -u)" -ne 0 ] || chown postgres: "$CLUSTER_DIR"
trap stop_cluster EXIT
as_cluster_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres --auth=trust \
	-E UTF8 --locale=C.UTF-8 >/dev/null
port=5432
as_cluster_owner bash -c "valgrind --quiet --trace-children=yes --track-origins=yes \
	--read-var-info=no --num-callers=30 --error-limit=no --leak-check=no \
	--log-file=$CLUSTER_DIR/valgrind.%p.log \
	$PG_BIN/postgres -D $CLUSTER_DIR/data -p $port -k $CLUSTER_DIR \
	-c listen_addresses='' -c max_parallel_workers_per_gather=0 \
	>$CLUSTER_DIR/server.log 2>&1 &"
export PGHOST=$CLUSTER_DIR PGPORT=$port PGUSER=postgres
for _ in $(seq 1 120); do
	"$PG_BIN/pg_isready" -q && break
	sleep 1
done

make -C "$REPO_ROOT" -s installcheck TAP_TESTS= PG_CONFIG="$PG_CONFIG" ${REGRESS:+REGRESS="$REGRESS"} || true

# One error report is a block of lines from "==PID== <message>" to a blank
# "==PID== " line; keep the blocks that mention mobilvard.
ours=$(cat "$CLUSTER_DIR"/valgrind.*.log | awk '
	/^==[0-9]+== [^ ]/ && !in_block { block = $0 "\n"; in_block = 1; next }
	in_block && /^==[0-9]+== *$/ { if (block ~ /mobilvard\.so/) printf "%s\n", block; in_block = 0; next }
	in_block { block = block $0 "\n" }')
total=$(cat "$CLUSTER_DIR"/valgrind.*.log | grep -cE '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param)' || true)
echo "valgrind: $total memcheck reports in all, these through mobilvard.so:"
echo "${ours:-none}"
