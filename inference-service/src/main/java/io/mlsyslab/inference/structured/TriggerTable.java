package io.mlsyslab.inference.structured;

import io.mlsyslab.contract.FieldErrorException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For a trigger and a vocabulary: per matcher state (how many trigger bytes end the text so far, KMP style), the
 * tokens that would complete the trigger before their last byte (forbidden) and those that complete it exactly at
 * their end (firing). Built lazily per state and cached per vocabulary and trigger.
 */
final class TriggerTable {
    private static final Map<TokenVocabulary, Map<String, TriggerTable>> TABLES = new ConcurrentHashMap<>();

    final byte[] trigger;
    final TokenVocabulary vocab;
    private final int[] failure;
    private final long[][] forbidden;
    private final long[][] firing;

    private TriggerTable(byte[] trigger, TokenVocabulary vocab) {
        if (trigger.length == 0) {
            throw FieldErrorException.invalid("trigger", "must not be empty");
        }
        this.trigger = trigger;
        this.vocab = vocab;
        failure = new int[trigger.length + 1];
        for (int i = 1, k = 0; i < trigger.length; i++) {
            while (k > 0 && trigger[i] != trigger[k]) {
                k = failure[k];
            }
            if (trigger[i] == trigger[k]) {
                k++;
            }
            failure[i + 1] = k;
        }
        forbidden = new long[trigger.length][];
        firing = new long[trigger.length][];
    }

    static TriggerTable of(String trigger, TokenVocabulary vocab) {
        return TABLES.computeIfAbsent(vocab, v -> new ConcurrentHashMap<>())
                .computeIfAbsent(trigger, t -> new TriggerTable(t.getBytes(StandardCharsets.UTF_8), vocab));
    }

    /** The matcher state after byte {@code b}; {@code trigger.length} means the trigger just completed. */
    int step(int state, byte b) {
        if (state == trigger.length) {
            state = failure[state];
        }
        while (state > 0 && trigger[state] != b) {
            state = failure[state];
        }
        return trigger[state] == b ? state + 1 : 0;
    }

    long[] forbidden(int state) {
        build(state);
        return forbidden[state];
    }

    long[] firing(int state) {
        build(state);
        return firing[state];
    }

    private synchronized void build(int state) {
        if (forbidden[state] != null) {
            return;
        }
        long[] no = new long[vocab.words()], fire = new long[vocab.words()];
        for (int id = 0; id < vocab.size(); id++) {
            byte[] b = vocab.bytes(id);
            int s = state;
            for (int i = 0; i < b.length; i++) {
                s = step(s, b[i]);
                if (s == trigger.length) {
                    (i == b.length - 1 ? fire : no)[id >>> 6] |= 1L << id;
                    break;
                }
            }
        }
        firing[state] = fire;
        forbidden[state] = no;
    }
}
