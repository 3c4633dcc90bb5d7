package io.mlsyslab.nn.train;

import io.mlsyslab.nn.kernel.CausalAttention;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.Gelu;
import io.mlsyslab.nn.kernel.LayerNorm;
import io.mlsyslab.nn.kernel.Sgemm;
import io.mlsyslab.nn.kernel.Softmax;
import io.mlsyslab.nn.kernel.VectorOps;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import java.util.Arrays;

/**
 * Full-sequence forward pass, cross-entropy loss and exact backward pass of a {@link Gpt2Model} for a fixed batch
 * shape {@code [batch, seqLen]}.
 *
 * <p>Activations are allocated once per instance and reused across steps, so one pass object serves a whole
 * training run. {@link #forward} keeps everything {@link #backward} needs (LayerNorm statistics, attention
 * probabilities, pre-GELU activations); {@link #backward} adds (does not overwrite) into a gradient vector with the
 * model's layout, so gradient accumulation over micro-batches is just calling it repeatedly.
 * Instances are not thread-safe; the heavy loops run on the given {@link ComputePool}.
 */
public final class Gpt2TrainingPass {
    private final Gpt2Model model;
    private final ComputePool pool;
    private final int batch, seqLen, n, c, v, nHead, nLayer;
    private final CausalAttention.Shape attShape;

    private final float[] encoded;
    private final float[][] ln1, ln1Mean, ln1Rstd, qkv, probs, atty, res2, ln2, ln2Mean, ln2Rstd, fch, fchGelu, res3;
    private final float[] lnf, lnfMean, lnfRstd, logits, softmax;
    private final float[] dres, dln, dqkv, datty, dfch, dfchGelu;
    private int[] tokens, targets;
    private float loss = Float.NaN;

