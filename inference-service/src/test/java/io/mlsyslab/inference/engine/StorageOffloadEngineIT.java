package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.bench.StorageProcess;
import io.mlsyslab.inference.serving.StorageKvBackend;
import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchGreedy;
import io.mlsyslab.platform.test.TestSigning;
import io.mlsyslab.storage.client.StorageKvClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine with {@code kvOffload: storage} against a REAL storage-service: the module's built exec jar
 * ({@code storage-service/target/storage-service-*-exec.jar}; the test fails, never skips, when it was not built —
 * {@code ./mvnw verify} packages storage-service before inference-service's integration tests) started as a
 * process on an embedded PostgreSQL. Greedy output equals PyTorch's committed tokens and nn-core's reference decode
 * across batch compositions, chunked prefill, preemption (stored sequence deleted and recomputed) and the nano-batch
 * pipeline (remote attention on the network executor); every stored sequence is deleted afterwards.
 */
class StorageOffloadEngineIT {
    private static Path dataDir;
    private static StorageProcess storage;
    private static String url;

    @BeforeAll
    static void startStorage() throws Exception {
        if (StorageProcess.findJar() == null) {
            throw new AssertionError("storage-service exec jar not built: run the whole ./mvnw verify, or first "
                    + "./mvnw -pl storage-client,storage-service -am -DskipTests package");
        }
        dataDir = Files.createTempDirectory("offload-it");
        storage = StorageProcess.start(2, null, dataDir);
        url = storage.url();
    }

    @AfterAll
    static void stopStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (dataDir != null) {
            StorageProcess.deleteTree(dataDir);
        }
    }

    @ParameterizedTest(name = "maxBatched={0} kvPositions={1} nano={2}")
    @CsvSource({
            "64, 4096, 1",
            "5, 96, 2",
            "7, 112, 3",
    })
    void offloadedGreedyEqualsReferenceAcrossBatchingPreemptionAndNanoBatches(int maxBatched, int kvPositions,
                                                                              int nano) throws Exception {
        PyTorchGreedy vectors = PyTorchGreedy.load("tiny36");
        Gpt2Model model = vectors.model();
        int vocab = model.config().vocabSize();
        List<int[]> prompts = vectors.mixedPrompts(5, 11, vocab);
        int maxNew = vectors.tokens().length;
        long bytesPerPos = PagedKvCache.bytesPerPosition(model.config().nLayer(), model.config().nHead(),
                model.config().headDim());
        EngineConfig cfg = new EngineConfig(maxBatched, 4, 64, kvPositions * bytesPerPos, 4, nano, 2, 1);
        StorageKvClient client = new StorageKvClient(URI.create(url), Duration.ofSeconds(30),
                TestSigning.asService("inference")::headers);
        Generator reference = new Generator(model, ComputePool.serial());
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, cfg,
                cache -> new StorageKvBackend(client, model.config(), cfg.maxRunning()), null)) {
            List<Collector> collectors = new ArrayList<>();
            for (int[] p : prompts) {
                Collector c = new Collector(1);
                engine.submit(new GenerationRequest(p, Math.min(maxNew, model.config().nPositions() - p.length),
                        SamplingConfig.greedy(), 1, null, null, false, true), c);
                collectors.add(c);
            }
            for (int i = 0; i < prompts.size(); i++) {
                int[] got = collectors.get(i).await().generated(0);
                int[] want = i == 0 ? vectors.tokens()
                        : reference.generate(List.of(prompts.get(i)), got.length, SamplingConfig.greedy()).get(0);
                int safe = i == 0 ? want.length : EngineGreedyTest.safePrefix(model, prompts.get(i), want);
                assertThat(Arrays.copyOf(got, safe)).as("prompt %d", i).containsExactly(Arrays.copyOf(want, safe));
                assertThat(safe).as("prompt %d compared tokens", i).isGreaterThan(want.length / 2);
                assertThat(collectors.get(i).reasons[0]).isEqualTo("length");
            }
            if (kvPositions < 100) {
                assertThat(engine.stats().preemptions()).as("preemptions").isPositive();
            }
        }
        URI sequences = URI.create(url + "/api/storage/kv/sequences");
        HttpRequest.Builder listing = HttpRequest.newBuilder(sequences);
        TestSigning.adminHeaders("GET", sequences).forEach(listing::header);
        HttpResponse<String> list = HttpClient.newHttpClient().send(listing.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().replace(" ", "")).as("stored sequences left behind").isEqualTo("[]");
    }
}
