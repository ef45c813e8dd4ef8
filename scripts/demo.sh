#!/usr/bin/env bash
# The main job, on a fresh machine too: installs what is missing, builds and
# installs mobilvard, starts a throwaway cluster, loads the synthetic county
# and writes its report (scripts/report.sh) to mobilvard-report.html in the
# current directory, or to REPORT; prints its summary and where it is.
#
#   bash scripts/demo.sh            county at scale 1 (about 300,000 inhabitants)
#   SCALE=10 bash scripts/demo.sh   ten times as many people, episodes and charges
#   KEEP=1 bash scripts/demo.sh     leave the cluster running afterwards to explore
#   REPORT=/tmp/county.html bash scripts/demo.sh   write the report there

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_dependencies
build_and_install
start_cluster

export PGDATABASE=mobilvard_demo
createdb mobilvard_demo
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION mobilvard CASCADE' -c 'SELECT mobilvard.create_registry()'
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS pgrouting' 2>/dev/null || true

log "generating the synthetic county (scale ${SCALE:-1})"
psql -X -q -v ON_ERROR_STOP=1 -v scale="${SCALE:-1}" -v seed="${SEED:-42}" \
	-f "$REPO_ROOT/test/county/generate.sql"

report=${REPORT:-$PWD/mobilvard-report.html}
log "writing the report"
bash "$REPO_ROOT/scripts/report.sh" -o "$report"

if [ -n "${KEEP:-}" ]; then
	trap - EXIT
	log "cluster left running: psql -h $PGHOST -p $PGPORT -U postgres mobilvard_demo"
	log "stop it with: $0's cluster dir $CLUSTER_DIR (pg_ctl -D $CLUSTER_DIR/data stop)"
fi
