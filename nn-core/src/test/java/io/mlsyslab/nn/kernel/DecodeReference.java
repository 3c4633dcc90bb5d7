package io.mlsyslab.nn.kernel;

/** The scalar references the decode-attention kernel tests compare against. */
final class DecodeReference {
    private DecodeReference() {
    }

    /** One query over {@code [len][nKv][hd]} keys and values: the last row of ReferenceKernels.causalAttention. */
    static float[] lastRow(float[] q, float[] k, float[] v, int len, int nHead, int nKv, int hd) {
        float[] qs = new float[len * nHead * hd];
        System.arraycopy(q, 0, qs, (len - 1) * nHead * hd, nHead * hd);
        float[] out = new float[len * nHead * hd];
        ReferenceKernels.causalAttention(qs, k, v, out, len, nHead, nKv, hd);
        float[] last = new float[nHead * hd];
        System.arraycopy(out, (len - 1) * nHead * hd, last, 0, nHead * hd);
        return last;
    }

    /** Rounds values through the format, so the reference sees exactly what is stored. */
    static float[] rounded(float[] x, KvFormat format) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = switch (format) {
                case F32 -> x[i];
                case F16 -> HalfFloats.fromFp16(HalfFloats.toFp16(x[i]));
                case BF16 -> HalfFloats.fromBf16(HalfFloats.toBf16(x[i]));
            };
        }
        return r;
    }
}
