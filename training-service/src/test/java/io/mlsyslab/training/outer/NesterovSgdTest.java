package io.mlsyslab.training.outer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.nn.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vectors from scripts/outer_sgd_reference.py (torch.optim.SGD(nesterov=True), fp32). */
class NesterovSgdTest {

    @Test
    @SuppressWarnings("unchecked")
    void matchesTorchSgdNesterov() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/outer-sgd/nesterov.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Object> cases = (List<Object>) Json.parseObject(json).get("cases");
        assertEquals(3, cases.size());
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            float[] p = floats(c.get("params0"));
            int n = p.length;
            NesterovSgd sgd = new NesterovSgd(n, 1, ((Number) c.get("lr")).floatValue(),
                    ((Number) c.get("momentum")).floatValue());
            List<Object> grads = (List<Object>) c.get("grads"), params = (List<Object>) c.get("params");
            for (int s = 0; s < grads.size(); s++) {
                sgd.step(0, p, new int[]{0}, new int[]{n}, floats(grads.get(s)));
                float[] want = floats(params.get(s));
                for (int i = 0; i < n; i++) {
                    // bit for bit
                    assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(p[i]),
                            c.get("name") + " step " + s + " [" + i + "]: " + p[i] + " vs torch " + want[i]);
                }
                System.arraycopy(want, 0, p, 0, n); // continue from torch's exact values
            }
        }
    }

    @Test
    void slicesKeepTheirOwnMomentum() {
        NesterovSgd sgd = new NesterovSgd(4, 2, 1f, 0.5f);
        float[] p = new float[4];
        sgd.step(0, p, new int[]{0}, new int[]{2}, new float[]{1, 1});
        sgd.step(0, p, new int[]{0}, new int[]{2}, new float[]{1, 1});
        sgd.step(1, p, new int[]{2}, new int[]{2}, new float[]{1, 1});
        // slice 0: b=1, d=1.5 ; b=1.5, d=1.75 -> -3.25 ; slice 1 first step: d=1.5
        assertEquals(-3.25f, p[0]);
        assertEquals(-1.5f, p[2]);
        assertEquals(1.5f, sgd.buffer()[1]);
        assertEquals(1f, sgd.buffer()[3]);
    }

    private static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((Number) l.get(i)).doubleValue();
        }
        return out;
    }
}
