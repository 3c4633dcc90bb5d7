package io.mlsyslab.inference.structured;

import io.mlsyslab.inference.engine.TokenConstraint;

/**
 * One sequence's position in a {@link CompiledSchema}: the set of live configurations (several while an anyOf or
 * a choice of keys is undecided), advanced by each accepted token's bytes.
 */
final class SchemaConstraint implements TokenConstraint, ClosingAware {
    private final CompiledSchema schema;
    private Stack[] configs;
    private boolean ended;

    SchemaConstraint(CompiledSchema schema) {
        this.schema = schema;
        this.configs = schema.start;
    }

    @Override
    public int mask(float[] logits, int off, int vocab, int remaining) {
        TokenVocabulary v = schema.vocab;
        long[] allowed;
        int limit = remaining - 1;
        if (ended || limit < 0) {
            allowed = new long[v.words()];
        } else if (plainStringState()) {
            allowed = plainStringMask(limit);
        } else {
            allowed = schema.walk(configs).within(limit);
        }
        return TokenMasks.apply(logits, off, vocab, allowed, v.eos(), !ended && mayEnd());
    }

    /** One configuration inside a string where every plain-string token may follow (up to the length bounds). */
    private boolean plainStringState() {
        return configs.length == 1 && configs[0].top instanceof Frame.InString s && s.mode() == Frame.InString.CLEAN
                && s.node().unconstrainedIn(s.dfa());
    }

    private long[] plainStringMask(int limit) {
        TokenVocabulary v = schema.vocab;
        Stack only = configs[0];
        Frame.InString s = (Frame.InString) only.top;
        long[] allowed = new long[v.words()];
        // after k plain characters the shortest completion is max(0, minLength - chars - k) + 1 (quote) + parent's
        int slack = limit - 1 - only.parent.min;
        long maxChars = Math.min((long) s.node().maxLength - s.chars(), v.maxPlainChars());
        int minChars = Math.max(1, s.node().minLength - s.chars() - slack);
        if (slack >= 0 && minChars <= maxChars) {
            long[] upTo = v.plainUpTo((int) maxChars), below = v.plainUpTo(minChars - 1);
            for (int w = 0; w < allowed.length; w++) {
                allowed[w] = upTo[w] & ~(minChars > 1 ? below[w] : 0L);
            }
        }
        schema.walker().walkWithin(configs, v.nonPlainTrie(), limit, allowed);
        return allowed;
    }

    private boolean mayEnd() {
        for (Stack s : configs) {
            if (s.mayEnd()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(int token) {
        if (token == schema.vocab.eos() && token >= 0) {
            if (!mayEnd()) {
                throw new IllegalStateException("token: end of text where the JSON is incomplete");
            }
            ended = true;
            return;
        }
        if (ended || token < 0 || token >= schema.vocab.size() || schema.vocab.isSpecial(token)) {
            throw new IllegalStateException("token: " + token + " was not allowed");
        }
        Stack[] next = Configurations.advance(configs, schema.vocab.bytes(token));
        if (next.length == 0) {
            throw new IllegalStateException("token: " + token + " was not allowed here");
        }
        configs = next;
    }

    @Override
    public boolean complete() {
        if (ended) {
            return true;
        }
        for (Stack s : configs) {
            if (s != Stack.DONE) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int minCompletionBytes() {
        return ended ? 0 : Configurations.min(configs);
    }
}
