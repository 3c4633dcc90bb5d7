package io.mlsyslab.inference.config;

import io.mlsyslab.inference.engine.EngineConfig;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code mlsyslab.inference.*}: where weights live, upload limits and the engine's limits (one engine per served
 * model, each with these limits).
 *
 * @param modelDir          directory of uploaded models ({@code <id>/config.json, model.safetensors, ...})
 * @param maxModelBytes     largest upload (all parts together); 413 above
 * @param maxBatchedTokens  rows per iteration
 * @param maxRunning        sequences holding KV memory at once per engine
 * @param maxWaiting        sequences queued beyond the running ones before 429
 * @param kvCacheBytes      KV memory per engine
 * @param pageSize          positions per KV page
 * @param nanoBatches       1 = sequential stages, k &gt; 1 = nano-batch pipeline
 * @param computeThreads    threads of the GEMM pool (0 = available processors)
 * @param attentionThreads  threads of the attention pool
 * @param maxStreams        concurrent SSE streams
 * @param storageTimeout    limit of every storage-service call of a {@code kvOffload: storage} engine (a request
 *                          fails with 503 instead of hanging when storage does not answer)
 */
@ConfigurationProperties("mlsyslab.inference")
public record InferenceProperties(Path modelDir, DataSize maxModelBytes, Integer maxBatchedTokens, Integer maxRunning,
                                  Integer maxWaiting, DataSize kvCacheBytes, Integer pageSize, Integer nanoBatches,
                                  Integer computeThreads, Integer attentionThreads, Integer maxStreams,
                                  java.time.Duration storageTimeout) {
    public InferenceProperties {
        modelDir = modelDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "mlsyslab-inference-models")
                : modelDir;
        maxModelBytes = maxModelBytes == null ? DataSize.ofMegabytes(60) : maxModelBytes;
        maxBatchedTokens = maxBatchedTokens == null ? 512 : maxBatchedTokens;
        maxRunning = maxRunning == null ? 32 : maxRunning;
        maxWaiting = maxWaiting == null ? 256 : maxWaiting;
        kvCacheBytes = kvCacheBytes == null ? DataSize.ofMegabytes(256) : kvCacheBytes;
        pageSize = pageSize == null ? 16 : pageSize;
        nanoBatches = nanoBatches == null ? 1 : nanoBatches;
        computeThreads = computeThreads == null || computeThreads == 0
                ? Runtime.getRuntime().availableProcessors() : computeThreads;
        attentionThreads = attentionThreads == null ? 1 : attentionThreads;
        maxStreams = maxStreams == null ? 256 : maxStreams;
        storageTimeout = storageTimeout == null ? java.time.Duration.ofSeconds(30) : storageTimeout;
    }

    /** The engine limits. */
    public EngineConfig engineConfig() {
        return new EngineConfig(maxBatchedTokens, maxRunning, maxWaiting, kvCacheBytes.toBytes(), pageSize,
                nanoBatches, computeThreads, attentionThreads);
    }
}
