package io.mlsyslab.inference.structured;

import io.mlsyslab.inference.engine.TokenConstraint;

/**
 * Free text, then an inner constraint once the output ends with the trigger. Before the trigger every content
 * token and end-of-text may come, except tokens that would complete the trigger with bytes after it; a token that
 * completes it exactly is allowed only if the inner constraint's shortest output still fits.
 */
final class TriggeredConstraint implements TokenConstraint, TriggeredState {
    private final TriggerTable table;
    private final TokenConstraint.Factory innerFactory;
    private final TokenVocabulary vocab;
    private TokenConstraint inner;
    private int state;
    private long bytes;
    private int tokens;
    private long triggerEnd = -1;
    private int triggerTokens = -1;
    private int innerMin = -1;

    TriggeredConstraint(TriggerTable table, TokenConstraint.Factory innerFactory, TokenVocabulary vocab) {
        this.table = table;
        this.innerFactory = innerFactory;
        this.vocab = vocab;
    }

    @Override
    public int mask(float[] logits, int off, int vocabSize, int remaining) {
        if (inner != null) {
            return inner.mask(logits, off, vocabSize, remaining);
        }
        if (innerMin < 0) {
            TokenConstraint probe = innerFactory.create();
            innerMin = probe instanceof ClosingAware c ? c.minCompletionBytes() : 0;
        }
        long[] forbidden = table.forbidden(state), firing = table.firing(state);
        long[] allowed = new long[vocab.words()];
        boolean fits = innerMin <= remaining - 1;
        for (int id = 0; id < vocab.size(); id++) {
            if (!vocab.isSpecial(id) && id != vocab.eos() && vocab.bytes(id).length > 0) {
                allowed[id >>> 6] |= 1L << id;
            }
        }
        for (int w = 0; w < allowed.length; w++) {
            allowed[w] &= ~forbidden[w] & (fits ? -1L : ~firing[w]);
        }
        return TokenMasks.apply(logits, off, vocabSize, allowed, vocab.eos(), true);
    }

    @Override
    public void accept(int token) {
        tokens++;
        if (inner != null) {
            inner.accept(token);
            return;
        }
        if (token == vocab.eos()) {
            return;
        }
        for (byte b : vocab.bytes(token)) {
            bytes++;
            state = table.step(state, b);
        }
        if (state == table.trigger.length) {
            inner = innerFactory.create();
            triggerEnd = bytes;
            triggerTokens = tokens;
        }
    }

    @Override
    public boolean complete() {
        return inner != null && inner.complete();
    }

    @Override
    public boolean triggered() {
        return inner != null;
    }

    @Override
    public long triggerEndByte() {
        return triggerEnd;
    }

    @Override
    public int triggerTokens() {
        return triggerTokens;
    }
}
