#!/usr/bin/env bash
# The main job, on a fresh machine too: installs what is missing, builds and
# installs mobilvard, starts a throwaway cluster, loads the synthetic county
# and prints the report (examples/report/*.sql, in name order).
#
#   bash scripts/demo.sh            county at scale 1 (about 300,000 inhabitants)
#   SCALE=10 bash scripts/demo.sh   ten times as many people, episodes and charges
#   KEEP=1 bash scripts/demo.sh     leave the cluster running afterwards to explore

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

for report in "$REPO_ROOT"/examples/report/*.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -P pager=off -f "$report"
done

if [ -n "${KEEP:-}" ]; then
	trap - EXIT
	log "cluster left running: psql -h $PGHOST -p $PGPORT -U postgres mobilvard_demo"
	log "stop it with: $0's cluster dir $CLUSTER_DIR (pg_ctl -D $CLUSTER_DIR/data stop)"
fi
