package io.mlsyslab.inference.bench;

import io.mlsyslab.platform.test.TestPostgres;
import io.mlsyslab.platform.test.TestSigning;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A storage-service process for benchmarks: the module's built exec jar on the embedded PostgreSQL of
 * {@link TestPostgres}, with a chosen number of attention compute threads, optionally pinned to a CPU
 * ({@code taskset}). Stopped by {@link #close}.
 */
public final class StorageProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Path log;

    private StorageProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts storage-service and waits until it answers its health check.
     *
     * @param computeThreads {@code STORAGE_COMPUTE_THREADS}
     * @param cpu            CPU list for {@code taskset -c}, or null for no pinning
     * @param dataDir        where its pages live (created)
     */
    public static StorageProcess start(int computeThreads, String cpu, Path dataDir) throws Exception {
        Path jar = findJar();
        if (jar == null) {
            throw new IllegalStateException("storage-service exec jar not built: ./mvnw -B -o -q -pl platform-api,"
                    + "platform-core,nn-core,storage-client,storage-service package -DskipTests");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("storage.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (cpu != null) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.addAll(List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPRING_DATASOURCE_URL", TestPostgres.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("STORAGE_PORT", Integer.toString(port));
        env.put("STORAGE_DATA_DIR", dataDir.resolve("kv").toString());
        env.put("STORAGE_COMPUTE_THREADS", Integer.toString(computeThreads));
        // the test signing secret: its callers sign with it (TestSigning)
        env.putAll(TestSigning.childEnvironment());
        Process p = pb.start();
        // an interrupted benchmark (Ctrl-C) must not leave storage-service running
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        StorageProcess sp = new StorageProcess(p, "http://127.0.0.1:" + port, log);
        try {
            sp.awaitHealthy(Duration.ofMinutes(3));
        } catch (Exception e) {
            sp.close();
            throw e;
        }
        return sp;
    }

    public String url() {
        return url;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("storage-service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("storage-service did not start in " + timeout + "; see " + log);
            }
            Thread.sleep(300);
        }
    }

    /** The module's built exec jar, or null when storage-service has not been packaged. */
    public static Path findJar() throws IOException {
        for (Path target : List.of(Path.of("storage-service", "target"), Path.of("..", "storage-service", "target"))) {
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "storage-service-*-exec.jar")) {
                for (Path j : jars) {
                    return j;
                }
            }
        }
        return null;
    }

    /** Deletes a data directory and everything under it (benchmarks and tests clean up after the process). */
    public static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
