#!/usr/bin/env bash
# The Debian package (debian/): builds postgresql-<major>-mobilvard with
# dpkg-buildpackage from a copy of the source tree, checks what it holds and
# depends on, and runs the pg_regress suite against the package's files, not
# the source tree's build:
#
#   - unpacked (dpkg -x) into a scratch directory, in a pg_virtualenv
#     cluster of the system's server that finds the extension there
#     (extension_destdir), as Debian's builds test a package before it is
#     installed; nothing is written outside /tmp;
#   - installed into the system's PostgreSQL with dpkg -i, through the
#     package's own autopkgtest (debian/tests/installcheck).  This writes to
#     /usr, so it runs only as root and when CI=true or
#     MOBILVARD_PACKAGE_TEST=1, and not while the package is installed
#     already; afterwards the package is purged and the files it replaced
#     (a "make install" of the source tree, say) are put back.
#
#   bash test/package/run.sh
#
# The suite runs from a copy of just the files it reads: the Makefile,
# mobilvard.control, sql/, expected/, test/county/parts and debian/.  It uses
# the system's PostgreSQL (/usr/lib/postgresql/<major>), whatever PG_CONFIG
# says, since that is what the package is built for.  Prints a TAP line per
# check and pg_regress's own lines; on a failure the work directory, with the
# packages and the logs, is left in place.

set -uo pipefail
umask 022
# pg_virtualenv makes its own cluster; no other one's connection settings.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_MAJOR=${PG_MAJOR:-15}
package=postgresql-$PG_MAJOR-mobilvard
libdir=/usr/lib/postgresql/$PG_MAJOR/lib
extdir=/usr/share/postgresql/$PG_MAJOR/extension
suite_files=(Makefile mobilvard.control sql expected test/county/parts debian)
plan=7
n=0
failures=0

echo "1..$plan"

pass()
{
	n=$((n + 1))
	echo "ok $n - $1"
}

fail()
{
	n=$((n + 1))
	failures=$((failures + 1))
	echo "not ok $n - $1"
}

# skip REASON: the remaining checks up to the plan, each skipped.
skip_rest()
{
	while [ $n -lt $plan ]; do
		n=$((n + 1))
		echo "ok $n # skip $1"
	done
}

# check DESCRIPTION LOG COMMAND...: one check; on a failure its log, as
# comments, after the line.
check()
{
	local description=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		pass "$description"
	else
		fail "$description"
		tail -n 60 "$log" | sed 's/^/# /'
	fi
}

# regress DESCRIPTION LOG DIR COMMAND...: the pg_regress suite run by
# COMMAND in DIR; prints pg_regress's lines, then the check's, then the
# diffs of a failure as comments.
regress()
{
	local description=$1 log=$2 dir=$3 status=0
	shift 3
	(cd "$dir" && "$@") >"$log" 2>&1 || status=$?
	grep -E '^ *test .* \.\.\. ' "$log"
	if [ $status -eq 0 ] && grep -q 'tests passed' "$log"; then
		pass "$description"
	else
		fail "$description"
		grep -vE '^ *test .* \.\.\. ' "$log" | tail -n 200 | sed 's/^/# /'
	fi
}

# suite_copy DIR: the files the regression suite reads, and nothing else.
suite_copy()
{
	mkdir -p "$1"
	tar -C "$root" -cf - "${suite_files[@]}" | tar -C "$1" -xf -
}

missing=()
for command in dpkg-buildpackage dh pg_buildext pg_virtualenv; do
	command -v "$command" >/dev/null || missing+=("$command")
