package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.corpus.Corpora;
import io.mlsyslab.nn.corpus.SyntheticLanguage;
import io.mlsyslab.nn.tokenizer.CharTokenizer;

/**
 * A tokenised corpus split into a training part (the first 90%) and a held-out part (the last 10%), with the
 * character tokenizer that maps it. Synthetic symbols {@code i} are written as the characters {@code '!' + i} so
 * the same char tokenizer file describes every corpus kind.
 */
public record Corpus(int[] train, int[] heldOut, CharTokenizer tokenizer, double entropyFloor) {
    /** Branching and smoothing of the synthetic language. */
    public static final int SYNTHETIC_BRANCHING = 3;
    public static final double SYNTHETIC_SMOOTHING = 0.05;

    public int vocabSize() {
        return tokenizer.vocabSize();
    }

    /** Builds (deterministically) the corpus of {@code spec}; {@code seed} seeds the synthetic language. */
    public static Corpus load(CorpusSpec spec, long seed) {
        int[] tokens;
        CharTokenizer tok;
        double floor = Double.NaN;
        switch (spec.kind()) {
            case "synthetic" -> {
                SyntheticLanguage lang = new SyntheticLanguage(spec.syntheticVocab(), SYNTHETIC_BRANCHING,
                        SYNTHETIC_SMOOTHING, seed);
                tokens = lang.generate(spec.corpusTokens(), seed + 1);
                StringBuilder alphabet = new StringBuilder();
                for (int i = 0; i < spec.syntheticVocab(); i++) {
                    alphabet.append((char) ('!' + i));
                }
                tok = CharTokenizer.fromCorpus(alphabet.toString());
                floor = lang.entropyPerToken();
            }
            case "kjv" -> {
                String kjv = Corpora.kjvExcerpt();
                String text = kjv.substring(0, Math.min(spec.corpusTokens(), kjv.length()));
                tok = CharTokenizer.fromCorpus(text);
                tokens = tok.encode(text);
            }
            default -> {
                tok = CharTokenizer.fromCorpus(spec.text());
                tokens = tok.encode(spec.text());
            }
        }
        int split = (int) (tokens.length * 0.9);
        return new Corpus(java.util.Arrays.copyOfRange(tokens, 0, split),
                java.util.Arrays.copyOfRange(tokens, split, tokens.length), tok, floor);
    }
}
