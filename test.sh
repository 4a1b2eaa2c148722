#!/usr/bin/env bash
# mmap-bench's tests: finds a JDK 25, then runs the JUnit suite with Maven.
# Usage: ./test.sh [Maven options], e.g. ./test.sh -Dtest=DataFileTest
set -euo pipefail

cd "$(dirname "$0")"
# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
mmapbench_find_jdk
mmapbench_need_maven

exec mvn -B -Dstyle.color=never test "$@"
