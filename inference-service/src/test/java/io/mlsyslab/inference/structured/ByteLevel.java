package io.mlsyslab.inference.structured;

import io.mlsyslab.inference.engine.TokenConstraint;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers over a byte vocabulary (256 one-byte tokens and an end-of-text token 256). */
final class ByteLevel {
    static final int EOS = 256;
    static final TokenVocabulary VOCAB;
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static {
        byte[][] bytes = new byte[257][];
        boolean[] special = new boolean[257];
        for (int b = 0; b < 256; b++) {
            bytes[b] = new byte[]{(byte) b};
        }
        bytes[EOS] = "<|endoftext|>".getBytes(StandardCharsets.UTF_8);
        special[EOS] = true;
        VOCAB = TokenVocabulary.ofBytes(bytes, special, EOS);
    }

    private ByteLevel() {
    }

    static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    static TokenConstraint.Factory schema(String schemaJson) {
        return StructuredOutput.jsonSchema(json(schemaJson), VOCAB, "response_format.json_schema.schema");
    }

    /** Whether every byte of {@code text} is allowed in turn (no end required). */
    static boolean allowsPrefix(TokenConstraint c, String text, int budget) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            float[] logits = new float[257];
            c.mask(logits, 0, 257, budget - i);
            if (logits[b[i] & 0xff] == Float.NEGATIVE_INFINITY) {
                return false;
            }
            c.accept(b[i] & 0xff);
        }
        return true;
    }

    /** Whether {@code text} is a complete output: every byte allowed, then end-of-text allowed. */
    static boolean accepts(String schemaJson, String text) {
        TokenConstraint c = schema(schemaJson).create();
        if (!allowsPrefix(c, text, 1_000_000)) {
            return false;
        }
        float[] logits = new float[257];
        c.mask(logits, 0, 257, 1000);
        return logits[EOS] != Float.NEGATIVE_INFINITY;
    }

    static boolean prefix(String schemaJson, String text) {
        return allowsPrefix(schema(schemaJson).create(), text, 1_000_000);
    }

    /** Samples uniformly among allowed bytes with {@code maxTokens} tokens; returns the text (EOS or complete ends). */
    static String sample(TokenConstraint c, int maxTokens, SplittableRandom random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int step = 0; step < maxTokens; step++) {
            float[] logits = new float[257];
            int kept = c.mask(logits, 0, 257, maxTokens - step);
            if (kept == 0) {
                throw new AssertionError("no token allowed after '" + out.toString(StandardCharsets.UTF_8) + "'");
            }
            int pick = random.nextInt(kept), t = -1;
            for (int i = 0; i < 257; i++) {
                if (logits[i] != Float.NEGATIVE_INFINITY && pick-- == 0) {
                    t = i;
                    break;
                }
            }
            c.accept(t);
            if (t == EOS) {
                break;
            }
            out.write(t);
            if (c.complete()) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
