package io.mlsyslab.storage.kv;

import io.mlsyslab.nn.kernel.KvFormat;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Child process of {@link KillNineTest}: creates a sequence, then appends deterministic tokens forever, printing
 * {@code ACK <length>} after each acknowledged append, until it is killed.
 */
public final class KvCrashChild {
    private KvCrashChild() {
    }

    static final int HEADS = 2, DIM = 8;

    /** Value of element i (K: kind 0, V: kind 1) of layer l at position t. */
    static float value(int l, int kind, int t, int i) {
        return (float) Math.sin(t * 0.37 + i * 1.3 + l * 7.1 + kind * 0.5);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        KvStore store = KvStore.open(new StoreConfig(dir, 3, 512, 8, 0.25, 1 << 20));
        UUID id = store.create(null, 2, HEADS, DIM, KvFormat.F32).id();
        System.out.println("ID " + id);
        System.out.flush();
        int pos = 0;
        for (int step = 0; ; step++) {
            int n = 1 + step % 7;
            float[] k = new float[2 * n * HEADS * DIM], v = new float[k.length];
            for (int l = 0; l < 2; l++) {
                for (int t = 0; t < n; t++) {
                    for (int i = 0; i < HEADS * DIM; i++) {
                        k[(l * n + t) * HEADS * DIM + i] = value(l, 0, pos + t, i);
                        v[(l * n + t) * HEADS * DIM + i] = value(l, 1, pos + t, i);
                    }
                }
            }
            pos = store.append(id, -1, pos, n, k, v);
            System.out.println("ACK " + pos);
            System.out.flush();
        }
    }
}
