package io.mlsyslab.storage.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mlsyslab.platform.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** storage-client is plain Java on nn-core: inference-service may use it without reaching into storage-service. */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.classesOf("io.mlsyslab.storage.client");

    @Test
    void plainJava() {
        ArchitectureRules.plainJava("io.mlsyslab.storage.client").check(classes);
    }

    @Test
    void usesNothingButNnCore() {
        ArchitectureRules.staysInItsModule("io.mlsyslab.storage.client", "io.mlsyslab.nn").check(classes);
    }
}
