package io.mlsyslab.nn.decode;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.Gelu;
import io.mlsyslab.nn.kernel.LayerNorm;
import io.mlsyslab.nn.kernel.Sgemm;
import io.mlsyslab.nn.kernel.VectorOps;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;

/**
 * Inference forward pass over a set of rows, each row being one token at one position of one sequence; keys and
 * values go to an {@link AttentionBackend} and attention reads them back from there.
 *
 * <p>Prefill and decode are the same call: a prefill passes all prompt tokens of a sequence (positions 0..n-1) as
 * rows, a decode step passes one row per sequence. Rows of different sequences and lengths mix freely in one call
 * (continuous batching). Within a call every row's key and value is appended before any attention is computed,
 * so a row at position p sees positions {@code 0..p} of its sequence, including earlier rows of the same call.
 * Attention for different rows may run concurrently on the pool, so backends must allow concurrent
 * {@code attend} calls.
 *
 * <p>{@link #forward} is the composition of per-operation stages ({@link #embed}, {@link #qkv},
 * {@link #attention}, {@link #outProjection}, {@link #mlp}, {@link #head}) over a {@link Step} that holds the
 * call's activations. Each stage works on a row range, so a scheduler can split a call into nano-batches and run
 * the stages of different ranges concurrently: a stage on rows {@code [a, b)} reads and writes only those rows of
 * the step, except that {@link #attention} reads keys and values that {@link #qkv} of any earlier row of the same
 * sequence appended. The ranges must be used in the order each stage expects: embed, then per layer qkv,
 * attention, outProjection, mlp, then head.
 */
public final class Gpt2Decoder {
    private final Gpt2Model model;
    private final AttentionBackend backend;
    private final ComputePool pool;

    /** A decoder of {@code model} that keeps its keys and values in {@code backend}. */
    public Gpt2Decoder(Gpt2Model model, AttentionBackend backend, ComputePool pool) {
        this.model = model;
        this.backend = backend;
        this.pool = pool;
    }

    /** The model. */
    public Gpt2Model model() {
        return model;
    }

    /** The attention backend. */
    public AttentionBackend backend() {
        return backend;
    }

    /**
     * Runs the rows through the model.
     *
     * @param tokens    token id of each row
     * @param seqs      sequence slot of each row
     * @param positions position of each row within its sequence
     * @param emit      which rows need logits (null: all)
     * @return logits of the emitted rows, in row order, {@code [emitted, vocab]}
     */
    public float[] forward(int[] tokens, int[] seqs, int[] positions, boolean[] emit) {
        Step s = begin(tokens, seqs, positions, emit);
        int rows = s.rows();
        embed(s, 0, rows);
        for (int l = 0; l < model.config().nLayer(); l++) {
            qkv(s, l, 0, rows, pool);
            attention(s, l, 0, rows, pool);
            outProjection(s, l, 0, rows, pool);
            mlp(s, l, 0, rows, pool);
        }
        head(s, 0, rows, pool);
        return s.logits();
    }

    /** Validates the rows of one call and allocates its activations. */
    public Step begin(int[] tokens, int[] seqs, int[] positions, boolean[] emit) {
        GptConfig cfg = model.config();
        int rows = tokens.length;
        if (seqs.length != rows || positions.length != rows || (emit != null && emit.length != rows)) {
            throw new IllegalArgumentException("seqs: tokens, seqs, positions and emit must have the same length");
        }
        int v = cfg.vocabSize();
        for (int r = 0; r < rows; r++) {
            if (tokens[r] < 0 || tokens[r] >= v) {
                throw new IllegalArgumentException("tokens: id " + tokens[r] + " outside vocabulary 0.." + (v - 1));
            }
            if (positions[r] < 0 || positions[r] >= cfg.nPositions()) {
                throw new IllegalArgumentException("positions: " + positions[r] + " outside 0.."
                        + (cfg.nPositions() - 1));
            }
        }
        return new Step(cfg, tokens, seqs, positions, emit);
    }

    /** Token plus position embeddings of rows {@code [from, to)}. */
    public void embed(Step s, int from, int to) {
        int c = s.c;
        float[] p = model.params().data();
        for (int r = from; r < to; r++) {
            System.arraycopy(p, model.wteOffset() + s.tokens[r] * c, s.x, r * c, c);
            VectorOps.add(p, model.wpeOffset() + s.positions[r] * c, s.x, r * c, c);
        }
    }

    /** First layer norm and the QKV projection of rows {@code [from, to)}; appends their keys and values. */
    public void qkv(Step s, int layer, int from, int to, ComputePool pool) {
        int c = s.c, rows = to - from;
        if (rows <= 0) {
            return;
        }
        float[] p = model.params().data();
        Gpt2Model.LayerOffsets o = model.layer(layer);
        LayerNorm.forward(s.x, from * c, p, o.ln1w(), p, o.ln1b(), s.eps, rows, c, s.ln, from * c, null, null, 0);
        linear(pool, from, rows, s.ln, c, p, o.attnW(), o.attnB(), 3 * c, s.qkv);
        backend.appendBatch(layer, s.seqs, s.positions, from, to, s.qkv, c, s.qkv, 2 * c, 3 * c);
    }

