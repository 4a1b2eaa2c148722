#!/usr/bin/env bash
# mmap-bench: is a memory-mapped file ~10x faster than streams for random I/O, and slower for
# sequential I/O? Measures it on this machine with JMH.
#
# Usage: ./run-bench.sh [--quick | --full] [options] [-- JMH options]
#        ./run-bench.sh report RESULT.json         the verdict of a run (also printed after every run)
#        ./run-bench.sh compare A.json B.json [C.json ...]   runs side by side, e.g. yours and results/'s
#        ./run-bench.sh index [--out DIR] DIR...   every run under the folders, a row each: where the claim
#                                                  holds, machine by machine (written to results/index/)
#        ./run-bench.sh methods RESULT.json        its decisive pairs by the published runs' method and this one's
#        ./run-bench.sh writer [FILE]              the lecture's shared-memory writer
#        ./run-bench.sh reader [FILE] [--verify]   ... and its reader, in another terminal
#
#   --quick             the default: every API; random 8 B reads (throughput and latency),
#                       4 KiB reads and 8 B writes from the page cache (WARM), random 4 KiB
#                       reads from the device (COLD) and their p99, sequential 1 MiB WARM,
#                       short-lived reads, the shared-memory handoff; about 5 minutes on 2 cores
#   --full              the whole matrix (HOT, WARM, COLD; every block size; forced writes;
#                       madvise, larger than memory, threads; every IPC channel), for
#                       publication; not yet timed with single-shot iterations (the last
#                       published run took 1 hour 45 minutes on 2 cores)
#   --file-size SIZE    size of each data file (default 4g; k, m, g suffixes)
#   --data-dir DIR      where the data files go (default ./data, git-ignored; it must exist
#                       when given); the files are reused by later runs
#   --results-dir DIR   where each run's folder goes (default ./results)
#   --budget SECONDS    the time the rounds may take (quick 275, full 14400): every leg runs
#                       its minimum rounds, then groups still undecided get more while it lasts
#   --seed N            the seed of the rounds' shuffled orders (a run prints its own; the
#                       same seed repeats the orders)
#   --with-fio          after the benchmarks, run fio (psync and mmap engines) on the same files,
#                       block sizes and cache states: Java's overhead over native code (the full
#                       profile does this whenever fio is installed: apt-get install fio)
#   -h, --help          this text
#
# Everything after -- goes to JMH, and wins over the profile:
#   ./run-bench.sh -- RandomRead -p blockSize=8 -prof gc
#   ./run-bench.sh -- -lp            (list the benchmarks and their parameters)
#
# It finds a JDK 25 (JAVA_HOME, the PATH, /usr/lib/jvm), builds with Maven whenever a source is
# newer than the jar, so that it never measures stale code, and writes JMH's result JSON to
# results/<date>-<time>-<profile>/.
set -euo pipefail

cd "$(dirname "$0")"

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    --) break ;;
  esac
done

# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
mmapbench_find_jdk
mmapbench_need_maven

if [ ! -f target/benchmarks.jar ] || [ -n "$(find pom.xml src -newer target/benchmarks.jar -print -quit)" ]; then
  echo "mmap-bench: building with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1) (the first build downloads dependencies)"
  # Maven 3.8 prints colour resets even in batch mode; drop them.
  mvn -q -B package -DskipTests 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
fi

case "${1:-}" in
  writer|reader) main=mmapbench.ipc.LectureDemo ;;
  report|compare|index|methods) main=mmapbench.report.ReportMain ;;
  *) main=mmapbench.cli.RunBench ;;
esac
# The options of mmapbench.fixture.JvmOptions.FORK: keep the two in step.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp target/benchmarks.jar "$main" "$@"
