package io.mlsyslab.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.decode.CachedAttention;
import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.decode.Sampler;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.decode.SegmentKvCache;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.ReferenceKernels;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.TestSigning;
import io.mlsyslab.platform.test.ServiceSmokeIT;
import io.mlsyslab.storage.client.KvFraming;
import io.mlsyslab.storage.client.RemoteAttentionBackend;
import io.mlsyslab.storage.client.SequenceHandle;
import io.mlsyslab.storage.client.StorageKvClient;
import io.mlsyslab.storage.kv.RowCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The KV data plane over HTTP (plus the platform smoke checks of the storage service). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KvApiIT extends ServiceSmokeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final SplittableRandom random = new SplittableRandom(3);

    @LocalServerPort
    int serverPort;

    @Autowired
    JdbcClient jdbcClient;

    KvApiIT() {
        super("storage");
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("kv-api-it");
        registry.add("mlsyslab.storage.data-dir", dir::toString);
        registry.add("mlsyslab.storage.page-size", () -> "512");
        registry.add("mlsyslab.storage.block-pages", () -> "8");
        registry.add("mlsyslab.storage.channels", () -> "3");
    }

    private String base() {
        return "http://localhost:" + serverPort + "/api/storage/kv";
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(http.build(b), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aWriterDeletesOnlyItsOwnSequencesAndAnAdminAny() {
        String shape = "{\"layers\":1,\"kvHeads\":1,\"headDim\":8,\"dtype\":\"f32\"}";
        HttpJson alice = http.as("alice", "writer");
        HttpJson.Response created = alice.post("/api/storage/kv/sequences", shape);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("owner").asString()).isEqualTo("alice");
        String path = "/api/storage/kv/sequences/" + created.json().path("id").asString();

        HttpJson.Response refused = http.as("bob", "writer").send("DELETE", path,
                java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("created by 'alice'")
                .contains("only its creator or an admin may delete it");
        assertThat(http.get(path).status()).isEqualTo(200);
        assertThat(alice.send("DELETE", path, java.net.http.HttpRequest.BodyPublishers.noBody()).status())
                .isEqualTo(204);

        String bobs = "/api/storage/kv/sequences/"
                + http.as("bob", "writer").post("/api/storage/kv/sequences", shape).json().path("id").asString();
        assertThat(http.as("carol", "admin").send("DELETE", bobs, java.net.http.HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(204);
        // a forged owner without signature is not even heard
        assertThat(http.unsigned().post("/api/storage/kv/sequences", shape, "X-Lab-Principal", "mallory").status())
                .isEqualTo(401);
    }

    private void assertProblem(HttpResponse<byte[]> res, int status, String field) {
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        var json = HttpJson.parse(new String(res.body()));
        assertThat(json.path("errors").get(0).path("field").asString()).as(new String(res.body())).isEqualTo(field);
    }

    private float[] rand(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private UUID create(int layers, int kvHeads, int headDim, String dtype) throws Exception {
        HttpResponse<byte[]> res = send("POST", "/sequences", ("{\"layers\":" + layers + ",\"kvHeads\":" + kvHeads
                + ",\"headDim\":" + headDim + ",\"dtype\":\"" + dtype + "\"}").getBytes(), "application/json");
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(201);
        var json = HttpJson.parse(new String(res.body()));
        assertThat(json.path("length").asInt()).isZero();
        assertThat(json.path("dtype").asString()).isEqualTo(dtype);
        assertThat(res.headers().firstValue("Location").orElseThrow()).endsWith("/sequences/" + json.path("id").asString());
        return UUID.fromString(json.path("id").asString());
    }

    @Test
    void appendFetchAndAttentionRoundTrip() throws Exception {
        int layers = 2, h = 2, d = 8, tokens = 37;
        UUID id = create(layers, h, d, "f16");
        float[][] k = new float[layers][], v = new float[layers][];
        ByteBuffer body = ByteBuffer.allocate(2 * layers * tokens * h * d * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < layers; l++) {
            k[l] = rand(tokens * h * d);
            v[l] = rand(tokens * h * d);
            KvFraming.encodeRows(k[l], 0, k[l].length, KvFormat.F16, body);
            KvFraming.encodeRows(v[l], 0, v[l].length, KvFormat.F16, body);
        }
        HttpResponse<byte[]> res = send("POST", "/sequences/" + id + "/append?tokens=" + tokens + "&pos=0", body.array(),
                "application/octet-stream");
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(200);
        assertThat(HttpJson.parse(new String(res.body())).path("length").asInt()).isEqualTo(tokens);
        // fetch layer 1: the bytes we sent for it
        HttpResponse<byte[]> layer = send("GET", "/sequences/" + id + "/layers/1", null, null);
        assertThat(layer.statusCode()).isEqualTo(200);
        int per = tokens * h * d * 2;
        assertThat(layer.body()).containsExactly(java.util.Arrays.copyOfRange(body.array(), 2 * per, 4 * per));
        assertThat(layer.headers().firstValue("X-Kv-Length")).contains("37");
        // attention at layer 1 with GQA 2 against the reference on the stored (rounded) values
        int hq = 4;
        float[] q = rand(hq * d);
        HttpResponse<byte[]> att = send("POST", "/sequences/" + id + "/attention?layer=1",
                KvFraming.floatsToBytes(q, 0, q.length), "application/octet-stream");
        assertThat(att.statusCode()).as(new String(att.body())).isEqualTo(200);
        float[] out = KvFraming.bytesToFloats(att.body());
        float[] expected = reference(q, round(k[1]), round(v[1]), tokens, hq, h, d);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isCloseTo(expected[i], within(1e-5f * 4));
        }
        assertThat(att.headers().firstValue("X-Kv-Bytes-Scanned")).contains(Long.toString(2L * tokens * h * d * 2));
        // sparse mode reports its error
        HttpResponse<byte[]> sparse = send("POST", "/sequences/" + id + "/attention?layer=1&sparsity=0.5&error=true",
                KvFraming.floatsToBytes(q, 0, q.length), "application/octet-stream");
        assertThat(sparse.statusCode()).isEqualTo(200);
        assertThat(Double.parseDouble(sparse.headers().firstValue("X-Kv-Sparse-Error").orElseThrow()))
                .isFinite().isGreaterThan(0.0);
        // the batched form gives the same as single calls
        UUID other = create(1, 2, 8, "f32");
        send("POST", "/sequences/" + other + "/append?tokens=5&layer=0", KvFraming.floatsToBytes(rand(160), 0, 160),
                "application/octet-stream");
        StorageKvClient client = new StorageKvClient(URI.create("http://localhost:" + serverPort),
                java.time.Duration.ofSeconds(60), TestSigning::adminHeaders);
        float[] q2 = rand(2 * d);
        List<KvFraming.BatchResult> batch = client.attentionBatch(0, List.of(new KvFraming.BatchItem(id, -1, q),
                new KvFraming.BatchItem(other, 3, q2)));
        assertThat(batch.get(0).out()).containsExactly(client.attention(id, 0, -1, q, 0, q.length));
        assertThat(batch.get(1).length()).isEqualTo(3);
        assertThat(batch.get(1).out()).containsExactly(client.attention(other, 0, 3, q2, 0, q2.length));
        // a batched per-layer append to two sequences, then a bad one (the same sequence twice)
        int[] lengths = client.appendLayerBatch(0, List.of(
                new KvFraming.AppendItem(id, tokens, 2, StorageKvClient.encodeRows(KvFormat.F16, 2, h * d,
                        rand(2 * h * d), 0, rand(2 * h * d), 0)),
                new KvFraming.AppendItem(other, -1, 1, StorageKvClient.encodeRows(KvFormat.F32, 1, 2 * 8,
                        rand(16), 0, rand(16), 0))));
        assertThat(lengths).containsExactly(tokens + 2, 6);
        byte[] twice = KvFraming.appendBatchRequest(List.of(
                new KvFraming.AppendItem(other, -1, 1, new byte[128]), new KvFraming.AppendItem(other, -1, 1,
                        new byte[128])));
        assertProblem(send("POST", "/append?layer=0", twice, "application/octet-stream"), 422, "items[1].id");
        assertProblem(send("POST", "/append?layer=0", KvFraming.appendBatchRequest(List.of(
                new KvFraming.AppendItem(UUID.randomUUID(), -1, 1, new byte[128]))), "application/octet-stream"),
                404, "id");
        assertProblem(send("POST", "/append?layer=0", new byte[]{1, 2}, "application/octet-stream"), 422, "body");
        assertThat(client.info(other).length()).isEqualTo(6);
        // describe, catalogue, delete
        SequenceHandle info = client.info(id);
        assertThat(info.length()).isEqualTo(tokens);
        assertThat(info.bytes()).isEqualTo(2L * layers * tokens * h * d * 2 + 2L * 2 * h * d * 2);
        assertThat(jdbcClient.sql("select count(*) from kv_sequences where id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(send("DELETE", "/sequences/" + id, null, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/sequences/" + id, null, null), 404, "id");
        assertThat(jdbcClient.sql("select count(*) from kv_sequences where id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
        String metrics = http.get("/actuator/prometheus").raw().body();
        assertThat(metrics).contains("kv_attention_bytes_scanned_bytes_total", "kv_link_bytes_total{application=\"storage\",direction=\"in\"}",
                "kv_attention_latency_seconds_bucket", "kv_pages_written_total", "kv_store_size_bytes");
    }

    private static float[] round(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = RowCodec.round(x[i], KvFormat.F16);
        }
        return r;
    }

    private static float[] reference(float[] q, float[] k, float[] v, int len, int hq, int h, int d) {
        float[] qs = new float[len * hq * d];
        System.arraycopy(q, 0, qs, (len - 1) * hq * d, hq * d);
        float[] out = new float[len * hq * d];
        ReferenceKernels.causalAttention(qs, k, v, out, len, hq, h, d);
        return java.util.Arrays.copyOfRange(out, (len - 1) * hq * d, len * hq * d);
    }

    @Test
    void errorsAreProblemsNamingTheField() throws Exception {
        String oct = "application/octet-stream";
        UUID id = create(2, 2, 4, "f32");
        UUID unknown = UUID.randomUUID();
        assertProblem(send("POST", "/sequences", "{\"layers\":1,\"kvHeads\":1,\"headDim\":4,\"dtype\":\"f8\"}"
                .getBytes(), "application/json"), 400, "dtype");
        assertProblem(send("POST", "/sequences", "{\"layers\":0,\"kvHeads\":1,\"headDim\":4,\"dtype\":\"f32\"}"
                .getBytes(), "application/json"), 400, "layers");
        assertProblem(send("POST", "/sequences", "{\"layers\":1,\"kvHeads\":1,\"headDim\":4000,\"dtype\":\"f32\"}"
                .getBytes(), "application/json"), 422, "headDim");
        assertProblem(send("GET", "/sequences/" + unknown, null, null), 404, "id");
        assertProblem(send("GET", "/sequences/not-a-uuid", null, null), 400, "id");
        assertProblem(send("POST", "/sequences/" + id + "/append?tokens=2", new byte[10], oct), 400, "body");
        assertProblem(send("POST", "/sequences/" + id + "/append?tokens=0", new byte[0], oct), 400, "tokens");
        assertProblem(send("POST", "/sequences/" + id + "/append", new byte[0], oct), 400, "tokens");
        assertProblem(send("POST", "/sequences/" + id + "/append?tokens=1&layer=2", new byte[32], oct), 400, "layer");
        assertProblem(send("POST", "/sequences/" + unknown + "/append?tokens=1", new byte[128], oct), 404, "id");
        assertThat(send("POST", "/sequences/" + id + "/append?tokens=1&layer=0&pos=0", new byte[64], oct)
                .statusCode()).isEqualTo(200);
        assertProblem(send("POST", "/sequences/" + id + "/append?tokens=1&layer=0&pos=0", new byte[64], oct), 409,
                "pos");
        assertProblem(send("POST", "/sequences/" + id + "/append?tokens=1", new byte[128], oct), 409, "layer");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=1", new byte[32], oct), 422, "length");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=5", new byte[32], oct), 422, "layer");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=0", new byte[24], oct), 422, "q");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=0", new byte[0], oct), 400, "body");
        assertProblem(send("POST", "/sequences/" + id + "/attention", new byte[32], oct), 400, "layer");
        assertProblem(send("POST", "/sequences/" + id + "/truncate", null, null), 400, "length");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=0&sparsity=2", new byte[32], oct), 400,
                "sparsity");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=0&length=0", new byte[32], oct), 400,
                "length");
        assertProblem(send("POST", "/sequences/" + id + "/attention?layer=0&length=9", new byte[32], oct), 422,
                "length");
        assertProblem(send("POST", "/sequences/" + unknown + "/attention?layer=0", new byte[32], oct), 404, "id");
        assertProblem(send("POST", "/attention?layer=0", new byte[]{1, 2, 3}, oct), 422, "body");
        assertProblem(send("POST", "/attention?layer=0", KvFraming.batchRequest(List.of(
                new KvFraming.BatchItem(id, -1, new float[8]), new KvFraming.BatchItem(id, -1, new float[7]))), oct),
                422, "items[1].q");
        assertProblem(send("GET", "/sequences/" + id + "/layers/2", null, null), 400, "layer");
        assertProblem(send("POST", "/sequences/" + id + "/truncate?length=-1", null, null), 400, "length");
        UUID empty = create(1, 1, 4, "bf16");
        assertProblem(send("POST", "/sequences/" + empty + "/attention?layer=0", new byte[16], oct), 422, "length");
        assertThat(send("GET", "/sequences/" + empty + "/layers/0", null, null).body()).isEmpty();
    }

    @Test
    void attentionBenchRunsAsARunKind() {
        HttpJson.Response created = http.post("/api/storage/runs", "{\"kind\":\"attention-bench\",\"params\":"
                + "{\"lengths\":[32,100],\"batches\":[2],\"kvHeads\":2,\"qHeads\":4,\"headDim\":16,"
                + "\"steps\":1,\"linkGigabytesPerSecond\":1.0}}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        String runId = created.json().path("id").asString();
        var run = http.await("/api/storage/runs/" + runId,
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED"), java.time.Duration.ofMinutes(3));
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("result").path("points").size()).isEqualTo(6);
        assertThat(run.path("result").path("inStorageOverFetch").asDouble()).isPositive();
        assertThat(http.get("/api/storage/runs/" + runId + "/artifacts/chart.svg").raw().body()).contains("<svg");
        assertThat(http.get("/api/storage/runs/" + runId + "/metrics?name=tokensPerSecond.fetch").json()
                .path("series").path("tokensPerSecond.fetch").size()).isEqualTo(2);
        // invalid params are refused at submission, naming the field
        HttpJson.Response bad = http.post("/api/storage/runs",
                "{\"kind\":\"attention-bench\",\"params\":{\"kvHeads\":3,\"qHeads\":4}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().body()).contains("params.qHeads");
    }

    @Test
    void remoteBackendDecodesLikeTheLocalCache() throws Exception {
        GptConfig cfg = GptConfig.small(40);
        Gpt2Model model = Gpt2Model.initialize(cfg, 17);
        List<int[]> prompts = List.of(new int[]{1, 5, 9, 2}, new int[]{7, 3});
        int steps = 10;
        Generator generator = new Generator(model, new ComputePool(2));
        List<int[]> local = generator.generate(prompts, steps, SamplingConfig.greedy(),
                new CachedAttention(SegmentKvCache.onHeap(cfg.nLayer(), 2, cfg.nPositions(), cfg.nHead(),
                        cfg.headDim()), cfg.nHead()));
        StorageKvClient client = new StorageKvClient(URI.create("http://localhost:" + serverPort),
                java.time.Duration.ofSeconds(60), TestSigning::adminHeaders);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            ids.add(client.create(cfg.nLayer(), cfg.nHead(), cfg.headDim(), KvFormat.F32).id());
        }
        List<int[]> remote = generator.generate(prompts, steps, SamplingConfig.greedy(),
                new RemoteAttentionBackend(client, ids, KvFormat.F32, cfg.nHead(), cfg.nHead(), cfg.headDim()));
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(remote.get(i)).containsExactly(local.get(i));
            assertThat(client.info(ids.get(i)).length()).isEqualTo(prompts.get(i).length + steps - 1);
        }
    }

    /**
     * The decoder's batched calls through {@link RemoteAttentionBackend} in slot mode: continuous batching of three
     * sequences, a prefill cut across two nano-batches whose QKV stages run out of order (the later nano-batch's rows
     * wait in the buffer until the gap is filled), a preempted sequence deleted and recomputed from scratch and a
     * sequence truncated and recomputed. Greedy tokens equal nn-core's local greedy decode token for token.
     */
    @Test
    void batchedRemoteBackendMatchesLocalGreedyAcrossNanoBatchesPreemptionAndTruncate() throws Exception {
        GptConfig cfg = GptConfig.small(40);
        Gpt2Model model = Gpt2Model.initialize(cfg, 23);
        List<int[]> prompts = List.of(new int[]{1, 5, 9, 2, 7, 3}, new int[]{7, 3}, new int[]{4, 4, 8});
        int steps = 8;
        ComputePool pool = new ComputePool(2);
        List<int[]> expected = new Generator(model, pool).generate(prompts, steps, SamplingConfig.greedy());
        StorageKvClient client = new StorageKvClient(URI.create("http://localhost:" + serverPort),
                java.time.Duration.ofSeconds(60), TestSigning::adminHeaders);
        RemoteAttentionBackend remote = new RemoteAttentionBackend(client, 3, cfg.nLayer(), KvFormat.F32, cfg.nHead(),
                cfg.nHead(), cfg.headDim());
        Gpt2Decoder decoder = new Gpt2Decoder(model, remote, pool);
        List<List<Integer>> tokens = new ArrayList<>();
        int[] fed = new int[3];
        for (int s = 0; s < 3; s++) {
            remote.open(s);
            List<Integer> t = new ArrayList<>();
            for (int x : prompts.get(s)) {
                t.add(x);
            }
            tokens.add(t);
        }
        UUID preempted = null;
        for (int step = 0; ; step++) {
            if (step == 3) { // preemption: slot 1 leaves storage and comes back later to recompute everything
                preempted = remote.sequence(1);
                remote.release(1);
                fed[1] = -1;
            }
            if (step == 5) {
                remote.open(1);
                fed[1] = 0;
            }
            if (step == 4) { // recompute the last three positions of slot 0
                fed[0] -= 3;
                remote.truncate(0, fed[0]);
                assertThat(client.info(remote.sequence(0)).length()).isEqualTo(fed[0]);
            }
            List<int[]> rows = new ArrayList<>(); // {slot, position}
            for (int s = 0; s < 3; s++) {
                if (fed[s] >= 0 && tokens.get(s).size() - prompts.get(s).length < steps) {
                    for (int p = fed[s]; p < tokens.get(s).size(); p++) {
                        rows.add(new int[]{s, p});
                    }
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            int n = rows.size();
            int[] tok = new int[n], seqs = new int[n], pos = new int[n];
            boolean[] emit = new boolean[n];
            for (int r = 0; r < n; r++) {
                seqs[r] = rows.get(r)[0];
                pos[r] = rows.get(r)[1];
                tok[r] = tokens.get(seqs[r]).get(pos[r]);
                emit[r] = pos[r] == tokens.get(seqs[r]).size() - 1;
            }
            Gpt2Decoder.Step st = decoder.begin(tok, seqs, pos, emit);
            int cut = Math.max(1, n / 2 - 1); // cuts slot 0's prefill at step 0
            decoder.embed(st, 0, n);
            for (int l = 0; l < cfg.nLayer(); l++) {
                decoder.qkv(st, l, cut, n, pool);
                remote.flush(l); // the later nano-batch first: rows not contiguous with storage stay buffered
                decoder.qkv(st, l, 0, cut, pool);
                decoder.attention(st, l, 0, cut, pool);
                decoder.attention(st, l, cut, n, pool);
                decoder.outProjection(st, l, 0, n, pool);
                decoder.mlp(st, l, 0, n, pool);
            }
            decoder.head(st, 0, n, pool);
            int e = 0;
            for (int r = 0; r < n; r++) {
                if (emit[r]) {
                    int s = seqs[r];
                    fed[s] = tokens.get(s).size();
                    tokens.get(s).add(Sampler.argmax(st.logits(), e++ * cfg.vocabSize(), cfg.vocabSize()));
                }
            }
        }
        for (int s = 0; s < 3; s++) {
            List<Integer> t = tokens.get(s);
            int[] generated = t.subList(prompts.get(s).length, t.size()).stream().mapToInt(Integer::intValue)
                    .toArray();
            assertThat(generated).as("slot " + s).containsExactly(expected.get(s));
            assertThat(client.info(remote.sequence(s)).length()).isEqualTo(t.size() - 1);
        }
        assertThat(send("GET", "/sequences/" + preempted, null, null).statusCode()).isEqualTo(404);
        for (int s = 0; s < 3; s++) {
            UUID id = remote.sequence(s);
            remote.release(s);
            assertThat(remote.sequence(s)).isNull();
            assertThat(send("GET", "/sequences/" + id, null, null).statusCode()).isEqualTo(404);
        }
    }
}
