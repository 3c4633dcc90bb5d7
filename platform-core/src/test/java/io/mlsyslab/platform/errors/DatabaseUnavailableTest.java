package io.mlsyslab.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

/** A database that cannot be reached is the client's 503 with Retry-After, never a 500 with internals. */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAre503WithRetryAfter() {
        ProblemHandler handler = new ProblemHandler();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x/runs");
        for (Exception e : new Exception[]{
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")),
                new CannotCreateTransactionException("Could not open JPA EntityManager for transaction")}) {
            ResponseEntity<ProblemDetail> r = handler.databaseUnavailable(e, request);
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody().getDetail()).doesNotContain("Hikari", "JDBC", "EntityManager");
            assertThat(r.getBody().getInstance()).hasToString("/api/x/runs");
        }
    }
}
