#!/bin/sh
# The whole test suite, in the three builds CI requires: computed-goto
# dispatch (Release), portable switch dispatch, and ASan+UBSan.
set -e
JOBS=$(nproc)
run() {
  dir=$1; shift
  echo "=== $dir: $*"
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS")
}
run build -DCMAKE_BUILD_TYPE=Release
run build-switch -DCMAKE_BUILD_TYPE=Release -DAMANATSU_SWITCH_DISPATCH=ON
run build-asan -DCMAKE_BUILD_TYPE=Debug -DAMANATSU_SANITIZE=ON
echo "all three builds passed"
