package io.mlsyslab.lab;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mlsyslab.platform.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The launcher is plain Java: it starts the services' jars as processes and links none of their code. */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.classesOf("io.mlsyslab.lab");

    @Test
    void plainJava() {
        ArchitectureRules.plainJava("io.mlsyslab.lab").check(classes);
    }

    @Test
    void usesNoOtherModule() {
        ArchitectureRules.staysInItsModule("io.mlsyslab.lab", "io.mlsyslab.contract").check(classes);
    }
}
