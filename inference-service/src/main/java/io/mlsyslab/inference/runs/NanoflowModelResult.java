package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.nanoflow.Comparison;
import io.mlsyslab.inference.nanoflow.NanoflowStudy;
import io.mlsyslab.inference.nanoflow.WorkloadPrediction;

import java.util.List;

/**
 * Result of a {@code nanoflow-model} run.
 *
 * @param model             model name
 * @param gpu               GPU profile name
 * @param gpus              tensor-parallel GPUs
 * @param closedForms       Table 2, Eq. 5 (1857 and 2000, with the note), Fig. 3 and Fig. 2 for this hardware
 * @param predictions       per workload: non-overlap, nano-batch only, NanoFlow, optimal, the searched schedule
 * @param comparisons       each reproduced number next to the paper's, with its relative error and criterion
 * @param comparisonsWithin how many comparisons meet their criterion
 * @param elapsedSeconds    wall time of the run
 */
public record NanoflowModelResult(String model, String gpu, int gpus, NanoflowStudy.ClosedFormsReport closedForms,
                                  List<WorkloadPrediction> predictions, List<Comparison> comparisons,
                                  long comparisonsWithin, double elapsedSeconds) {
}
