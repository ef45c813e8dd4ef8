#!/usr/bin/env bash
# Loads a directory of CSV extracts into a registry: each file streams with
# COPY into a staging table and the registry's load() checks and writes its
# rows (doc/loading.md).  Prints progress on stderr, a summary line per file
# on stdout, and ends with the path of a CSV of the rows this run rejected.
#
#   bash scripts/load.sh DIR [--registry NAME] [--database DB] [--rejects FILE]
#
# DIR holds files named <table>.csv, one per table that load() fills
# (organisation.csv, unit.csv, patient.csv, episode.csv, ...), each with a
# header line naming its columns; they load in dependency order.  Other
# files are ignored; a CSV of another name is refused before anything loads.
# The connection is psql's: libpq's PGHOST, PGPORT, PGUSER, PGDATABASE (or
# --database, a name or a connection string).  The registry defaults to
# "registry"; the rejects to ./load_reject-<registry>-<first load_id>.csv.
# LOAD_PROGRESS_ROWS (default 100000): rows between progress lines.
#
# Exits 0 when every file loaded, rejected rows or not; 1 on an error (no
# such registry, a malformed CSV, a lost connection); 2 on bad arguments.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage()
{
	sed -n 's/^#   //p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

fail()
{
	log "load.sh: $*"
	exit 1
}

dir=
registry=registry
database=
rejects=
while [ $# -gt 0 ]; do
	case "$1" in
		--registry) [ $# -ge 2 ] || usage; registry=$2; shift 2 ;;
		--database) [ $# -ge 2 ] || usage; database=$2; shift 2 ;;
		--rejects) [ $# -ge 2 ] || usage; rejects=$2; shift 2 ;;
		-h | --help) usage ;;
		-*) log "load.sh: unknown option $1"; usage ;;
		*) [ -z "$dir" ] || usage; dir=$1; shift ;;
	esac
done
[ -n "$dir" ] || usage
[ -d "$dir" ] || fail "$dir is not a directory"
progress_rows=${LOAD_PROGRESS_ROWS:-100000}
[[ "$progress_rows" =~ ^[1-9][0-9]*$ ]] || fail "LOAD_PROGRESS_ROWS must be a positive integer, not $progress_rows"

psql_args=(-X -q -At -v ON_ERROR_STOP=1 -v registry="$registry")
[ -z "$database" ] || psql_args+=(-d "$database")

