#!/usr/bin/env bash
# Greedy decode, nn-core (JMH DecodeBenchmark) vs PyTorch (python/nn_decode_torch.py), alternated in one sitting:
#   benchmarks/decode-vs-torch.sh [rounds=3] [threads=1]       (about 4 minutes for 3 rounds on 2 cores)
# Builds nn-core and benchmarks offline (nothing installed into ~/.m2: this checkout's nn-core classes go first on
# the class path). Needs /usr/bin/python3 with python3-torch and, for a fair peer, libopenblas0 as the system BLAS.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -o -q -pl nn-core compile
./mvnw -B -o -q -pl benchmarks package -DskipTests
CP="$PWD/nn-core/target/classes:$PWD/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
/usr/bin/python3 benchmarks/python/decode_same_run.py --java "$JAVA_HOME/bin/java" --cp "$CP" \
    --rounds "${1:-3}" --threads "${2:-1}"
