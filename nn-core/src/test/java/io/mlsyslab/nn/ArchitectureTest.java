package io.mlsyslab.nn;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mlsyslab.platform.test.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** nn-core is plain Java: the engines every service and benchmark may use. */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.classesOf("io.mlsyslab.nn");

    @Test
    void plainJava() {
        ArchitectureRules.plainJava("io.mlsyslab.nn").check(classes);
    }

    @Test
    void usesNoOtherModule() {
        ArchitectureRules.staysInItsModule("io.mlsyslab.nn").check(classes);
    }
}
