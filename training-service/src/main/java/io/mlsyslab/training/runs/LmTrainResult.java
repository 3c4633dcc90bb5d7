package io.mlsyslab.training.runs;

import java.util.List;

/**
 * Result of {@code lm-train}.
 *
 * @param entropyFloor        entropy rate of the synthetic language (nats/token), the loss no model can beat; null
 *                            for text corpora
 * @param totalBytes          bytes sent by all workers, counted at the transport (whole messages)
 * @param bytesSentPerWorker  per worker
 * @param peakSyncBytes       most bytes one worker sent in one synchronisation
 * @param tokensPerSecond     tokens processed by all workers / wall seconds
 */
public record LmTrainResult(String algorithm, String quantisation, String transport, int workers, int innerSteps,
                            int fragments, int overlap, double alpha, long parameters, int vocabSize,
                            int innerStepsRun, long tokens, double finalEvalLoss, double finalTrainLoss,
                            Double entropyFloor, long totalBytes, List<Long> bytesSentPerWorker, long peakSyncBytes,
                            int syncs, double wallSeconds, double tokensPerSecond) {
}
