#!/usr/bin/env bash
# Exports a registry as HL7 FHIR R4 bulk data: one NDJSON file per resource
# type (Encounter.ndjson, Patient.ndjson, Organization.ndjson,
# Location.ndjson), one resource a line, from the registry's
# fhir_resources(), all four from one snapshot of the registry
# (doc/standards.md).  Prints each file's count of resources.
#
#   bash scripts/fhir_export.sh DIR [--registry NAME] [--database DB]
#
# DIR is made if missing; files of those names in it are replaced.  The
# connection is psql's (PGHOST, PGPORT, PGUSER, PGDATABASE, or --database);
# the registry defaults to "registry".  Exits 0 when every file is written,
# 1 on an error (no such registry, a lost connection), 2 on bad arguments.

set -euo pipefail

log()
{
	printf '==> %s\n' "$*" >&2
}

usage()
{
	sed -n 's/^#   //p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

dir=
registry=registry
database=
while [ $# -gt 0 ]; do
	case "$1" in
		--registry) [ $# -ge 2 ] || usage; registry=$2; shift 2 ;;
		--database) [ $# -ge 2 ] || usage; database=$2; shift 2 ;;
		-h | --help) usage ;;
		-*) log "fhir_export.sh: unknown option $1"; usage ;;
		*) [ -z "$dir" ] || usage; dir=$1; shift ;;
	esac
done
[ -n "$dir" ] || usage
mkdir -p "$dir"

psql_args=(-X -q -v ON_ERROR_STOP=1 -v registry="$registry")
[ -z "$database" ] || psql_args+=(-d "$database")

# COPY in CSV with a quote and a delimiter that JSON text never holds
# (control characters are escaped in it) writes each resource as it is:
# COPY's text format would double every backslash.
types=(Encounter Patient Organization Location)
{
	echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'
	for type in "${types[@]}"; do
		echo "\\o $type.ndjson"
		echo "COPY (SELECT r FROM :\"registry\".fhir_resources('$type') r) TO STDOUT"
		echo "	WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02');"
	done
	echo '\o'
	echo 'COMMIT;'
} | (cd "$dir" && psql "${psql_args[@]}") || { log "fhir_export.sh: the export of registry $registry failed"; exit 1; }

for type in "${types[@]}"; do
	printf '%-14s %10d\n' "$type" "$(wc -l <"$dir/$type.ndjson")"
done
