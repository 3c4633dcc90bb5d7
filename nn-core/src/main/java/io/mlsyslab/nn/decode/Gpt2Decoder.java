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
        GptConfig cfg = model.config();
        int rows = tokens.length;
        if (seqs.length != rows || positions.length != rows || (emit != null && emit.length != rows)) {
            throw new IllegalArgumentException("seqs: tokens, seqs, positions and emit must have the same length");
        }
        int c = cfg.nEmbd(), v = cfg.vocabSize();
        float[] p = model.params().data();
        float[] x = new float[rows * c];
        for (int r = 0; r < rows; r++) {
            if (tokens[r] < 0 || tokens[r] >= v) {
                throw new IllegalArgumentException("tokens: id " + tokens[r] + " outside vocabulary 0.." + (v - 1));
            }
            if (positions[r] < 0 || positions[r] >= cfg.nPositions()) {
                throw new IllegalArgumentException("positions: " + positions[r] + " outside 0.."
                        + (cfg.nPositions() - 1));
            }
            System.arraycopy(p, model.wteOffset() + tokens[r] * c, x, r * c, c);
            VectorOps.add(p, model.wpeOffset() + positions[r] * c, x, r * c, c);
        }
        float[] ln = new float[rows * c], qkv = new float[rows * 3 * c], att = new float[rows * c];
        float[] tmp = new float[rows * c], fc = new float[rows * 4 * c], fcAct = new float[rows * 4 * c];
        float eps = cfg.layerNormEpsilon();
        for (int l = 0; l < cfg.nLayer(); l++) {
            Gpt2Model.LayerOffsets o = model.layer(l);
            LayerNorm.forward(x, 0, p, o.ln1w(), p, o.ln1b(), eps, rows, c, ln, 0, null, null, 0);
            linear(rows, ln, c, p, o.attnW(), o.attnB(), 3 * c, qkv);
            for (int r = 0; r < rows; r++) {
                backend.append(l, seqs[r], positions[r], qkv, r * 3 * c + c, qkv, r * 3 * c + 2 * c);
            }
            int layer = l;
            pool.parallelFor(Math.min(rows, pool.threads()), lane -> {
                for (int r = lane; r < rows; r += Math.min(rows, pool.threads())) {
                    backend.attend(layer, seqs[r], positions[r] + 1, qkv, r * 3 * c, att, r * c);
                }
            });
            linear(rows, att, c, p, o.projW(), o.projB(), c, tmp);
            VectorOps.add(tmp, 0, x, 0, rows * c);
            LayerNorm.forward(x, 0, p, o.ln2w(), p, o.ln2b(), eps, rows, c, ln, 0, null, null, 0);
            linear(rows, ln, c, p, o.fcW(), o.fcB(), 4 * c, fc);
            Gelu.forward(fc, 0, fcAct, 0, rows * 4 * c);
            linear(rows, fcAct, 4 * c, p, o.fcProjW(), o.fcProjB(), c, tmp);
            VectorOps.add(tmp, 0, x, 0, rows * c);
        }
        int emitted = 0;
        for (int r = 0; r < rows; r++) {
            if (emit == null || emit[r]) {
                LayerNorm.forward(x, r * c, p, model.lnfWeightOffset(), p, model.lnfBiasOffset(), eps, 1, c,
                        ln, emitted * c, null, null, 0);
                emitted++;
            }
        }
        float[] logits = new float[emitted * v];
        Sgemm.sgemm(pool, false, true, emitted, v, c, 1f, ln, 0, c, p, model.wteOffset(), c, 0f, logits, 0, v);
        return logits;
    }

    private void linear(int rows, float[] in, int inDim, float[] p, int w, int bias, int outDim, float[] out) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p, bias, out, r * outDim, outDim);
        }
        Sgemm.sgemm(pool, false, false, rows, outDim, inDim, 1f, in, 0, inDim, p, w, outDim, 1f, out, 0, outDim);
    }
}
