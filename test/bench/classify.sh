#!/usr/bin/env bash
# Benchmark: classify_episode, care_period_start and care_form_of against
# PL/pgSQL and plain-SQL implementations of the same rules and a built-in
# floor, on the synthetic county.  Prints the times and their ratios from
# one run; never fails on a time (it does fail when a peer disagrees with
# the extension).
#
#   bash test/bench/classify.sh [scale]    county scale, default 10 (100: 10x more)
#   RUNS=5 bash test/bench/classify.sh     timed runs per query, the best counts (default 3)

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scale=${1:-10}

install_dependencies
build_and_install
start_cluster

export PGDATABASE=mobilvard_bench
createdb mobilvard_bench
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION mobilvard CASCADE'

log "generating the synthetic county (scale $scale)"
psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -v seed=42 -f "$REPO_ROOT/test/county/generate.sql"

log "benchmarking"
psql -X -q -v ON_ERROR_STOP=1 -v runs="${RUNS:-3}" -P pager=off -f "$REPO_ROOT/test/bench/classify.sql"