    /** Attention of rows {@code [from, to)} over their sequences up to and including their own position. */
    public void attention(Step s, int layer, int from, int to, ComputePool pool) {
        int c = s.c;
        backend.attendBatch(layer, s.seqs, s.lengths, from, to, s.qkv, 0, 3 * c, s.att, 0, c, pool);
    }

    /** Output projection of the attention of rows {@code [from, to)}, added to the residual stream. */
    public void outProjection(Step s, int layer, int from, int to, ComputePool pool) {
        int c = s.c, rows = to - from;
        if (rows <= 0) {
            return;
        }
        float[] p = model.params().data();
        Gpt2Model.LayerOffsets o = model.layer(layer);
        linear(pool, from, rows, s.att, c, p, o.projW(), o.projB(), c, s.tmp);
        VectorOps.add(s.tmp, from * c, s.x, from * c, rows * c);
    }

    /** Second layer norm and the MLP of rows {@code [from, to)}, added to the residual stream. */
    public void mlp(Step s, int layer, int from, int to, ComputePool pool) {
        int c = s.c, rows = to - from;
        if (rows <= 0) {
            return;
        }
        float[] p = model.params().data();
        Gpt2Model.LayerOffsets o = model.layer(layer);
        LayerNorm.forward(s.x, from * c, p, o.ln2w(), p, o.ln2b(), s.eps, rows, c, s.ln, from * c, null, null, 0);
        linear(pool, from, rows, s.ln, c, p, o.fcW(), o.fcB(), 4 * c, s.fc);
        Gelu.forward(s.fc, from * 4 * c, s.fcAct, from * 4 * c, rows * 4 * c);
        linear(pool, from, rows, s.fcAct, 4 * c, p, o.fcProjW(), o.fcProjB(), c, s.tmp);
        VectorOps.add(s.tmp, from * c, s.x, from * c, rows * c);
    }

    /** Final layer norm and the tied LM head of the emitted rows among {@code [from, to)}, into {@link Step#logits}. */
    public void head(Step s, int from, int to, ComputePool pool) {
        int c = s.c, v = s.vocab;
        float[] p = model.params().data();
        int first = -1, count = 0;
        for (int r = from; r < to; r++) {
            if (s.emitIndex[r] >= 0) {
                if (first < 0) {
                    first = s.emitIndex[r];
                }
                LayerNorm.forward(s.x, r * c, p, model.lnfWeightOffset(), p, model.lnfBiasOffset(), s.eps, 1, c,
                        s.lnf, s.emitIndex[r] * c, null, null, 0);
                count++;
            }
        }
        if (count > 0) {
            Sgemm.sgemm(pool, false, true, count, v, c, 1f, s.lnf, first * c, c, p, model.wteOffset(), c, 0f,
                    s.logits, first * v, v);
        }
    }

    private void linear(ComputePool pool, int from, int rows, float[] in, int inDim, float[] p, int w, int bias,
                        int outDim, float[] out) {
        // the bias goes into each tile as it is stored (the same sums as copying it first and accumulating)
        Sgemm.sgemmBias(pool, false, false, rows, outDim, inDim, in, from * inDim, inDim, p, w, outDim, p, bias, out,
                from * outDim, outDim);
    }

    /**
     * The activations of one forward call over a fixed set of rows. Stages on disjoint row ranges touch disjoint
     * parts of it, so they may run concurrently.
     */
    public static final class Step {
        private final int c, vocab, rows, emitted;
        private final float eps;
        private final int[] tokens, seqs, positions, lengths, emitIndex;
        private final float[] x, ln, qkv, att, tmp, fc, fcAct, lnf, logits;

        private Step(GptConfig cfg, int[] tokens, int[] seqs, int[] positions, boolean[] emit) {
            this.c = cfg.nEmbd();
            this.vocab = cfg.vocabSize();
            this.eps = cfg.layerNormEpsilon();
            this.rows = tokens.length;
            this.tokens = tokens;
            this.seqs = seqs;
            this.positions = positions;
            this.lengths = new int[rows];
            this.emitIndex = new int[rows];
            int e = 0;
            for (int r = 0; r < rows; r++) {
                lengths[r] = positions[r] + 1;
                emitIndex[r] = emit == null || emit[r] ? e++ : -1;
            }
            this.emitted = e;
            this.x = new float[rows * c];
            this.ln = new float[rows * c];
            this.qkv = new float[rows * 3 * c];
            this.att = new float[rows * c];
            this.tmp = new float[rows * c];
            this.fc = new float[rows * 4 * c];
            this.fcAct = new float[rows * 4 * c];
            this.lnf = new float[emitted * c];
            this.logits = new float[emitted * vocab];
        }

        /** Rows of the call. */
        public int rows() {
            return rows;
        }

        /** Sequence slot of each row (not a copy). */
        public int[] seqs() {
            return seqs;
        }

        /** Rows that produce logits. */
        public int emitted() {
            return emitted;
        }

        /** Logits of the emitted rows in row order, {@code [emitted, vocab]} (not a copy). */
        public float[] logits() {
            return logits;
        }
    }
}
