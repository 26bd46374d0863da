#!/bin/sh
# The whole test suite, in the three builds CI requires: computed-goto
# dispatch (Release), portable switch dispatch, and ASan+UBSan.
set -e
JOBS=$(nproc)
# The snapshot round trips (label roundtrip: every golden program restored
# at several counts) run in the Release build; the other two builds run
# everything else, the other snapshot tests included, and a sample of the
# round trips (snapshot.roundtrip.sample, label roundtrip_sample, which the
# Release build leaves out: it runs them all).
run() {
  dir=$1; shift
  exclude=$1; shift
  echo "=== $dir: $*"
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" $exclude)
}
run build "-LE roundtrip_sample" -DCMAKE_BUILD_TYPE=Release
run build-switch "-LE ^roundtrip$" -DCMAKE_BUILD_TYPE=Release -DAMANATSU_SWITCH_DISPATCH=ON
run build-asan "-LE ^roundtrip$" -DCMAKE_BUILD_TYPE=Debug -DAMANATSU_SANITIZE=ON
echo "all three builds passed"
