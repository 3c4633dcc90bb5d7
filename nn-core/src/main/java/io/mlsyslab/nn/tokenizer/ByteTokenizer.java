package io.mlsyslab.nn.tokenizer;

import java.nio.charset.StandardCharsets;

/** One token per UTF-8 byte (vocabulary 256); lossless for any text. */
public final class ByteTokenizer implements Tokenizer {
    @Override
    public int[] encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xff;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 255) {
                throw new IllegalArgumentException("ids: " + ids[i] + " is not a byte");
            }
            b[i] = (byte) ids[i];
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 256;
    }

    @Override
    public byte[] tokenBytes(int id) {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("id: " + id + " is not a byte");
        }
        return new byte[]{(byte) id};
    }
}
