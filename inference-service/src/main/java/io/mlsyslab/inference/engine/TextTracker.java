package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.List;

/**
 * Incremental detokenisation of one choice with stop strings. The whole generated text is decoded again after
 * each token (byte-level BPE can only decode complete characters), text ending in an incomplete character
 * (U+FFFD) is held back, and so is any tail that could still become a stop string. While stop strings are not honoured
 * (min_tokens) none is looked for, and later only one that ends in text added since counts (vLLM's StopChecker looks
 * at the new characters only).
 */
final class TextTracker {
    private final Tokenizer tokenizer;
    private final List<String> stop;
    private final int holdBack;
    private final IntList generated = new IntList();
    private String text = "";
    private int emitted;
    /** A stop string counts only if it ends after this many characters (text before is past min_tokens' check). */
    private int stopsEndAfter;
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

    /** Adds a token (stop strings honoured); returns the text that can be released now. */
    String add(int token) {
        return add(token, true);
    }

    /**
     * Adds a token; returns the text that can be released now.
     *
     * @param honourStops false before min_tokens: no stop string ends the text yet
     */
    String add(int token, boolean honourStops) {
        if (tokenizer == null) {
            return "";
        }
        generated.add(token);
        text = tokenizer.decode(generated.toArray());
        if (!honourStops) {
            stopsEndAfter = text.length();
        }
        int cut = -1;
        for (String s : honourStops ? stop : List.<String>of()) {
            int from = Math.max(emitted, stopsEndAfter) - s.length() + 1;
            int at = text.indexOf(s, Math.max(0, from));
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
