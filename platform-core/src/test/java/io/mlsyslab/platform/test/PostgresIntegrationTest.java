package io.mlsyslab.platform.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that run a service against the shared embedded PostgreSQL, with the test signing secret
 * ({@link TestSigning}) that {@link HttpJson} signs its requests with.
 */
public abstract class PostgresIntegrationTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestSigning.register(registry);
    }
}
