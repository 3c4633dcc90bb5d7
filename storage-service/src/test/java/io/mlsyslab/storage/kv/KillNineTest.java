package io.mlsyslab.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9: a child JVM appends until SIGKILL; every append it acknowledged must be readable afterwards. */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), KvCrashChild.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        UUID id = null;
        int acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ID ")) {
                    id = UUID.fromString(line.substring(3));
                } else if (line.startsWith("ACK ")) {
                    acked = Integer.parseInt(line.substring(4));
                    if (acked >= 300) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(id).isNotNull();
        assertThat(acked).isGreaterThanOrEqualTo(300);
        try (KvStore store = KvStore.open(new StoreConfig(dir, 3, 512, 8, 0.25, 1 << 20))) {
            SequenceInfo info = store.info(id);
            assertThat(info.length()).isGreaterThanOrEqualTo(acked);
            assertThat(info.layerLengths()[0]).isEqualTo(info.layerLengths()[1]);
            int row = KvCrashChild.HEADS * KvCrashChild.DIM;
            for (int l = 0; l < 2; l++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                store.readLayer(id, l, bytes);
                float[] got = new float[bytes.size() / 4];
                MemorySegment.ofArray(bytes.toByteArray()).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(got);
                int len = info.length();
                for (int t = 0; t < len; t++) {
                    for (int i = 0; i < row; i++) {
                        assertThat(got[t * row + i]).isEqualTo(KvCrashChild.value(l, 0, t, i));
                        assertThat(got[(len + t) * row + i]).isEqualTo(KvCrashChild.value(l, 1, t, i));
                    }
                }
            }
            assertThat(store.verify()).isEmpty();
            // the store keeps working after the crash
            store.append(id, -1, info.length(), 1, new float[2 * row], new float[2 * row]);
            assertThat(store.info(id).length()).isEqualTo(info.length() + 1);
        }
    }
}
