package io.mlsyslab.inference.serving;

/**
 * The files of a model, from any source (an HTTP upload, a training run's checkpoint, a test): HF
 * {@code config.json}, {@code model.safetensors}, and optionally a GPT-2 BPE tokenizer ({@code vocab.json} +
 * {@code merges.txt}) or a character tokenizer ({@code {"type":"char","vocab":[...]}}). Absent parts are null.
 */
public record ModelUpload(byte[] config, byte[] weights, byte[] vocab, byte[] merges, byte[] charTokenizer) {

    /** Total bytes of all parts. */
    public long size() {
        return len(config) + len(weights) + len(vocab) + len(merges) + len(charTokenizer);
    }

    private static long len(byte[] b) {
        return b == null ? 0 : b.length;
    }
}