work=$(mktemp -d "${TMPDIR:-/tmp}/mobilvard-load.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The registry must exist; load() fills the tables _loadable_tables names, in
# that order (each after the tables it refers to).
tables=$(psql "${psql_args[@]}" <<'SQL'
SELECT to_regclass('mobilvard.registries') IS NOT NULL AS installed \gset
\if :installed
\else
\warn 'mobilvard is not installed in this database (CREATE EXTENSION mobilvard CASCADE)'
\quit
\endif
SELECT EXISTS (SELECT FROM mobilvard.registries WHERE name = :'registry') AS known \gset
\if :known
SELECT unnest(mobilvard._loadable_tables());
\else
SELECT format('no registry %s in this database (registries: %s); make it with mobilvard.create_registry()',
			  :'registry', coalesce((SELECT string_agg(name, ', ' ORDER BY name) FROM mobilvard.registries), 'none'))
	   AS message \gset
\warn :message
\endif
SQL
) || fail "cannot reach the database"
[ -n "$tables" ] || exit 1

# Every CSV in DIR must be for one of those tables.
shopt -s nullglob
files=("$dir"/*.csv)
[ ${#files[@]} -gt 0 ] || fail "no .csv files in $dir"
for f in "${files[@]}"; do
	name=$(basename "$f" .csv)
	grep -qxF -- "$name" <<<"$tables" ||
		fail "$f: no table \"$name\" to load; the files are named after the tables: $(echo $tables | sed 's/ /.csv, /g').csv"
done

# The column names of a CSV's header line, one a line, lower case, without
# quotes, surrounding blanks, a byte-order mark or a carriage return.
header_columns()
{
	awk 'NR == 1 {
		if (substr($0, 1, 3) == "\357\273\277")
			$0 = substr($0, 4)
		sub(/\r$/, "")
		field = ""; quoted = 0; n = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (quoted && c == "\"" && substr($0, i + 1, 1) == "\"") { field = field c; i++ }
			else if (c == "\"") quoted = !quoted
			else if (c == "," && !quoted) { names[++n] = field; field = "" }
			else field = field c
		}
		names[++n] = field
		if (quoted) exit 1
		for (i = 1; i <= n; i++) {
			gsub(/^[ \t]+|[ \t]+$/, "", names[i])
			print tolower(names[i])
		}
		exit 0
	}' "$1"
}

# Passes a CSV through unchanged, printing on stderr every $progress_rows
# records how many have gone and at what rate.  A record ends at a line end
# outside quotes, so quoted line breaks do not count.
stream_with_progress()
{
	awk -v every="$progress_rows" -v label="$2" '
	function now(    t) { "date +%s.%N" | getline t; close("date +%s.%N"); return t }
	function thousands(n,    s) {
		s = sprintf("%d", n)
		while (s ~ /[0-9][0-9][0-9][0-9]/)
			sub(/[0-9][0-9][0-9]([^0-9]|$)/, ",&", s)
		return s
	}
	BEGIN { start = now(); records = -1 }
	END {
		if (records >= every)
			printf "==> %s: %s rows copied, %s rows/s; loading\n", label, thousands(records),
				thousands(records / (now() - start + 1e-9)) > "/dev/stderr"
		else
			printf "==> %s: %s rows; loading\n", label, thousands(records) > "/dev/stderr"
	}
	{
		print
		if (index($0, "\"") > 0)
			quotes += gsub(/"/, "\"")
		if (quotes % 2 == 0 && ++records > 0 && records % every == 0)
			printf "==> %s: %s rows, %s rows/s\n", label, thousands(records),
				thousands(records / (now() - start + 1e-9)) > "/dev/stderr"
	}' "$1"
}

# Every file's header, checked before anything loads: the staging table's
# columns, quoted as identifiers.
declare -A column_list column_defs
while read -r target; do
	file=$dir/$target.csv
	[ -f "$file" ] || continue
	header=$(header_columns "$file") || fail "$file: the header line has an unclosed quote"
	[ -n "$header" ] || fail "$file: no header line"
	quoted=()
	while IFS= read -r c; do
		[ -n "$c" ] || fail "$file: the header names an empty column"
		[ "$c" != source_row ] ||
			fail "$file: source_row is load.sh's own column (the row's number in the file); rename that column"
		quoted+=("\"${c//\"/\"\"}\"")
	done <<<"$header"
	column_list[$target]=$(IFS=,; echo "${quoted[*]}")
	column_defs[$target]=$(printf '%s text, ' "${quoted[@]}")
done <<<"$tables"

load_ids=()
failed=
printf '%-16s %8s %10s %10s %10s %10s %10s %8s %8s %10s\n' target load_id rows_read inserted \
	updated unchanged rejected copy_s load_s rows/s
while read -r target; do
	[ -n "${column_list[$target]:-}" ] || continue
	file=$dir/$target.csv
	# One session per file: the staging table is temporary, numbered in file
	# order; COPY reads the file from psql's standard input.
	cat >"$work/load.sql" <<SQL
SET client_min_messages = warning;
CREATE TEMP TABLE load_staging (${column_defs[$target]}source_row bigint GENERATED ALWAYS AS IDENTITY);
SELECT clock_timestamp() AS copy_started \gset
\copy pg_temp.load_staging (${column_list[$target]}) FROM pstdin WITH (FORMAT csv, HEADER true)
SELECT clock_timestamp() AS load_started,
	   round(extract(epoch FROM clock_timestamp() - :'copy_started'::timestamptz)::numeric, 2) AS copy_s \gset
SELECT * FROM :"registry".load(:'target', 'pg_temp.load_staging') \gset
SELECT round(extract(epoch FROM clock_timestamp() - :'load_started'::timestamptz)::numeric, 2) AS load_s \gset
\echo :load_id :rows_read :inserted :updated :unchanged :rejected :copy_s :load_s
SQL
	if ! summary=$(stream_with_progress "$file" "$target.csv" |
		psql "${psql_args[@]}" -v target="$target" -f "$work/load.sql"); then
		failed=$file
		break
	fi
	read -r load_id rows_read inserted updated unchanged rejected copy_s load_s <<<"$summary"
	printf '%-16s %8s %10s %10s %10s %10s %10s %8s %8s %10s\n' "$target" "$load_id" "$rows_read" \
		"$inserted" "$updated" "$unchanged" "$rejected" "$copy_s" "$load_s" \
		"$(awk -v n="$rows_read" -v s="$copy_s" -v l="$load_s" 'BEGIN { printf "%d", n / (s + l + 0.005) }')"
	load_ids+=("$load_id")
done <<<"$tables"
[ ${#load_ids[@]} -gt 0 ] || fail "$failed: not loaded (see the error above)"

# The rows this run rejected, with their reasons and their source fields.
ids=$(IFS=,; echo "{${load_ids[*]}}")
rejects=${rejects:-$PWD/load_reject-$registry-${load_ids[0]}.csv}
psql "${psql_args[@]}" -v ids="$ids" >"$rejects" <<'SQL' || fail "could not write the rejects to $rejects"
COPY (SELECT load_id, target, source_row, sqlstate, at_fault, message, source
	  FROM :"registry".load_reject
	  WHERE load_id = ANY (:'ids'::bigint[])
	  ORDER BY load_id, source_row) TO STDOUT (FORMAT csv, HEADER);
SQL
echo "rejects: $(($(wc -l <"$rejects") - 1)) rows in $rejects"
[ -z "$failed" ] || fail "$failed: not loaded (see the error above), nor the files after it"
