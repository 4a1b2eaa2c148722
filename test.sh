#!/usr/bin/env bash
# mmap-bench's tests: finds a JDK 25, runs the JUnit suite with Maven and builds
# target/benchmarks.jar, then lists the jar's benchmarks as the README tells a user to.
# Usage: ./test.sh [Maven options], e.g. ./test.sh -Dtest=DataFileTest
set -euo pipefail

cd "$(dirname "$0")"
# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
mmapbench_find_jdk
mmapbench_need_maven

# package, not test: the tests run, then the jar is shaded, so a test run also proves the build a
# user runs. With -Dtest too: shading and listing take seconds, and a jar left stale by a
# targeted run would be the one run-bench.sh measures.
mvn -B package "$@" 2>&1 | sed "s/\x1b\[[0-9;]*m//g"

# After the whole suite, /dev/shm holds nothing of ours (the IPC tests' shared files).
if leftovers=$(find /dev/shm -maxdepth 1 -name 'mmapbench-*' -print 2>/dev/null) && [ -n "$leftovers" ]; then
  echo "mmap-bench: the tests left files in /dev/shm:" >&2
  echo "$leftovers" >&2
  exit 1
fi

# A jar whose annotation processor did not run still builds and lists nothing: every class that
# declares a @Benchmark must be in the README's listing.
if [ ! -f target/benchmarks.jar ]; then
  echo "mmap-bench: no target/benchmarks.jar after mvn package (was a Maven option such as -Dmaven.main.skip given?)" >&2
  exit 1
fi
listing=$(./run-bench.sh -- -lp) || {
  echo "mmap-bench: ./run-bench.sh -- -lp failed" >&2
  exit 1
}
# -lp indents each benchmark's parameters under its name: the names are the unindented lines.
benchmarks=$(printf '%s\n' "$listing" | grep -E '^mmapbench\.' | sort -u || true)
classes=$(grep -rlE '^[[:space:]]*@Benchmark\b' src/main/java | sed 's|^src/main/java/||; s|\.java$||; s|/|.|g' | sort)
if [ -z "$classes" ]; then
  echo "mmap-bench: no class under src/main/java declares a @Benchmark, so there is nothing to list" >&2
  exit 1
fi
missing=""
for class in $classes; do
  grep -q "^${class//./\\.}\.[^.]*$" <<<"$benchmarks" || missing="$missing $class"
done
if [ -n "$missing" ]; then
  echo "mmap-bench: ./run-bench.sh -- -lp lists no benchmark of:$missing" >&2
  echo "mmap-bench: it listed: ${benchmarks:-nothing}" >&2
  exit 1
fi
printf '%s\n' "$benchmarks"
echo "mmap-bench: ./run-bench.sh -- -lp lists $(printf '%s\n' "$benchmarks" | wc -l) benchmarks," \
  "of all $(printf '%s\n' "$classes" | wc -l) classes that declare one"
