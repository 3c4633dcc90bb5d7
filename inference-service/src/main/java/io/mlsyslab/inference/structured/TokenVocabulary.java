package io.mlsyslab.inference.structured;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A model's vocabulary as constrained decoding sees it: each token's exact bytes, byte tries for the mask walk, and
 * precomputed token classes. Built once per tokenizer instance ({@link #of}) and immutable, so shared by every
 * request and thread.
 *
 * <p>The "plain string" class holds tokens that are whole strict UTF-8 characters none of which a JSON string must
 * escape: inside a string with no pending escape or partial character every one of them may follow, so a mask
 * there is a few bitset operations (by character count, for length bounds) plus a walk over the other tokens only.
 */
public final class TokenVocabulary {
    private static final Map<Tokenizer, Map<Integer, TokenVocabulary>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final byte[][] bytes;
    private final boolean[] special;
    private final int eos;
    private final ByteTrie all;
    private final ByteTrie nonPlain;
    private final int[] plainChars;
    /** {@code plainUpTo[n]}: plain tokens of at most {@code n} characters (index 0 is empty). */
    private final long[][] plainUpTo;
    private final boolean[] singleByte = new boolean[256];
    private final int maxTokenBytes;

    private TokenVocabulary(byte[][] bytes, boolean[] special, int eos) {
        if (eos >= bytes.length) {
            throw FieldErrorException.invalid("eosToken", eos + " is outside the vocabulary 0.." + (bytes.length - 1));
        }
        this.bytes = bytes;
        this.special = special;
        this.eos = eos;
        boolean[] content = new boolean[bytes.length];
        boolean[] other = new boolean[bytes.length];
        plainChars = new int[bytes.length];
        int maxChars = 0, maxBytes = 0;
        for (int id = 0; id < bytes.length; id++) {
            content[id] = !special[id] && id != eos && bytes[id].length > 0;
            plainChars[id] = content[id] ? Utf8.plainStringChars(bytes[id]) : -1;
            other[id] = content[id] && plainChars[id] < 0;
            maxChars = Math.max(maxChars, plainChars[id]);
            if (content[id]) {
                maxBytes = Math.max(maxBytes, bytes[id].length);
                if (bytes[id].length == 1) {
                    singleByte[bytes[id][0] & 0xff] = true;
                }
            }
        }
        maxTokenBytes = maxBytes;
        all = new ByteTrie(bytes, content);
        nonPlain = new ByteTrie(bytes, other);
        int words = (bytes.length + 63) >>> 6;
        plainUpTo = new long[maxChars + 1][words];
        for (int id = 0; id < bytes.length; id++) {
            if (plainChars[id] > 0) {
                for (int n = plainChars[id]; n <= maxChars; n++) {
                    plainUpTo[n][id >>> 6] |= 1L << id;
                }
            }
        }
    }

    /**
     * The vocabulary of {@code tokenizer} (cached per tokenizer instance).
     *
     * @param eosToken the end-of-text token, allowed only where the output may end; -1 when the model has none
     */
    public static TokenVocabulary of(Tokenizer tokenizer, int eosToken) {
        Map<Integer, TokenVocabulary> byEos = CACHE.computeIfAbsent(tokenizer,
                t -> Collections.synchronizedMap(new HashMap<>()));
        return byEos.computeIfAbsent(eosToken, eos -> {
            int n = tokenizer.vocabSize();
            byte[][] b = new byte[n][];
            boolean[] s = new boolean[n];
            for (int id = 0; id < n; id++) {
                s[id] = tokenizer.isSpecial(id);
                b[id] = s[id] ? new byte[0] : tokenizer.tokenBytes(id);
            }
            return new TokenVocabulary(b, s, eos);
        });
    }

    /** A vocabulary from raw token bytes (tests and tools); {@code special} tokens are never content. */
    static TokenVocabulary ofBytes(byte[][] tokenBytes, boolean[] special, int eosToken) {
        return new TokenVocabulary(tokenBytes.clone(), special.clone(), eosToken);
    }

    /** Number of token ids. */
    public int size() {
        return bytes.length;
    }

    /** The end-of-text token, or -1. */
    public int eos() {
        return eos;
    }

    /** The token's bytes (empty for special tokens); do not modify. */
    byte[] bytes(int id) {
        return bytes[id];
    }

    /** A copy of the token's bytes. */
    public byte[] tokenBytes(int id) {
        return bytes[id].clone();
    }

    /** Whether the token is a control token, never content. */
    public boolean isSpecial(int id) {
        return special[id];
    }

    ByteTrie trie() {
        return all;
    }

    /** The content tokens that are not plain-string tokens. */
    ByteTrie nonPlainTrie() {
        return nonPlain;
    }

    /** Characters of a plain-string token, or -1. */
    int plainChars(int id) {
        return plainChars[id];
    }

    int maxPlainChars() {
        return plainUpTo.length - 1;
    }

    /** Plain-string tokens of at most {@code n} characters; do not modify. */
    long[] plainUpTo(int n) {
        return plainUpTo[Math.max(0, Math.min(n, plainUpTo.length - 1))];
    }

    /** Whether some content token is exactly the byte {@code b}. */
    boolean hasSingleByte(int b) {
        return singleByte[b];
    }

    int maxTokenBytes() {
        return maxTokenBytes;
    }

    int words() {
        return (bytes.length + 63) >>> 6;
    }

    @Override
    public String toString() {
        return "TokenVocabulary[" + bytes.length + " tokens, eos " + eos + ", "
                + Arrays.stream(plainChars).filter(c -> c > 0).count() + " plain-string]";
    }
}
