#!/usr/bin/env bash
# Reruns every comparison of BENCHMARKS.md in one go (about 12 minutes on 2 cores); results land in $OUT.
# Needs Debian packages libopenblas-dev, python3-torch, python3-scipy, python3-sklearn (for /usr/bin/python3).
set -x
cd "$(dirname "$0")/.."
mkdir -p "${OUT:-/tmp/bench}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -DskipTests install -pl benchmarks -am > ${OUT:-/tmp/bench}/build.log 2>&1
lscpu | grep -E "Model name|Flags" | cut -c1-200 > ${OUT:-/tmp/bench}/machine.txt
gcc -O2 -I/usr/include/x86_64-linux-gnu -o /tmp/sgemm_openblas benchmarks/native/sgemm_openblas.c -lopenblas
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /tmp/sgemm_openblas 1 > ${OUT:-/tmp/bench}/openblas1.txt 2>&1
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /tmp/sgemm_openblas 2 > ${OUT:-/tmp/bench}/openblas2.txt 2>&1
(cd benchmarks && $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
   -cp target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main 'io.mlsyslab.benchmarks.nn.' \
   -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff ${OUT:-/tmp/bench}/nn-jmh.json) > ${OUT:-/tmp/bench}/nn-jmh.txt 2>&1
(cd benchmarks && $JAVA_HOME/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
   -cp target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main 'io.mlsyslab.benchmarks.storage.' \
   -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff ${OUT:-/tmp/bench}/storage-jmh.json) > ${OUT:-/tmp/bench}/storage-jmh.txt 2>&1
(cd benchmarks/python && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 nn_train_step_torch.py 1 \
   && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 nn_decode_torch.py 1) > ${OUT:-/tmp/bench}/torch.txt 2>&1
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
for c in RING_32K PERMUTATION_32K ALL_TO_ALL_4K; do
  /usr/bin/time -v $JAVA_HOME/bin/java -Xmx512m -cp "$CP" io.mlsyslab.benchmarks.network.FabricScaleMain $c > ${OUT:-/tmp/bench}/fabric-$c.txt 2>&1
done
/usr/bin/python3 benchmarks/python/kde_same_run.py --java $JAVA_HOME/bin/java --cp "$CP" --rounds 2 > ${OUT:-/tmp/bench}/kde.txt 2>&1
# structured outputs: mask cost per step against a gpt2-124m-shaped decode step (INFERENCE-BENCHMARKS.md)
$JAVA_HOME/bin/java -Xmx3g --add-modules jdk.incubator.vector -cp "$CP" \
  io.mlsyslab.benchmarks.inference.StructuredMaskBenchMain threads=2 steps=20 > ${OUT:-/tmp/bench}/structured-mask.txt 2>&1
echo DONE > ${OUT:-/tmp/bench}/done
