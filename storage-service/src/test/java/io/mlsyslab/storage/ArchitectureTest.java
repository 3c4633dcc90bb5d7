package io.mlsyslab.storage;

import io.mlsyslab.platform.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Engines plain Java, runs apart from api, no other service's code (the house rules, ArchitectureRules). */
class ArchitectureTest {

    @Test
    void houseRules() {
        ArchitectureRules.checkService("io.mlsyslab.storage");
    }
}
