package io.mlsyslab.training.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static float[] roundTrip(Codec c, float[] x) {
        ByteBuffer b = ByteBuffer.allocate((int) c.encodedBytes(x.length)).order(ByteOrder.LITTLE_ENDIAN);
        c.encode(x, 0, x.length, b);
        assertEquals(b.capacity(), b.position(), c + ": encoded size equals encodedBytes");
        b.flip();
        float[] y = new float[x.length];
        c.decode(b, x.length, y, 0);
        assertEquals(b.limit(), b.position());
        return y;
    }

    private static float[] sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(4)));
        }
        return x;
    }

    @Test
    void sizes() {
        assertEquals(400, Codec.NONE.encodedBytes(100));
        assertEquals(2 * 4 + 100, Codec.INT8.encodedBytes(100));
        assertEquals(4 + 32 + 4 + 18, Codec.FP4_E3M0.encodedBytes(100));
        assertEquals(4 + 1, Codec.FP4_E3M0.encodedBytes(1));
        // 4.5 bits a value: ~1/7 of fp32
        assertEquals(4.5 / 32, Codec.FP4_E3M0.encodedBytes(64_000) / (double) Codec.NONE.encodedBytes(64_000), 1e-9);
    }

    @Test
    void noneIsExact() {
        float[] x = sample(1001, 1);
        float[] y = roundTrip(Codec.NONE, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(x[i]), Float.floatToIntBits(y[i]));
        }
    }

    @Test
    void int8ErrorWithinHalfAStep() {
        float[] x = sample(1001, 2);
        float[] y = roundTrip(Codec.INT8, x);
        for (int b = 0; b < x.length; b += Codec.BLOCK) {
            float s = 0;
            for (int i = b; i < Math.min(x.length, b + Codec.BLOCK); i++) {
                s = Math.max(s, Math.abs(x[i]));
            }
            for (int i = b; i < Math.min(x.length, b + Codec.BLOCK); i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= s / 254 * 1.0001f + Math.ulp(s), i + ": " + x[i] + " -> " + y[i]);
            }
        }
    }

    @Test
    void fp4IsNearestPowerOfTwoOfTheBlockScale() {
        float[] x = sample(1003, 3);
        float[] y = roundTrip(Codec.FP4_E3M0, x);
        for (int b = 0; b < x.length; b += Codec.BLOCK) {
            float s = 0;
            for (int i = b; i < Math.min(x.length, b + Codec.BLOCK); i++) {
                s = Math.max(s, Math.abs(x[i]));
            }
            for (int i = b; i < Math.min(x.length, b + Codec.BLOCK); i++) {
                float ax = Math.abs(x[i]), err = Math.abs(x[i] - y[i]);
                if (ax >= s * Math.scalb(1f, -6)) {
                    assertTrue(err <= ax / 3 + Math.ulp(ax), i + ": " + x[i] + " -> " + y[i]);
                } else {
                    assertTrue(err <= s * Math.scalb(1f, -7) + Math.ulp(s), i + ": " + x[i] + " -> " + y[i]);
                }
                assertTrue(y[i] == 0 || Math.signum(y[i]) == Math.signum(x[i]));
                // the value is 0 or s * 2^-e, e in 0..6
                if (y[i] != 0) {
                    double e = Math.log(s / Math.abs(y[i])) / Math.log(2);
                    assertEquals(Math.rint(e), e, 1e-6);
                    assertTrue(e >= 0 && e <= 6);
                }
            }
        }
        // idempotent: re-encoding decoded values gives the same values
        float[] z = roundTrip(Codec.FP4_E3M0, y);
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i], z[i]);
        }
    }

    @Test
    void fp4Boundaries() {
        assertEquals(0, Codec.fp4(1f, 1f));
        assertEquals(0, Codec.fp4(0.75f, 1f));
        assertEquals(1, Codec.fp4(0.7499f, 1f));
        assertEquals(8 | 2, Codec.fp4(-0.25f, 1f));
        assertEquals(7, Codec.fp4(0.0078f, 1f));
        assertEquals(6, Codec.fp4(0.0079f, 1f));
        assertEquals(0f, Codec.fp4Value(7, 3f));
        assertEquals(-0.75f, Codec.fp4Value(8 | 2, 3f));
    }

    @Test
    void zeroBlocksAndNonFinite() {
        float[] y = roundTrip(Codec.FP4_E3M0, new float[70]);
        for (float v : y) {
            assertEquals(0f, v);
        }
        assertThrows(IllegalStateException.class, () -> roundTrip(Codec.INT8, new float[]{1f, Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Codec.fromName("quantisation", "fp8"));
    }
}
