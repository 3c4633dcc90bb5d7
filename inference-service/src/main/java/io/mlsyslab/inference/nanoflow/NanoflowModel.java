package io.mlsyslab.inference.nanoflow;

/**
 * NanoFlow's throughput at paper scale for one model on one GPU group: the dense batch per workload, and the
 * iteration time of the three execution plans of the paper's ablation (Fig. 9) from {@link PipelineSimulator},
 * plus the LM head once per iteration.
 */
public final class NanoflowModel {

    /** Layers simulated while searching (steady state of the pipeline); the final figures simulate all layers. */
    public static final int SEARCH_LAYERS = 3;

    private final CostModel cm;
    private final int denseBatch;

    public NanoflowModel(CostModel cm, int denseBatch) {
        if (denseBatch < 1) {
            throw new IllegalArgumentException("denseBatch: must be >= 1");
        }
        this.cm = cm;
        this.denseBatch = denseBatch;
    }

    public CostModel costModel() {
        return cm;
    }

    /** The dense token budget used for a workload: the requested one, or less when KV memory cannot hold it. */
    public double denseTokens(Workload w) {
        ModelConfig m = cm.model();
        double filled = ClosedForms.memoryFilledDenseBatch(m, cm.gpu(), cm.gpus(), cm.bytesPerParam(), w,
                m.totalParams());
        if (filled < 1) {
            throw new IllegalArgumentException("gpus: " + m.name() + " does not fit with its KV cache on "
                    + cm.gpus() + " x " + cm.gpu().name());
        }
        return Math.min(denseBatch, Math.floor(filled));
    }

    public BatchMix batch(Workload w) {
        return BatchMix.steadyState(w, denseTokens(w));
    }

    /** One iteration's seconds under a schedule: all layers through the pipeline, then the LM head. */
    public double iterationSeconds(BatchMix b, Schedule s) {
        return PipelineSimulator.simulate(cm, b, s, cm.model().layers()).seconds()
                + cm.soloSeconds(OpKind.LM_HEAD, b);
    }

    /** Input plus output tokens per second per GPU. */
    public double tokensPerGpu(BatchMix b, Schedule s) {
        return b.tokens() / iterationSeconds(b, s) / cm.gpus();
    }

    public ScheduleSearch.Outcome search(Workload w, int minNanoBatches, int maxNanoBatches, double shareStep) {
        return ScheduleSearch.search(cm, batch(w), minNanoBatches, maxNanoBatches, shareStep,
                Math.min(SEARCH_LAYERS, cm.model().layers()));
    }

    /** Eq. 5 with the GPU's sustained GEMM rate. */
    public double optimalTokensPerGpu() {
        return ClosedForms.optimalTokensPerGpu(cm.model(), cm.gpu().effectiveFlops());
    }
}
