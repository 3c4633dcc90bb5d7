package io.mlsyslab.inference.node;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Node.js test helpers: installs npm packages into a temporary directory at test time (nothing is committed)
 * and skips the test, saying why, only when npm cannot reach its registry.
 */
public final class NodeTool {
    private final Path dir;

    private NodeTool(Path dir) {
        this.dir = dir;
    }

    /** Installs the packages into a fresh temporary directory. */
    public static NodeTool install(String... packages) {
        try {
            Path dir = Files.createTempDirectory("mlsyslab-node-");
            List<String> cmd = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--silent",
                    "--prefix", dir.toString()));
            cmd.addAll(List.of(packages));
            Result r = run(dir, cmd, 300);
            if (r.exit() != 0) {
                String out = r.output();
                if (out.contains("ENOTFOUND") || out.contains("EAI_AGAIN") || out.contains("ECONNREFUSED")
                        || out.contains("ETIMEDOUT") || out.contains("network")) {
                    abort("npm cannot reach its registry, skipping (install " + String.join(" ", packages)
                            + " failed): " + out.lines().limit(3).toList());
                }
                throw new IllegalStateException("npm install failed: " + out);
            }
            return new NodeTool(dir);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
                abort("npm is not installed: " + e.getMessage());
            }
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Copies a test resource script next to node_modules and runs it with node; returns stdout. */
    public String runScript(String resource, String... args) {
        return runScript(java.util.Map.of(), resource, args);
    }

    /** The same with {@code environment} added to node's (e.g. the test signing secret). */
    public String runScript(java.util.Map<String, String> environment, String resource, String... args) {
        try {
            Path script = dir.resolve(resource);
            try (var in = NodeTool.class.getResourceAsStream("/node/" + resource)) {
                Files.copy(in, script);
            }
            List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
            cmd.addAll(List.of(args));
            Result r = run(dir, cmd, environment, 600);
            if (r.exit() != 0) {
                throw new AssertionError("node " + resource + " failed (" + r.exit() + "): " + r.output());
            }
            return r.stdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String stdout, String output) {
    }

    private static Result run(Path dir, List<String> cmd, int timeoutSeconds) throws IOException {
        return run(dir, cmd, java.util.Map.of(), timeoutSeconds);
    }

    private static Result run(Path dir, List<String> cmd, java.util.Map<String, String> environment,
                              int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(environment);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String errText = Files.readString(err);
        return new Result(p.exitValue(), out, out + errText);
    }
}
