#!/usr/bin/env bash
# Load test: pgbench clients against the synthetic county, mixing the
# registry's report queries, one patient's and one family's fees, and
# inserts of charges and episodes (the scripts in test/bench/pgbench/).
# Prints pgbench's throughput and latency, per script and in all, and the
# failed transactions; then checks that every row the clients inserted is
# there and that charge_split prices the new charges.  Fails on a failed
# transaction or a missing row, never on a time.
#
#   bash test/bench/pgbench.sh [seconds] [scale]   default 60 s on the county at scale 1
#   CLIENTS=8 JOBS=2 bash test/bench/pgbench.sh    pgbench's -c and -j (these are the defaults)
#   DATABASE=name bash test/bench/pgbench.sh 10    an existing database with the county in
#                                                  registry "registry" (no cluster, no load)

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

seconds=${1:-60}
scale=${2:-1}
clients=${CLIENTS:-8}
jobs=${JOBS:-2}
scripts=$REPO_ROOT/test/bench/pgbench

if [ -n "${DATABASE:-}" ]; then
	export PGDATABASE=$DATABASE
	[ ! -x "$PG_CONFIG" ] || PATH="$("$PG_CONFIG" --bindir):$PATH"
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

sql()
{
	psql -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# The rows of the scripts' id range, and what charge_split makes of them.
new_rows()
{
	sql -F ' ' -c "
		SELECT (SELECT count(*) FROM registry.charge WHERE charge_id >= 9000000000000000000),
			   (SELECT count(*) FROM registry.episode WHERE episode_id >= 9000000000000000000)"
}

read -r -a defines <<<"$(sql -f "$scripts/setup.sql")"
read -r charges_before episodes_before <<<"$(new_rows)"

log "pgbench: $clients clients, $jobs threads, $seconds s"
out=$(mktemp /tmp/mobilvard-pgbench.XXXXXX)
pgbench -n -c "$clients" -j "$jobs" -T "$seconds" --failures-detailed "${defines[@]}" \
	-f "$scripts/report_month.sql@1" -f "$scripts/report_classified.sql@1" \
	-f "$scripts/patient_fees.sql@4" \
	-f "$scripts/insert_charges.sql@3" -f "$scripts/insert_episode.sql@3" >"$out" 2>&1 ||
	{ cat "$out"; rm -f "$out"; exit 1; }
cat "$out"

# pgbench's figures: in all, then per script.
tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
latency=$(sed -n 's/^latency average = \(.*\)$/\1/p' "$out")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
transactions_of()
{
	awk -v script="$1" '
		/^SQL script/ { current = ($NF ~ script) }
		current && / transactions \(/ { print $2; exit }' "$out"
}
charge_transactions=$(transactions_of insert_charges.sql)
episode_transactions=$(transactions_of insert_episode.sql)
echo
echo "pgbench, $clients clients, $jobs threads, $seconds s: $tps tps, latency average $latency, $failed failed transactions"
awk '
	/^SQL script/ { name = $NF; sub(".*/", "", name) }
	/ - [0-9]+ transactions/ { tps = $0; sub(".*tps = ", "", tps); sub("\\)", "", tps) }
	/ - latency average/ { printf "  %-22s %10.1f tps   latency average %s %s\n", name, tps, $5, $6 }' "$out"
rm -f "$out"

# Every row inserted is there: two charges per insert_charges transaction,
# one episode per insert_episode transaction; charge_split prices them all.
read -r charges_after episodes_after <<<"$(new_rows)"
charges=$((charges_after - charges_before))
episodes=$((episodes_after - episodes_before))
split=$(sql -F ' ' -c "
	SELECT count(*), coalesce(sum(paid), 0), coalesce(sum(waived), 0),
		   count(*) FILTER (WHERE paid + waived <> list_fee)
	FROM registry.charge_split WHERE charge_id >= 9000000000000000000")
read -r split_rows paid waived disagree <<<"$split"
echo "rows: $charges charges ($charge_transactions transactions) and $episodes episodes ($episode_transactions transactions) inserted"
echo "charge_split of all $split_rows charges of the scripts' ids: paid $paid, waived $waived, $disagree where paid + waived is not the list fee"

status=0
if [ "$failed" != 0 ]; then
	echo "FAILED: $failed failed transactions"
	status=1
fi
# A transaction that commits after the duration has run out is not in
# pgbench's counts, so each client may have added the rows of one more.
if [ "$charges" -lt $((2 * charge_transactions)) ] || [ "$charges" -gt $((2 * (charge_transactions + clients))) ] ||
	[ "$episodes" -lt "$episode_transactions" ] || [ "$episodes" -gt $((episode_transactions + clients)) ]; then
	echo "FAILED: the inserted rows do not match the transactions"
	status=1
fi
if [ "$split_rows" -ne "$charges_after" ] || [ "$disagree" -ne 0 ]; then
	echo "FAILED: charge_split does not price every new charge"
	status=1
fi
exit $status
