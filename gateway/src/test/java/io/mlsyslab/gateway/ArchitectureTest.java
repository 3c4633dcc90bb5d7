package io.mlsyslab.gateway;

import io.mlsyslab.platform.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The gateway is all adapter (Spring Cloud Gateway); it must not reach into platform-core or any service's code, only
 * into platform-api's contract (the service catalogue).
 */
class ArchitectureTest {

    @Test
    void usesNoOtherModule() {
        ArchitectureRules.staysInItsModule("io.mlsyslab.gateway", "io.mlsyslab.contract")
                .check(ArchitectureRules.classesOf("io.mlsyslab.gateway"));
    }
}
