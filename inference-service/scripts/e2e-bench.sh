#!/usr/bin/env bash
# The server end to end (OpenAI completions through the gateway) vs the engine alone (issue 9, item 9).
# Needs a running lab: `./lab up` in another terminal (gateway on :8080, admin key in ~/.mlsys-lab/api-key).
# Registers the seeded random preset `medium` as model bench-medium-1 (once), then runs the same workload
# (32 requests x (128 prompt + 64 output) token ids, greedy, ignore_eos) in this JVM and through the gateway,
# interleaved for 2 rounds, and prints output tokens/s of both and their ratio.
# Usage (from the repository root): inference-service/scripts/e2e-bench.sh [gateway=URL] [key=KEY] [preset=..]
#   [requests=N] [prompt=N] [output=N] [rounds=N] [computeThreads=N]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -o -q -pl platform-api,platform-core,nn-core,storage-client,inference-service test-compile
  ./mvnw -B -o -q -pl inference-service dependency:build-classpath -Dmdep.outputFile="$PWD/inference-service/target/bench-cp.txt"
fi
CP=inference-service/target/test-classes:inference-service/target/classes:nn-core/target/classes:storage-client/target/classes:platform-core/target/classes:platform-api/target/classes:$(cat inference-service/target/bench-cp.txt)
echo "uptime before: $(uptime)"
"$JAVA_HOME/bin/java" -Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$CP" \
  io.mlsyslab.inference.bench.GatewayVsEngineMain "$@"
echo "uptime after: $(uptime)"
