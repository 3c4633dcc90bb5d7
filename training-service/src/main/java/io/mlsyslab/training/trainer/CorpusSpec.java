package io.mlsyslab.training.trainer;

/**
 * Which text a run trains on.
 *
 * @param kind           {@code synthetic} (a seeded Markov language of {@code syntheticVocab} symbols, see
 *                       {@code SyntheticLanguage}), {@code kjv} (the first {@code corpusTokens} characters of the
 *                       bundled King James excerpt) or {@code text} (the given text, character-level)
 * @param syntheticVocab symbols of the synthetic language, 2..64
 * @param corpusTokens   tokens to generate (synthetic) or characters to take (kjv); ignored for text
 * @param text           the uploaded text for kind {@code text}, at most {@value #MAX_TEXT_CHARS} characters
 */
public record CorpusSpec(String kind, int syntheticVocab, int corpusTokens, String text) {
    public static final String KINDS = "synthetic|kjv|text";
    public static final int MAX_TEXT_CHARS = 1_000_000;
    public static final int MAX_CORPUS_TOKENS = 2_000_000;
    /** Distinct characters of the whole bundled KJV excerpt (an upper bound for any prefix). */
    public static final int KJV_MAX_VOCAB = 80;

    public CorpusSpec {
        switch (kind == null ? "" : kind) {
            case "synthetic" -> {
                if (syntheticVocab < 2 || syntheticVocab > 64) {
                    throw new IllegalArgumentException("syntheticVocab: must be in 2..64, was " + syntheticVocab);
                }
            }
            case "kjv" -> {
            }
            case "text" -> {
                if (text == null || text.isEmpty()) {
                    throw new IllegalArgumentException("text: required when corpus is 'text'");
                }
                if (text.length() > MAX_TEXT_CHARS) {
                    throw new IllegalArgumentException("text: at most " + MAX_TEXT_CHARS + " characters, was "
                            + text.length());
                }
            }
            default -> throw new IllegalArgumentException("corpus: must be one of " + KINDS + ", was " + kind);
        }
        if (!"text".equals(kind) && (corpusTokens < 1000 || corpusTokens > MAX_CORPUS_TOKENS)) {
            throw new IllegalArgumentException("corpusTokens: must be in 1000.." + MAX_CORPUS_TOKENS + ", was "
                    + corpusTokens);
        }
        if (!"text".equals(kind)) {
            text = null;
        }
    }

    /** An upper bound of the vocabulary size, known without building the corpus. */
    public int vocabBound() {
        return switch (kind) {
            case "synthetic" -> syntheticVocab;
            case "kjv" -> KJV_MAX_VOCAB;
            default -> (int) text.codePoints().distinct().count();
        };
    }

    /** A lower bound of the corpus length in tokens, known without building it (the KJV excerpt is ~2 MB). */
    public int lengthLowerBound() {
        return switch (kind) {
            case "synthetic" -> corpusTokens;
            case "kjv" -> Math.min(corpusTokens, 1_000_000);
            default -> text.codePointCount(0, text.length());
        };
    }
}
