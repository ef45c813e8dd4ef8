#!/usr/bin/env bash
# Benchmark: the loader (scripts/load.sh: COPY of a CSV into a staging table,
# then the registry's load()) against the floor, INSERT ... SELECT of the
# same valid rows already typed into a fresh registry, on the extract of
# test/load/generate.sql (1% bad rows).  Prints each table's times and rows
# per second and the loader's rate as a multiple of the floor's, then a
# second load of the same extract (every row unchanged).  Fails only when
# the two registries disagree; never on a time.
#
#   bash test/bench/load.sh [rows]    episodes, default 1000000 (with rows/4
#                                     patients, 400 + rows/500 units and
#                                     rows/10 charges)

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

rows=${1:-1000000}
targets=(organisation unit patient episode charge)

install_dependencies
build_and_install
start_cluster
export PGDATABASE=mobilvard_bench
createdb mobilvard_bench

sql()
{
	psql -X -q -v ON_ERROR_STOP=1 -At "$@"
}

sql -c 'CREATE EXTENSION mobilvard CASCADE' 2>/dev/null
sql -c 'SELECT mobilvard.create_registry(set_search_path => false)' \
	-c "SELECT mobilvard.create_registry('floor', set_search_path => false)" >/dev/null
work=$(mktemp -d /tmp/mobilvard-bench-load.XXXXXX)
trap 'rm -rf "$work"; stop_cluster' EXIT
mkdir "$work/extract"

log "generating the extract ($rows episodes)"
sql -v dir="$work/extract" -v rows="$rows" -f "$REPO_ROOT/test/load/generate.sql"
sql -c CHECKPOINT

log "loading with scripts/load.sh"
bash "$REPO_ROOT/scripts/load.sh" "$work/extract" --rejects "$work/rejects.csv" | tee "$work/load.out"
sql -c CHECKPOINT
log "loading the same extract again"
bash "$REPO_ROOT/scripts/load.sh" "$work/extract" --rejects "$work/rejects2.csv" | tee "$work/reload.out"

log "INSERT ... SELECT of the loaded rows, typed, into a fresh registry"
for t in "${targets[@]}"; do
	sql -c "CREATE TABLE typed_$t AS SELECT * FROM registry.$t" -c "VACUUM ANALYZE typed_$t"
done
sql -c CHECKPOINT
for t in "${targets[@]}"; do
	sql <<SQL
SELECT clock_timestamp() AS t0 \gset
INSERT INTO floor.$t SELECT * FROM typed_$t;
SELECT '$t', (SELECT count(*) FROM typed_$t),
	   round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 2);
SQL
done | tr '|' ' ' >"$work/floor.out"

# The floor's registry must hold what the loader's does.
for t in "${targets[@]}"; do
	same=$(sql -c "SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM registry.$t t)
						 = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM floor.$t t)")
	[ "$same" = t ] || { log "the registries differ in $t"; exit 1; }
done

echo
echo "== Loader (COPY + load(), rows read incl. 1% bad) against INSERT ... SELECT of the valid rows, typed"
awk '
	FILENAME ~ /floor.out$/ { n[$1] = $2; s[$1] = $3; next }
	$1 == "rejects:" { next }
	FILENAME ~ /reload.out$/ && $2 ~ /^[0-9]+$/ { again[$1] = $8 + $9; next }
	$2 ~ /^[0-9]+$/ { order[++k] = $1; read[$1] = $3; copy[$1] = $8; load[$1] = $9 }
	END {
		printf "%-13s %9s %7s %7s %9s %9s %8s %9s %9s %9s\n", "table", "rows", "copy_s", "load_s",
			"rows/s", "insert", "insert_s", "rows/s", "x_insert", "again_s"
		for (i = 1; i <= k; i++) {
			t = order[i]
			lr = read[t] / (copy[t] + load[t] + 0.005); ir = n[t] / (s[t] + 0.005)
			printf "%-13s %9d %7.2f %7.2f %9d %9d %8.2f %9d %9.2f %9.2f\n", t, read[t], copy[t], load[t],
				lr, n[t], s[t], ir, lr / ir, again[t]
			R += read[t]; C += copy[t]; L += load[t]; N += n[t]; S += s[t]; A += again[t]
		}
		lr = R / (C + L); ir = N / S
		printf "%-13s %9d %7.2f %7.2f %9d %9d %8.2f %9d %9.2f %9.2f\n", "all", R, C, L, lr, N, S, ir, lr / ir, A
	}' "$work/floor.out" "$work/reload.out" "$work/load.out"
echo "x_insert: the loader's rows per second over the floor's (higher is better; the goal is 0.5 or more)"
