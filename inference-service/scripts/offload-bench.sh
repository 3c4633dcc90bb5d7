#!/usr/bin/env bash
# Nano-batch vs sequential with the KV offloaded to storage-service at context >= 2048 (issue 9, item 9).
# Builds what it needs (offline), starts its own storage-service (exec jar + embedded PostgreSQL), runs
# sequential / nano-batch(2) / (4) / (8) interleaved for 3 rounds (2048 tokens per iteration, NanoFlow's dense
# batch) and prints each ratio's median, min and max.
# Usage (from the repository root): inference-service/scripts/offload-bench.sh [key=value ...]
#   keys: see OffloadBenchMain.DEFAULTS (layers width heads requests prompt output maxBatched rounds pipelines
#         computeThreads storageThreads storageCpu engineCpu dataDir storage seed)
#   engineCpu=0 storageCpu=1 pins the engine JVM and storage-service to one CPU each (taskset).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -o -q -pl platform-api,platform-core,nn-core,storage-client,storage-service package -DskipTests
  ./mvnw -B -o -q -pl platform-api,platform-core,nn-core,storage-client,inference-service test-compile
  ./mvnw -B -o -q -pl inference-service dependency:build-classpath -Dmdep.outputFile="$PWD/inference-service/target/bench-cp.txt"
fi
CP=inference-service/target/test-classes:inference-service/target/classes:nn-core/target/classes:storage-client/target/classes:platform-core/target/classes:platform-api/target/classes:$(cat inference-service/target/bench-cp.txt)
PIN=()
ARGS=()
for a in "$@"; do
  case "$a" in
    engineCpu=*) PIN=(taskset -c "${a#engineCpu=}") ;;
    *) ARGS+=("$a") ;;
  esac
done
echo "uptime before: $(uptime)"
"${PIN[@]}" "$JAVA_HOME/bin/java" -Xmx3g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$CP" \
  io.mlsyslab.inference.bench.OffloadBenchMain "${ARGS[@]}"
echo "uptime after: $(uptime)"
