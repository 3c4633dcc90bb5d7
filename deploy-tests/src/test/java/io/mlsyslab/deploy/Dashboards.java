package io.mlsyslab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards of observability/grafana/dashboards. */
final class Dashboards {

    static final Path DIR = Repo.ROOT.resolve("observability/grafana/dashboards");

    private Dashboards() {
    }

    static List<String> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
