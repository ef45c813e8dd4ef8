#!/usr/bin/env bash
# The report of a registry as one self-contained HTML file (inline SVG and
# CSS, nothing fetched from the network), and a short summary on stdout.
#
#   scripts/report.sh [-d database] [-r registry] [-o file.html] [--from date] [--to date]
#
# It connects as psql does (PGHOST, PGPORT, PGUSER, PGDATABASE, or -d with a
# name or a connection string) and only reads: every statement runs in a
# read-only transaction, so any role that may read the registry's views can
# run it, and row-level security gives it that role's rows. The period is
# whole months: the 12 months that end with the month of the latest episode
# start unless --from or --to say otherwise. Each section is one SQL file of
# examples/report/html, run by psql, that prints one HTML fragment and a
# line of the summary; doc/report.md describes them.
#
# Exit status: 0 when the file is written, 1 on an error (no such registry,
# a bad date, a lost connection), 2 for bad arguments.

set -euo pipefail

usage()
{
	echo "usage: $0 [-d database] [-r registry] [-o file.html] [--from date] [--to date]" >&2
	exit 2
}

html_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../examples/report/html" && pwd)
database=
registry=registry
output=
from=
to=
while [ $# -gt 0 ]; do
	case $1 in
		-d | --database | -r | --registry | -o | --output | --from | --to)
			[ $# -ge 2 ] || usage
			case $1 in
				-d | --database) database=$2 ;;
				-r | --registry) registry=$2 ;;
				-o | --output) output=$2 ;;
				--from) from=$2 ;;
				--to) to=$2 ;;
			esac
			shift 2
			;;
		-h | --help)
			echo "usage: $0 [-d database] [-r registry] [-o file.html] [--from date] [--to date]"
			exit 0
			;;
		*) usage ;;
	esac
done
output=${output:-$registry-report.html}

# Read-only, and quiet: a NOTICE is not part of the summary.
export PGOPTIONS="${PGOPTIONS:-} -c default_transaction_read_only=on -c client_min_messages=warning"
psql_cmd=(psql -X -q -A -t -v ON_ERROR_STOP=1 -v registry="$registry")
[ -z "$database" ] || psql_cmd+=(-d "$database")

start=$(date +%s%N)
period=$("${psql_cmd[@]}" -v from="$from" -v to="$to" -f "$html_dir/lib/period.sql") || exit 1
case $period in
	error:*)
		echo "report.sh: ${period#error: }" >&2
		exit 1
		;;
esac
read -r from to postgis_schema <<<"$period"

work=$(mktemp -d "${TMPDIR:-/tmp}/mobilvard-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
sections=0
for section in "$html_dir"/[0-9]*.sql; do
	name=$(basename "$section" .sql)
	"${psql_cmd[@]}" -v from="$from" -v to="$to" -v postgis_schema="$postgis_schema" \
		-o "$work/$name.html" -f "$section" || {
		echo "report.sh: section $name failed" >&2
		exit 1
	}
	sections=$((sections + 1))
done

{
	printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
	printf '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
	printf '<title>Mobile care report: registry %s, %s to %s</title>\n' "$registry" "$from" "$to"
	printf '<style>\n'
	cat "$html_dir/report.css"
	printf '</style>\n</head>\n<body>\n<main>\n'
	cat "$work"/*.html
	printf '</main>\n</body>\n</html>\n'
} >"$output"

elapsed=$((($(date +%s%N) - start) / 1000000))
printf 'wrote %s (%d kB, %d sections) in %d.%01d s\n' "$(realpath "$output")" \
	$(($(stat -c %s "$output") / 1024)) "$sections" $((elapsed / 1000)) $((elapsed % 1000 / 100))
