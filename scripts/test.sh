#!/usr/bin/env bash
# Every test suite, on a fresh machine too: installs what is missing, builds,
# installs, starts a throwaway cluster, runs pg_regress (sql/, expected/),
# the TAP tests (test/t), the fuzz targets (test/fuzz) and the Debian
# package's test (test/package), and ends with the line "N passed, N failed,
# N skipped".
#
#   bash scripts/test.sh              all suites
#   bash scripts/test.sh regress      pg_regress only
#   bash scripts/test.sh tap [FILES]  TAP tests only
#   bash scripts/test.sh fuzz [SECS]  fuzz targets only, SECS seconds each (30)
#   bash scripts/test.sh package      the Debian package only (installs it into
#                                     the system with CI=true or
#                                     MOBILVARD_PACKAGE_TEST=1, as root)

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e

suite=${1:-all}
[ $# -eq 0 ] || shift
passed=0
failed=0
skipped=0

count()
{
	local output=$1 status=$2 ok not_ok skip
	skip=$(grep -cE '^[[:space:]]*ok [0-9]+ # skip' "$output")
	ok=$(($(grep -cE '(\.\.\. ok|^[[:space:]]*ok [0-9]+)' "$output") - skip))
	not_ok=$(grep -cE '(\.\.\. FAILED|^[[:space:]]*not ok [0-9]+)' "$output")
	# A suite that failed without reporting a failed test (a crash, a bad
	# plan) still counts as one failure.
	if [ "$status" -ne 0 ] && [ "$not_ok" -eq 0 ]; then
		not_ok=1
	fi
	passed=$((passed + ok))
	failed=$((failed + not_ok))
	skipped=$((skipped + skip))
}

case $suite in
	all) install_dependencies "${FUZZ_PACKAGES[@]}" "${PACKAGE_BUILD_PACKAGES[@]}" "${REPORT_TEST_PACKAGES[@]}" || exit 1 ;;
	tap) install_dependencies "${REPORT_TEST_PACKAGES[@]}" || exit 1 ;;
	fuzz) install_dependencies "${FUZZ_PACKAGES[@]}" || exit 1 ;;
	package) install_dependencies "${PACKAGE_BUILD_PACKAGES[@]}" || exit 1 ;;
	*) install_dependencies || exit 1 ;;
esac
# The fuzz targets and the package build from the sources themselves.
case $suite in
	fuzz | package) ;;
	*)
		build_and_install || exit 1
		start_cluster || exit 1
		;;
esac

work=$(mktemp -d /tmp/mobilvard-test.XXXXXX)

if [ "$suite" = all ] || [ "$suite" = regress ]; then
	log "pg_regress"
	make -C "$REPO_ROOT" -s installcheck TAP_TESTS= PG_CONFIG="$PG_CONFIG" >"$work/regress.out" 2>&1
	status=$?
	cat "$work/regress.out"
	if [ $status -ne 0 ] && [ -f "$REPO_ROOT/regression.diffs" ]; then
		head -n 200 "$REPO_ROOT/regression.diffs"
	fi
	count "$work/regress.out" $status
fi

if [ "$suite" = all ] || [ "$suite" = tap ]; then
	log "TAP tests"
	if [ $# -gt 0 ]; then
		tap_files=()
		for f in "$@"; do
			tap_files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
		done
	else
		tap_files=("$REPO_ROOT"/test/t/*.pl)
	fi
	if ! install_fhir_schema; then
		log "could not install the FHIR R4 schema"
		failed=$((failed + 1))
	fi
	if ! install_release_scripts; then
		log "could not build the install scripts of the earlier releases"
		failed=$((failed + 1))
	fi
	if [ -e "${tap_files[0]}" ]; then
		run_tap_tests "${tap_files[@]}" >"$work/tap.out" 2>&1
		status=$?
		cat "$work/tap.out"
		count "$work/tap.out" $status
	fi
	remove_release_scripts
fi

if [ "$suite" = all ] || [ "$suite" = fuzz ]; then
	log "fuzz targets"
	bash "$REPO_ROOT/test/fuzz/run.sh" "$@" >"$work/fuzz.out" 2>&1
	status=$?
	cat "$work/fuzz.out"
	count "$work/fuzz.out" $status
fi

if [ "$suite" = all ] || [ "$suite" = package ]; then
	log "Debian package"
	bash "$REPO_ROOT/test/package/run.sh" >"$work/package.out" 2>&1
	status=$?
	cat "$work/package.out"
	count "$work/package.out" $status
fi

rm -rf "$work"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
