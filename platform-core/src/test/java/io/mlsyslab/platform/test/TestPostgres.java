package io.mlsyslab.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM, shared by every integration test of a module; each service's schema keeps
 * tests of different services apart. By default it is zonky's embedded server (real binaries, no Docker); with
 * {@code -Ptestcontainers} (system property {@code mlsyslab.test.postgres=testcontainers}) it is the official
 * postgres:17 image through Testcontainers.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
        }
        return server;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/postgres";
    }

    static boolean useContainer() {
        return "testcontainers".equals(System.getProperty("mlsyslab.test.postgres"));
    }

    /** Points Spring's datasource at the shared server. */
    public static void register(DynamicPropertyRegistry registry) {
        if (useContainer()) {
            registry.add("spring.datasource.url", () -> ContainerPostgres.get().getJdbcUrl());
            registry.add("spring.datasource.username", () -> ContainerPostgres.get().getUsername());
            registry.add("spring.datasource.password", () -> ContainerPostgres.get().getPassword());
            return;
        }
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
