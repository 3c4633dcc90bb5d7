package io.mlsyslab.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsSafeClientIds() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        String uuid = UUID.randomUUID().toString();
        assertThat(RequestIds.acceptOrGenerate(uuid)).isEqualTo(uuid);
        assertThat(RequestIds.acceptOrGenerate("a".repeat(128))).hasSize(128);
    }

    @Test
    void replacesMissingUnsafeOrOverlongIdsWithFreshUuids() {
        for (String bad : new String[] {null, "", "has space", "new\nline", "${jndi:x}", "a".repeat(129)}) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(UUID.fromString(id).toString()).as(String.valueOf(bad)).isEqualTo(id);
        }
        assertThat(RequestIds.acceptOrGenerate(null)).isNotEqualTo(RequestIds.acceptOrGenerate(null));
    }
}
