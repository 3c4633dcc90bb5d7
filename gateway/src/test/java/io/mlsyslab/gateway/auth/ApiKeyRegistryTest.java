package io.mlsyslab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

    // SHA-256 test vectors from FIPS 180-2 ("abc") and of "" ; the others via python3 hashlib
    private static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SHA_READER_SECRET = "f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914";

    @Test
    void hashesLikeSha256() {
        assertThat(ApiKeyRegistry.sha256Hex("abc")).isEqualTo(SHA_ABC);
        assertThat(ApiKeyRegistry.sha256Hex("")).isEqualTo(SHA_EMPTY);
        assertThat(ApiKeyRegistry.sha256Hex("reader-secret")).isEqualTo(SHA_READER_SECRET);
    }

    @Test
    void findsTheKeyWhoseHashMatchesInAnyCase() {
        ApiKeyRegistry registry = new ApiKeyRegistry(List.of(
                new ApiKey("alice", Role.READER, SHA_READER_SECRET.toUpperCase()),
                new ApiKey("abc-admin", Role.ADMIN, SHA_ABC)));
        assertThat(registry.authenticate("reader-secret")).get().extracting(ApiKey::name).isEqualTo("alice");
        assertThat(registry.authenticate("abc")).get().extracting(ApiKey::role).isEqualTo(Role.ADMIN);
        assertThat(registry.authenticate("ABC")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
    }

    @Test
    void rejectsTwoKeysWithTheSameSecretOrName() {
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(
                new ApiKey("a", Role.READER, SHA_ABC), new ApiKey("b", Role.ADMIN, SHA_ABC.toUpperCase()))))
                .hasMessageStartingWith("sha256:").hasMessageContaining("a and b");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(
                new ApiKey("a", Role.READER, SHA_ABC), new ApiKey("a", Role.ADMIN, SHA_EMPTY))))
                .hasMessageStartingWith("name:");
    }

    @Test
    void keyValidatesItsFields() {
        assertThatThrownBy(() -> new ApiKey("alice", Role.READER, "abc")).hasMessageStartingWith("sha256:");
        assertThatThrownBy(() -> new ApiKey("alice", Role.READER, SHA_ABC.replace('b', 'g')))
                .hasMessageStartingWith("sha256:");
        assertThatThrownBy(() -> new ApiKey("has space", Role.READER, SHA_ABC)).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> new ApiKey("", Role.READER, SHA_ABC)).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> new ApiKey("alice", null, SHA_ABC)).hasMessageStartingWith("role:");
    }

    @Test
    void rolesAreCumulative() {
        assertThat(Role.READER.permits("GET")).isTrue();
        assertThat(Role.READER.permits("head")).isTrue();
        for (String m : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertThat(Role.READER.permits(m)).as(m).isFalse();
        }
        for (String m : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
            assertThat(Role.WRITER.permits(m)).as(m).isTrue();
        }
        assertThat(Role.WRITER.permits("OPTIONS")).isFalse();
        for (String m : List.of("GET", "POST", "DELETE", "OPTIONS", "PATCH")) {
            assertThat(Role.ADMIN.permits(m)).as(m).isTrue();
        }
    }
}
