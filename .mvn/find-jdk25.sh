# Sourced (POSIX sh) by ./mvnw, ./lab and .ci/run: makes JAVA_HOME point at a JDK 25 or newer.
# Keeps JAVA_HOME when it already is one; otherwise tries the java on PATH, then the usual install paths, so that the README's commands
# work verbatim on a machine whose default java is older (e.g. Debian's 17 beside a Temurin 25).
# MLSYSLAB_JDK_CANDIDATES (space-separated JDK homes) replaces the list of paths tried after JAVA_HOME.
mlsyslab_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {split($2, v, "."); print v[1]; exit}'
}

mlsyslab_path_jdk() {
  mlsyslab_java=$(command -v java 2>/dev/null) || return 0
  mlsyslab_java=$(readlink -f "$mlsyslab_java" 2>/dev/null) || return 0
  dirname "$(dirname "$mlsyslab_java")"
}

mlsyslab_find_jdk25() {
  for mlsyslab_home in "${JAVA_HOME:-}" $(mlsyslab_path_jdk) ${MLSYSLAB_JDK_CANDIDATES:-/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-25-openjdk}; do
    [ -n "$mlsyslab_home" ] && [ -x "$mlsyslab_home/bin/java" ] || continue
    mlsyslab_major=$(mlsyslab_jdk_major "$mlsyslab_home")
    if [ "${mlsyslab_major:-0}" -ge 25 ] 2>/dev/null; then
      printf '%s\n' "$mlsyslab_home"
      return 0
    fi
  done
  return 1
}

if mlsyslab_jdk=$(mlsyslab_find_jdk25); then
  if [ "${JAVA_HOME:-}" != "$mlsyslab_jdk" ] && [ -n "${JAVA_HOME:-}" ]; then
    echo "mlsys-lab: JAVA_HOME=$JAVA_HOME is older than 25; using $mlsyslab_jdk" >&2
  fi
  JAVA_HOME=$mlsyslab_jdk
  export JAVA_HOME
else
  echo "mlsys-lab: needs a JDK 25 or newer; none at JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64 (set JAVA_HOME to one)" >&2
  exit 1
fi
unset mlsyslab_jdk mlsyslab_home mlsyslab_major mlsyslab_java
