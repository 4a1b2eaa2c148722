#!/usr/bin/env bash
# mmap-bench's tests: finds a JDK 25, then runs the JUnit suite with Maven.
# Usage: ./test.sh [Maven options], e.g. ./test.sh -Dtest=DataFileTest
set -euo pipefail

cd "$(dirname "$0")"
# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
mmapbench_find_jdk
mmapbench_need_maven

mvn -B test "$@" 2>&1 | sed "s/\x1b\[[0-9;]*m//g"

# After the whole suite, /dev/shm holds nothing of ours (the IPC tests' shared files).
if leftovers=$(find /dev/shm -maxdepth 1 -name 'mmapbench-*' -print 2>/dev/null) && [ -n "$leftovers" ]; then
  echo "mmap-bench: the tests left files in /dev/shm:" >&2
  echo "$leftovers" >&2
  exit 1
fi