done
if [ ${#missing[@]} -gt 0 ]; then
	skip_rest "needs ${missing[*]} (apt-get install build-essential dpkg-dev debhelper postgresql-server-dev-all)"
	exit 0
fi

# The server runs as postgres and reads the unpacked package from here.
work=$(mktemp -d /tmp/mobilvard-package.XXXXXX)
chmod 755 "$work"

# 1. The build, from a copy of the tracked and untracked (not ignored) files,
# so that neither the work tree's build nor its outputs take part.
mkdir "$work/source"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$root" ls-files -z --cached --others --exclude-standard |
		tar -C "$root" --null -T - -cf - | tar -C "$work/source" -xf -
else
	tar -C "$root" --exclude=.git -cf - . | tar -C "$work/source" -xf -
fi
version=$(cd "$work/source" && dpkg-parsechangelog -S Version)
deb=$work/${package}_${version}_$(dpkg --print-architecture).deb
start=$SECONDS
check "dpkg-buildpackage builds $package $version" "$work/build.log" \
	sh -c "cd '$work/source' && dpkg-buildpackage -us -uc -b"
if [ ! -f "$deb" ]; then
	skip_rest "no package was built"
	exit 1
fi
echo "# built in $((SECONDS - start)) s: $(basename "$deb")"

# 2. What it holds: the library, the control file, the install script of
# the control file's version and every update script of sql/upgrade.
extversion=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" "$root/mobilvard.control")
expected=("$libdir/mobilvard.so" "$extdir/mobilvard.control" "$extdir/mobilvard--$extversion.sql")
for f in "$root"/sql/upgrade/mobilvard--*--*.sql "$root"/sql/upgrade/mobilvard--*--*.sql.in; do
	[ -e "$f" ] || continue
	f=$(basename "$f")
	expected+=("$extdir/${f%.in}")
done
dpkg-deb -c "$deb" | awk '$1 ~ /^-/ { sub(/^\./, "", $6); print $6 }' | sort >"$work/files"
absent=()
for f in "${expected[@]}"; do
	grep -qxF "$f" "$work/files" || absent+=("$f")
done
if [ ${#absent[@]} -eq 0 ]; then
	pass "the package holds mobilvard.so, the control file, the $extversion install script and $((${#expected[@]} - 3)) update scripts"
else
	fail "the package holds the extension's files"
	printf '# missing: %s\n' "${absent[@]}"
fi

# 3. Its dependencies: the server of its major version and PostGIS, the
# extensions mobilvard.control requires besides btree_gist, which is the
# server's own.
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
if [[ ",$depends" =~ ,\ ?postgresql-$PG_MAJOR\  ]] &&
	[[ ",$depends" =~ ,\ ?postgresql-$PG_MAJOR-postgis-3[\ ,] ]]; then
	pass "the package depends on postgresql-$PG_MAJOR and postgresql-$PG_MAJOR-postgis-3"
else
	fail "the package depends on postgresql-$PG_MAJOR and postgresql-$PG_MAJOR-postgis-3"
fi

# 4-5. The suite against the unpacked package: pg_virtualenv's cluster reads
# extensions from debian/<package> first (extension_destdir) and the
# library from there (dynamic_library_path).
unpacked=$work/unpacked
suite_copy "$unpacked"
dpkg -x "$deb" "$unpacked/debian/$package"
chmod -R a+rX "$work"
start=$SECONDS
regress "pg_regress passes against the unpacked package" "$work/unpacked.log" "$unpacked" \
	pg_buildext -m TAP_TESTS= installcheck . . "postgresql-%v-mobilvard"
echo "# in $((SECONDS - start)) s"
so=$unpacked/debian/$package$libdir/mobilvard.so
(cd "$unpacked" && pg_buildext psql . . "postgresql-%v-mobilvard") >"$work/loaded.log" 2>&1 <<'EOF'
CREATE EXTENSION mobilvard CASCADE;
SELECT DISTINCT regexp_replace(l, '^.* ', '') AS loaded
FROM regexp_split_to_table(pg_read_file('/proc/self/maps'), E'\n') l
WHERE l LIKE '%/mobilvard.so';
EOF
if grep -qxF " $so" "$work/loaded.log"; then
	pass "the server loads the unpacked package's mobilvard.so"
else
	fail "the server loads the unpacked package's mobilvard.so ($so)"
	sed 's/^/# /' "$work/loaded.log"
fi

# 6-7. Installed with dpkg -i, where allowed.

# keep_replaced: copies of the files the package will replace, to be put
# back; files only, so that no directory outside the package's changes.
keep_replaced()
{
	local f
	while read -r f; do
		[ ! -e "$f" ] || { mkdir -p "$work/replaced${f%/*}" && cp -a "$f" "$work/replaced$f"; } || return 1
	done <"$work/files"
}

# purge_and_restore: removes the package and puts the kept files back.
purge_and_restore()
{
	local f left=() replaced=0
	dpkg --purge "$package" >"$work/dpkg-purge.log" 2>&1
	while read -r f; do
		if [ -e "$work/replaced$f" ]; then
			replaced=$((replaced + 1))
			mkdir -p "${f%/*}" && cp -a "$work/replaced$f" "$f" &&
				cmp -s "$work/replaced$f" "$f" || left+=("$f")
		elif [ -e "$f" ]; then
			left+=("$f")
		fi
	done <"$work/files"
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' &&
		[ ${#left[@]} -eq 0 ]; then
		pass "dpkg --purge removes it; the $replaced files it replaced are back"
	else
		fail "dpkg --purge removes it and the files it replaced are back"
		printf '# not as before: %s\n' "${left[@]}"
		sed 's/^/# /' "$work/dpkg-purge.log"
	fi
}

if [ "$(id -u)" -ne 0 ] || { [ "${CI:-}" != true ] && [ "${MOBILVARD_PACKAGE_TEST:-}" != 1 ]; }; then
	skip_rest "dpkg -i into the system's PostgreSQL: only as root with CI=true or MOBILVARD_PACKAGE_TEST=1, as it writes to /usr"
elif dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
	skip_rest "$package is installed on this machine already; the test would replace it"
elif ! keep_replaced; then
	fail "the files that the package replaces are kept before dpkg -i"
	skip_rest "nothing was installed"
else
	installed=$work/installed
	suite_copy "$installed"
	if dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 &&
		[ "$(dpkg-query -S "$libdir/mobilvard.so" 2>/dev/null)" = "$package: $libdir/mobilvard.so" ]; then
		start=$SECONDS
		regress "dpkg -i installs it; its autopkgtest passes (pg_buildext installcheck)" "$work/installed.log" \
			"$installed" debian/tests/installcheck
		echo "# in $((SECONDS - start)) s"
	else
		fail "dpkg -i installs $package and owns $libdir/mobilvard.so"
		sed 's/^/# /' "$work/dpkg-i.log"
	fi
	purge_and_restore
fi

if [ $failures -eq 0 ]; then
	rm -rf "$work"
else
	echo "# the packages and logs: $work"
fi
[ $failures -eq 0 ]