    /**
     * Allocates activations for one batch shape.
     *
     * @param pool threads used by the matrix multiplies and attention
     */
    public Gpt2TrainingPass(Gpt2Model model, int batch, int seqLen, ComputePool pool) {
        GptConfig cfg = model.config();
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be >= 1, was " + batch);
        }
        if (seqLen < 1 || seqLen > cfg.nPositions()) {
            throw new IllegalArgumentException("seqLen: must be in 1.." + cfg.nPositions() + ", was " + seqLen);
        }
        this.model = model;
        this.pool = pool;
        this.batch = batch;
        this.seqLen = seqLen;
        this.n = batch * seqLen;
        this.c = cfg.nEmbd();
        this.v = cfg.vocabSize();
        this.nHead = cfg.nHead();
        this.nLayer = cfg.nLayer();
        this.attShape = new CausalAttention.Shape(seqLen, nHead, nHead, cfg.headDim());
        encoded = new float[n * c];
        ln1 = new float[nLayer][n * c];
        ln1Mean = new float[nLayer][n];
        ln1Rstd = new float[nLayer][n];
        qkv = new float[nLayer][n * 3 * c];
        probs = new float[nLayer][batch * nHead * seqLen * seqLen];
        atty = new float[nLayer][n * c];
        res2 = new float[nLayer][n * c];
        ln2 = new float[nLayer][n * c];
        ln2Mean = new float[nLayer][n];
        ln2Rstd = new float[nLayer][n];
        fch = new float[nLayer][n * 4 * c];
        fchGelu = new float[nLayer][n * 4 * c];
        res3 = new float[nLayer][n * c];
        lnf = new float[n * c];
        lnfMean = new float[n];
        lnfRstd = new float[n];
        logits = new float[n * v];
        softmax = new float[n * v];
        dres = new float[n * c];
        dln = new float[n * c];
        dqkv = new float[n * 3 * c];
        datty = new float[n * c];
        dfch = new float[n * 4 * c];
        dfchGelu = new float[n * 4 * c];
    }

    /** The model whose parameters this pass reads. */
    public Gpt2Model model() {
        return model;
    }

    /**
     * Runs the forward pass on {@code tokens} ({@code batch * seqLen}, row-major) and, when {@code targets} is not
     * null, the mean cross-entropy against them.
     *
     * @return the mean loss, or NaN when targets is null
     */
    public float forward(int[] tokens, int[] targets) {
        checkTokens("tokens", tokens);
        if (targets != null) {
            checkTokens("targets", targets);
        }
        this.tokens = tokens.clone();
        this.targets = targets == null ? null : targets.clone();
        float[] p = model.params().data();
        int wte = model.wteOffset(), wpe = model.wpeOffset();
        for (int i = 0; i < n; i++) {
            int t = i % seqLen;
            System.arraycopy(p, wte + tokens[i] * c, encoded, i * c, c);
            VectorOps.add(p, wpe + t * c, encoded, i * c, c);
        }
        float eps = model.config().layerNormEpsilon();
        for (int l = 0; l < nLayer; l++) {
            Gpt2Model.LayerOffsets o = model.layer(l);
            float[] resid = l == 0 ? encoded : res3[l - 1];
            LayerNorm.forward(resid, 0, p, o.ln1w(), p, o.ln1b(), eps, n, c, ln1[l], 0, ln1Mean[l], ln1Rstd[l], 0);
            linear(ln1[l], c, p, o.attnW(), o.attnB(), 3 * c, qkv[l]);
            float[] q = qkv[l], pr = probs[l], at = atty[l];
            pool.parallelFor(batch, b -> CausalAttention.forward(attShape,
                    q, b * seqLen * 3 * c, 3 * c, q, b * seqLen * 3 * c + c, 3 * c, q, b * seqLen * 3 * c + 2 * c, 3 * c,
                    at, b * seqLen * c, c, pr, b * nHead * seqLen * seqLen));
            linear(atty[l], c, p, o.projW(), o.projB(), c, res2[l]);
            VectorOps.add(resid, 0, res2[l], 0, n * c);
            LayerNorm.forward(res2[l], 0, p, o.ln2w(), p, o.ln2b(), eps, n, c, ln2[l], 0, ln2Mean[l], ln2Rstd[l], 0);
            linear(ln2[l], c, p, o.fcW(), o.fcB(), 4 * c, fch[l]);
            Gelu.forward(fch[l], 0, fchGelu[l], 0, n * 4 * c);
            linear(fchGelu[l], 4 * c, p, o.fcProjW(), o.fcProjB(), c, res3[l]);
            VectorOps.add(res2[l], 0, res3[l], 0, n * c);
        }
        LayerNorm.forward(res3[nLayer - 1], 0, p, model.lnfWeightOffset(), p, model.lnfBiasOffset(), eps, n, c,
                lnf, 0, lnfMean, lnfRstd, 0);
        Sgemm.sgemm(pool, false, true, n, v, c, 1f, lnf, 0, c, p, wte, c, 0f, logits, 0, v);
        if (targets == null) {
            loss = Float.NaN;
            return loss;
        }
        System.arraycopy(logits, 0, softmax, 0, n * v);
        double total = 0;
        for (int i = 0; i < n; i++) {
            // probabilities (not log-probabilities) are what the backward pass needs
            float lse = Softmax.softmaxLogSumExp(softmax, i * v, v);
            total += lse - logits[i * v + targets[i]];
            assert Float.isFinite(lse);
        }
        loss = (float) (total / n);
        return loss;
    }

    /**
     * Adds the gradient of the last {@link #forward} loss with respect to every parameter into {@code grads}
     * (same layout as the model's parameters).
     *
     * @throws IllegalStateException when forward has not been run with targets
     */
    public void backward(NamedTensors grads) {
        if (targets == null || Float.isNaN(loss)) {
            throw new IllegalStateException("backward: call forward with targets first");
        }
        if (grads.layout().size() != model.params().layout().size()) {
            throw new IllegalArgumentException("grads: layout does not match the model");
        }
        float[] p = model.params().data();
        float[] g = grads.data();
        int wte = model.wteOffset();
        // dlogits = (softmax - onehot) / n, written into the softmax buffer
        float invN = 1f / n;
        for (int i = 0; i < n; i++) {
            softmax[i * v + targets[i]] -= 1f;
        }
        VectorOps.scale(invN, softmax, 0, n * v);
        float[] dlogits = softmax;
        Sgemm.sgemm(pool, false, false, n, c, v, 1f, dlogits, 0, v, p, wte, c, 0f, dln, 0, c);
        Sgemm.sgemm(pool, true, false, v, c, n, 1f, dlogits, 0, v, lnf, 0, c, 1f, g, wte, c);
        Arrays.fill(dres, 0f);
        LayerNorm.backward(dln, 0, res3[nLayer - 1], 0, p, model.lnfWeightOffset(), lnfMean, lnfRstd, 0, n, c,
                dres, 0, g, model.lnfWeightOffset(), g, model.lnfBiasOffset());
        for (int l = nLayer - 1; l >= 0; l--) {
            Gpt2Model.LayerOffsets o = model.layer(l);
            float[] resid = l == 0 ? encoded : res3[l - 1];
            // MLP: res3 = res2 + fcProj(gelu(fc(ln2(res2))))
            linearBackward(fchGelu[l], 4 * c, p, o.fcProjW(), c, dres, dfchGelu, g, o.fcProjW(), o.fcProjB());
            Arrays.fill(dfch, 0f);
            Gelu.backward(fch[l], 0, dfchGelu, 0, dfch, 0, n * 4 * c);
            linearBackward(ln2[l], c, p, o.fcW(), 4 * c, dfch, dln, g, o.fcW(), o.fcB());
            LayerNorm.backward(dln, 0, res2[l], 0, p, o.ln2w(), ln2Mean[l], ln2Rstd[l], 0, n, c,
                    dres, 0, g, o.ln2w(), g, o.ln2b());
            // attention: res2 = resid + proj(attn(qkv(ln1(resid))))
            linearBackward(atty[l], c, p, o.projW(), c, dres, datty, g, o.projW(), o.projB());
            Arrays.fill(dqkv, 0f);
            float[] q = qkv[l], pr = probs[l];
            pool.parallelFor(batch, b -> {
                int base = b * seqLen * 3 * c;
                CausalAttention.backward(attShape, datty, b * seqLen * c, c, pr, b * nHead * seqLen * seqLen,
                        q, base, 3 * c, q, base + c, 3 * c, q, base + 2 * c, 3 * c,
                        dqkv, base, dqkv, base + c, dqkv, base + 2 * c);
            });
            linearBackward(ln1[l], c, p, o.attnW(), 3 * c, dqkv, dln, g, o.attnW(), o.attnB());
            LayerNorm.backward(dln, 0, resid, 0, p, o.ln1w(), ln1Mean[l], ln1Rstd[l], 0, n, c,
                    dres, 0, g, o.ln1w(), g, o.ln1b());
        }
        int wpe = model.wpeOffset();
        for (int i = 0; i < n; i++) {
            VectorOps.add(dres, i * c, g, wte + tokens[i] * c, c);
            VectorOps.add(dres, i * c, g, wpe + (i % seqLen) * c, c);
        }
    }

    /** Mean loss of the last forward pass (NaN without targets). */
    public float loss() {
        return loss;
    }

    /** Logits of the last forward pass, {@code [batch * seqLen, vocab]} row-major (a live buffer, not a copy). */
    public float[] logits() {
        return logits;
    }

    /** Batch size this pass was built for. */
    public int batch() {
        return batch;
    }

    /** Sequence length this pass was built for. */
    public int seqLen() {
        return seqLen;
    }

    /** {@code out[n, outDim] = in[n, inDim] @ W[inDim, outDim] + bias}. */
    private void linear(float[] in, int inDim, float[] p, int w, int bias, int outDim, float[] out) {
        Sgemm.sgemmBias(pool, false, false, n, outDim, inDim, in, 0, inDim, p, w, outDim, p, bias, out, 0, outDim);
    }

    /**
     * Given {@code dout = dL/d(out)} for {@code out = in @ W + b}: overwrites {@code din} with {@code dout @ W^T} and
     * adds {@code in^T @ dout} to dW and the column sums of dout to db.
     */
    private void linearBackward(float[] in, int inDim, float[] p, int w, int outDim, float[] dout, float[] din,
                                float[] g, int dw, int db) {
        Sgemm.sgemm(pool, false, true, n, inDim, outDim, 1f, dout, 0, outDim, p, w, outDim, 0f, din, 0, inDim);
        Sgemm.sgemm(pool, true, false, inDim, outDim, n, 1f, in, 0, inDim, dout, 0, outDim, 1f, g, dw, outDim);
        for (int i = 0; i < n; i++) {
            VectorOps.add(dout, i * outDim, g, db, outDim);
        }
    }

    private void checkTokens(String field, int[] ids) {
        if (ids == null || ids.length != n) {
            throw new IllegalArgumentException(field + ": must hold batch*seqLen=" + n + " ids, had "
                    + (ids == null ? "null" : ids.length));
        }
        for (int id : ids) {
            if (id < 0 || id >= v) {
                throw new IllegalArgumentException(field + ": id " + id + " outside vocabulary 0.." + (v - 1));
            }
        }
    }
}
