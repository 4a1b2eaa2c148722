# Sourced by run-bench.sh and test.sh: finds a JDK 25 or newer and puts it first.
# Order: JAVA_HOME when it is 25+, then `java` on the PATH, then the usual install folders.
# Exits with one line that says what to install when none is found.

MMAPBENCH_MIN_JAVA=25

# Prints the feature version of the java binary $1 (17, 25, ...), or nothing.
mmapbench_java_version() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

mmapbench_find_jdk() {
  local candidate version best=""
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /usr/local/*jdk* /opt/*jdk* /opt/java/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(mmapbench_java_version "$candidate/bin/java")
    [ -n "$version" ] && [ "$version" -ge "$MMAPBENCH_MIN_JAVA" ] || continue
    best=$candidate
    break
  done
  if [ -z "$best" ]; then
    echo "mmap-bench: no JDK $MMAPBENCH_MIN_JAVA or newer found (looked at JAVA_HOME, the PATH and /usr/lib/jvm)." >&2
    echo "mmap-bench: install one, e.g. Temurin 25 (https://adoptium.net: apt-get install temurin-25-jdk from its repository)," >&2
    echo "mmap-bench: or point JAVA_HOME at one: JAVA_HOME=/path/to/jdk-25 ./run-bench.sh" >&2
    exit 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

mmapbench_need_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mmap-bench: Maven (mvn) is not installed: apt-get update && apt-get install -y maven" >&2
    exit 1
  fi
}
