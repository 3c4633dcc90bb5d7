package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.List;

/**
 * Incremental detokenisation of one choice with stop strings. The whole generated text is decoded again after
 * each token (byte-level BPE can only decode complete characters), text ending in an incomplete character
 * (U+FFFD) is held back, and so is any tail that could still become a stop string.
 */
final class TextTracker {
    private final Tokenizer tokenizer;
    private final List<String> stop;
    private final int holdBack;
    private final IntList generated = new IntList();
    private String text = "";
    private int emitted;
    private boolean stopped;

    TextTracker(Tokenizer tokenizer, List<String> stop) {
        this.tokenizer = tokenizer;
        this.stop = stop;
        int longest = 0;
        for (String s : stop) {
            longest = Math.max(longest, s.length());
        }
        this.holdBack = Math.max(0, longest - 1);
    }

    /** Adds a token; returns the text that can be released now. */
    String add(int token) {
        if (tokenizer == null) {
            return "";
        }
        generated.add(token);
        text = tokenizer.decode(generated.toArray());
        int cut = -1;
        for (String s : stop) {
            int at = text.indexOf(s, Math.max(0, emitted - s.length() + 1));
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            stopped = true;
            text = text.substring(0, cut);
            return "";
        }
        int safe = text.length() - holdBack;
        while (safe > emitted && text.charAt(safe - 1) == '\uFFFD') {
            safe--;
        }
        if (safe <= emitted) {
            return "";
        }
        String out = text.substring(emitted, safe);
        emitted = safe;
        return out;
    }

    /** Whether a stop string was found (the text is cut before it). */
    boolean stopped() {
        return stopped;
    }

    /** Text not yet released; call once at the end. */
    String rest() {
        String out = emitted < text.length() ? text.substring(emitted) : "";
        emitted = text.length();
        return out;
    }
}
