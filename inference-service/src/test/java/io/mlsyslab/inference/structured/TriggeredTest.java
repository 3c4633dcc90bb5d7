package io.mlsyslab.inference.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.engine.TokenConstraint;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Free text until a trigger, then the inner constraint. */
class TriggeredTest {
    /** Byte tokens, plus multi-byte tokens "<tool", "_call>", "_call>{" and "ll><" (ids 257..260). */
    static final TokenVocabulary VOCAB;
    static final int EOS = 256;

    static {
        String[] extra = {"<tool", "_call>", "_call>{", "ll><"};
        byte[][] bytes = new byte[257 + extra.length][];
        boolean[] special = new boolean[bytes.length];
        for (int b = 0; b < 256; b++) {
            bytes[b] = new byte[]{(byte) b};
        }
        bytes[EOS] = new byte[0];
        special[EOS] = true;
        for (int i = 0; i < extra.length; i++) {
            bytes[257 + i] = extra[i].getBytes(StandardCharsets.UTF_8);
        }
        VOCAB = TokenVocabulary.ofBytes(bytes, special, EOS);
    }

    @Test
    void theTriggerMayOnlyCompleteAtATokenEndThenTheInnerRules() {
        TokenConstraint.Factory inner = StructuredOutput.anyJsonObject(VOCAB);
        TokenConstraint c = StructuredOutput.triggered("<tool_call>", inner, VOCAB).create();
        TriggeredState state = (TriggeredState) c;
        for (byte b : "Sure. ".getBytes(StandardCharsets.UTF_8)) {
            c.accept(b & 0xff);
        }
        c.accept(257); // "<tool"
        float[] logits = new float[VOCAB.size()];
        c.mask(logits, 0, logits.length, 100);
        assertThat(logits[258]).as("_call> completes exactly at its end").isZero();
        assertThat(logits[259]).as("_call>{ would complete it with a byte after").isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[EOS]).as("free text may end").isZero();
        assertThat(state.triggered()).isFalse();
        c.accept(258);
        assertThat(state.triggered()).isTrue();
        assertThat(state.triggerEndByte()).isEqualTo("Sure. <tool_call>".length());
        assertThat(state.triggerTokens()).isEqualTo(8);
        logits = new float[VOCAB.size()];
        c.mask(logits, 0, logits.length, 100);
        assertThat(logits['{']).isZero();
        assertThat(logits['x']).isEqualTo(Float.NEGATIVE_INFINITY);
        c.accept('{');
        assertThat(c.complete()).isFalse();
        c.accept('}');
        assertThat(c.complete()).isTrue();
    }

    @Test
    void firingTokensNeedRoomForTheInnerOutput() {
        TokenConstraint.Factory inner = ByteLevel.schema("{\"type\":\"string\",\"minLength\":5}");
        TokenConstraint c = StructuredOutput.triggered("<tool_call>", inner, VOCAB).create();
        c.accept(257);
        float[] logits = new float[VOCAB.size()];
        c.mask(logits, 0, logits.length, 7); // after "_call>" 6 tokens remain, the string needs 7 bytes
        assertThat(logits[258]).isEqualTo(Float.NEGATIVE_INFINITY);
        logits = new float[VOCAB.size()];
        c.mask(logits, 0, logits.length, 8);
        assertThat(logits[258]).isZero();
    }

    @Test
    void overlappingPrefixesStillTrigger() {
        TokenConstraint c = StructuredOutput.triggered("<tool_call>", StructuredOutput.anyJsonObject(VOCAB), VOCAB)
                .create();
        for (byte b : "<<tool_ca".getBytes(StandardCharsets.UTF_8)) {
            c.accept(b & 0xff);
        }
        float[] logits = new float[VOCAB.size()];
        c.mask(logits, 0, logits.length, 100);
        assertThat(logits[260]).as("ll>< completes the trigger, then '<' follows").isEqualTo(Float.NEGATIVE_INFINITY);
        String out = ByteLevel.sample(c, 40, new SplittableRandom(1));
        assertThat(((TriggeredState) c).triggered() || !out.contains("ll>")).isTrue();
    }
}
