package io.mlsyslab.platform.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL from the official postgres:17 image, for {@code -Ptestcontainers} where a Docker engine exists. */
final class ContainerPostgres {

    private static PostgreSQLContainer container;

    private ContainerPostgres() {}

    static synchronized PostgreSQLContainer get() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:17");
            container.start();
        }
        return container;
    }
}
