#!/usr/bin/env bash
# Fuzz the text parsing of src/ with libFuzzer under AddressSanitizer and
# UndefinedBehaviorSanitizer: builds every target with clang against the
# project's own src/*.c and PostgreSQL's libpgcommon, runs them (as many at
# once as there are CPUs), and prints one TAP line per target.
#
#   bash test/fuzz/run.sh [SECONDS]   seconds per target (default 30)
#
# PG_CONFIG names the PostgreSQL whose headers and libpgcommon to use;
# CC_FUZZ another clang than "clang".
#
# A target fails on a crash, a sanitizer report, a leak, a timeout or a
# failed check of the harness; the input that failed is printed and kept
# under the work directory, which is then left in place.

set -uo pipefail

seconds=${1:-30}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fuzz_dir=$root/test/fuzz
PG_CONFIG=${PG_CONFIG:-pg_config}
CC=${CC_FUZZ:-clang}
targets=(care_level_in care_setting_in care_form_in care_form_of)

echo "1..${#targets[@]}"
if ! command -v "$CC" >/dev/null; then
	echo "Bail out! $CC not found (Debian: apt-get install clang libclang-rt-dev)"
	exit 1
fi

work=$(mktemp -d /tmp/mobilvard-fuzz.XXXXXX)
build=$work/build
mkdir -p "$build" "$work/artifacts"

# PostgreSQL's headers are system headers here as in the Makefile; those
# built by gcc name gcc's printf format, which clang ignores.
cflags=(-g -O1 -fno-omit-frame-pointer
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
	-Wall -Wextra -Wno-unused-parameter -Wno-ignored-attributes
	-isystem "$("$PG_CONFIG" --includedir-server)" -I "$root/src")
libdir=$("$PG_CONFIG" --pkglibdir)
ldflags=(-fsanitize=fuzzer,address,undefined -Wl,--wrap=unicode_normalize
	"$libdir/libpgcommon.a" "$libdir/libpgport.a")

# The names mobilvard ships, one C initialiser a line, from the lines of
# src/terminology.sql's shipped-team-names region.
sed -n '/^-- @shipped-team-names {$/,/^-- @shipped-team-names }$/p' "$root/src/terminology.sql" |
	sed -n "s/^[[:space:]]*(\(.*\)),\{0,1\}[[:space:]]*$/{\1},/p" | tr "'" '"' >"$build/shipped_team_names.h"
if [ ! -s "$build/shipped_team_names.h" ]; then
	echo "Bail out! no shipped team names in src/terminology.sql"
	rm -rf "$work"
	exit 1
fi
cflags+=(-I "$build")

for src in "$root"/src/{types,labels,terminology}.c "$fuzz_dir"/*.c; do
	if ! "$CC" "${cflags[@]}" -c "$src" -o "$build/$(basename "$src" .c).o" 2>"$work/build.log"; then
		sed 's/^/# /' "$work/build.log"
		echo "Bail out! could not compile $src"
		rm -rf "$work"
		exit 1
	fi
	sed 's/^/# /' "$work/build.log"
done
harness=("$build"/fuzz.o "$build"/backend.o "$build"/labels.o)
for target in "${targets[@]}"; do
	case $target in
		care_form_of) objects=("$build/terminology.o" "$build/types.o") ;;
		*) objects=("$build/type_input.o" "$build/types.o") ;;
	esac
	if ! "$CC" "$build/$target.o" "${objects[@]}" "${harness[@]}" "${ldflags[@]}" \
		-o "$build/$target" 2>"$work/build.log"; then
		sed 's/^/# /' "$work/build.log"
		echo "Bail out! could not link $target"
		rm -rf "$work"
		exit 1
	fi
done

# New inputs go to a scratch corpus; the seeds in test/fuzz/corpus stay as
# they are.  Labels and team names are short, and nothing in the code under
# test depends on length below 64 kB, so inputs stop at 256 bytes, which
# keeps the runs fast.
run_target()
{
	local target=$1
	mkdir -p "$work/corpus/$target"
	ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 \
		"$build/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=256 -dict="$fuzz_dir/unicode.dict" -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/$target-" \
		"$work/corpus/$target" "$fuzz_dir/corpus/$target" >"$work/$target.log" 2>&1
	echo $? >"$work/$target.status"
}

jobs=$(nproc 2>/dev/null || echo 1)
for target in "${targets[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	run_target "$target" &
done
wait

n=0
failed=0
for target in "${targets[@]}"; do
	n=$((n + 1))
	log=$work/$target.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, ft \2, corpus \3/')
	if [ "$(cat "$work/$target.status")" -eq 0 ]; then
		echo "ok $n - fuzz $target: ${runs:-0} runs, ${cov:-no coverage}"
		continue
	fi
	failed=$((failed + 1))
	echo "not ok $n - fuzz $target: ${runs:-0} runs, ${cov:-no coverage}"
	# the harness's or the sanitizer's report, and the frames in our code
	grep -E '^(fuzz check failed|==[0-9]+== ?ERROR|SUMMARY|.*runtime error:)' "$log" |
		head -n 5 | sed 's/^/# /'
	grep -E "^ +#[0-9]+ .* in [^ ]+ $root/(src|test/fuzz)/" "$log" | head -n 10 | sed 's/^/# /'
	for artifact in "$work/artifacts/$target"-*; do
		[ -f "$artifact" ] || continue
		echo "# input, kept in $artifact:"
		if [ -s "$artifact" ]; then
			od -A d -c "$artifact" | head -n 20 | sed 's/^/#   /'
		else
			echo "#   (empty)"
		fi
	done
	echo "# log: $log"
done

if [ $failed -eq 0 ]; then
	rm -rf "$work"
	exit 0
fi
exit 1
