#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cpp) with clang in build-fuzz and runs each for SECONDS.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default 60 s, every target; FUZZ_PARALLEL=2 runs two at once
# Each target starts from its seed corpus fuzz/corpus/<target>/ (read-only: new inputs go to
# build-fuzz/corpus/<target>/). A crash, leak, timeout or out-of-memory input is written to
# build-fuzz/artifacts/<target>/ and makes the script exit non-zero. Per target it prints the final
# exec/s and coverage (cov: edges, ft: features) from libFuzzer's log (build-fuzz/logs/<target>.log).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; shift || true
par=${FUZZ_PARALLEL:-2}
dir=${FUZZ_BUILD_DIR:-build-fuzz}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_FUZZ=ON \
  "${launcher[@]}" >/dev/null
cmake --build "$dir" --target fuzz -j "${FUZZ_BUILD_JOBS:-$(nproc)}"

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
mkdir -p "$dir/logs"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run_one() {
  local t=$1 seeds=fuzz/corpus/$1
  mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t"
  [ -d "$seeds" ] || seeds=
  # -max_len: inputs up to 64 KiB (long lines, deep nesting); -timeout: one input over 10 s is a hang;
  # -rss_limit_mb: a run above 2 GB is a memory bug.
  "$dir/fuzz/$t" "$dir/corpus/$t" $seeds -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/artifacts/$t/" \
    >"$dir/logs/$t.log" 2>&1
}

fail=0
pids=() names=()
report() {
  local t=$1 rc=$2 log=$dir/logs/$1.log
  local last execs
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' || true)
  printf '%-22s %s  exec/s(avg)=%s  cov=%s ft=%s corpus=%s\n' "$t" "$([ "$rc" = 0 ] && echo ok || echo FAIL)" \
    "${execs:-?}" "$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")" "$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")" \
    "$(sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")"
  if [ "$rc" != 0 ]; then
    fail=1
    grep -E 'ERROR|SUMMARY|FUZZ_CHECK|Test unit written' "$log" | head -5 | sed 's/^/    /'
  fi
}
wait_one() {
  local rc=0
  wait "${pids[0]}" || rc=$?
  report "${names[0]}" "$rc"
  pids=("${pids[@]:1}") names=("${names[@]:1}")
}
for t in "${targets[@]}"; do
  [ -x "$dir/fuzz/$t" ] || { echo "$t: not built"; fail=1; continue; }
  run_one "$t" & pids+=($!) names+=("$t")
  if ((${#pids[@]} >= par)); then wait_one; fi
done
while ((${#pids[@]})); do wait_one; done
exit $fail
