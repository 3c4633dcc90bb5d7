package io.mlsyslab.inference.bench;

import io.mlsyslab.inference.runs.ServingBenchParams;
import io.mlsyslab.inference.runs.ServingBenchResult;
import io.mlsyslab.inference.runs.ServingBenchRunAccess;
import io.mlsyslab.platform.test.RecordingRunContext;
import java.util.List;

/**
 * The serving-bench run kind from the command line: preset, requests, prompt and output tokens as arguments
 * (default medium 32 128 64), offline arrivals, sequential vs nano-batch(2) vs nano-batch(4) twice (the first round
 * warms the JIT; quote the second), one compute and one
 * attention thread. A sixth argument {@code storage} offloads the KV to the storage-service at system property
 * {@code storage} (default http://localhost:8081); a seventh sets the pipelines (comma-separated, default
 * sequential,nano-batch(2),nano-batch(4) twice). Run: see benchmarks/INFERENCE-BENCHMARKS.md.
 */
public final class ServingComparisonMain {
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "medium";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int prompt = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int output = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String kvOffload = args.length > 5 ? args[5] : "none";
        List<String> pipelines = args.length > 6 ? List.of(args[6].split(","))
                : List.of("sequential", "nano-batch(2)", "nano-batch(4)", "sequential", "nano-batch(2)",
                "nano-batch(4)");
        ServingBenchParams p = new ServingBenchParams(preset, 1L, requests, "offline", null, "fixed", prompt, output,
                null, pipelines, kvOffload, 512, 64, 256, threads, 1, 0.0);
        ServingBenchResult r = ServingBenchRunAccess.run(p, new RecordingRunContext(),
                System.getProperty("storage", "http://localhost:8081"));
        System.out.println("cpu: " + r.cpu() + ", preset " + preset + " (" + r.parameters() + " parameters), "
                + requests + " requests x " + prompt + "+" + output + " tokens, greedy outputs equal: "
                + r.greedyOutputsEqual() + ", kvOffload " + r.kvOffload());
        for (ServingBenchResult.Pipeline pl : r.pipelines()) {
            System.out.printf("%-14s %7.2f s  out %8.0f tok/s  total %8.0f tok/s  TTFT p50 %.3f p99 %.3f s  "
                            + "TPOT p50 %.4f p99 %.4f s  rows/iter %.1f (max %d)  busy compute %.2f memory %.2f"
                            + " network %.2f  speedup %s%n", pl.pipeline(), pl.wallSeconds(), pl.outputTokensPerSecond(),
                    pl.totalTokensPerSecond(), pl.ttftP50Seconds(), pl.ttftP99Seconds(), pl.tpotP50Seconds(),
                    pl.tpotP99Seconds(), pl.meanBatchRows(), pl.maxBatchRows(), pl.computeBusyShare(),
                    pl.memoryBusyShare(), pl.networkBusyShare(), pl.speedupVsFirst() == null ? "-" : String.format("%.2f",
                            pl.speedupVsFirst()));
        }
    }
}
