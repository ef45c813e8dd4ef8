#!/usr/bin/env bash
# Benchmark: the registry's views as analysts query them, against the best
# plain SQL an analyst would write over the same tables and a built-in
# floor, on the synthetic county.  Prints the times and their ratios from one
# run; never fails on a time (it does fail when a peer disagrees).
#
#   bash test/bench/views.sh [scale]    county scale, default 10
#   RUNS=5 bash test/bench/views.sh     timed runs per query, the best counts (default 3)
#   DATABASE=name bash test/bench/views.sh
#                                       an existing database with the county in
#                                       registry "registry" (no cluster, no load)

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scale=${1:-10}

if [ -n "${DATABASE:-}" ]; then
	export PGDATABASE=$DATABASE
else
	install_dependencies
	build_and_install
	start_cluster
	export PGDATABASE=mobilvard_bench
	createdb mobilvard_bench
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION mobilvard CASCADE' \
		-c 'SELECT mobilvard.create_registry(set_search_path => false)'
	log "generating the synthetic county (scale $scale)"
	psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -v seed=42 -f "$REPO_ROOT/test/county/generate.sql"
fi

log "benchmarking"
psql -X -q -v ON_ERROR_STOP=1 -v runs="${RUNS:-3}" -P pager=off -f "$REPO_ROOT/test/bench/views.sql"
