package io.mlsyslab.platform.test.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules fail on planted violations (fixture classes under io.mlsyslab.fixture) and on planted poms. */
class ArchitectureRulesTest {

    private final JavaClasses fixture = new ClassFileImporter().importPackages("io.mlsyslab.fixture");

    @Test
    void springInAnEnginePackageFails() {
        assertThatThrownBy(() -> ArchitectureRules.enginesArePlainJava("io.mlsyslab.fixture.svc").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SpringInEngine")
                .hasMessageContaining("org.springframework.stereotype.Component")
                // the runs package is an adapter: Spring is allowed there
                .hasMessageNotContaining("UsesApi> is annotated");
    }

    @Test
    void runsUsingApiFails() {
        assertThatThrownBy(() -> ArchitectureRules.runsDoNotUseApi("io.mlsyslab.fixture.svc").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UsesApi").hasMessageContaining("Dto");
    }

    @Test
    void reachingIntoAnotherModuleFailsUnlessShared() {
        assertThatThrownBy(() -> ArchitectureRules.staysInItsModule("io.mlsyslab.fixture.svc").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Foreign");
        ArchitectureRules.staysInItsModule("io.mlsyslab.fixture.svc", "io.mlsyslab.fixture.other").check(fixture);
    }

    @Test
    void aServiceDependingOnAnotherAndBenchmarksWithSpringBootAreViolations(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>a-service</module>"
                + "<module>b-service</module><module>benchmarks</module><module>lab</module></modules></project>");
        pom(root, "a-service", "<dependency><groupId>io.mlsyslab</groupId><artifactId>b-service</artifactId></dependency>");
        pom(root, "b-service", "<dependency><groupId>io.mlsyslab</groupId><artifactId>platform-core</artifactId></dependency>");
        pom(root, "benchmarks", "<dependency><groupId>io.mlsyslab</groupId><artifactId>a-service</artifactId></dependency>"
                + "<dependency><groupId>io.mlsyslab</groupId><artifactId>b-service</artifactId><exclusions><exclusion>"
                + "<groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>");
        pom(root, "lab", "<dependency><groupId>io.mlsyslab</groupId><artifactId>a-service</artifactId>"
                + "<type>pom</type><scope>test</scope></dependency>");
        assertThat(ModuleGraph.violations(root)).containsExactly(
                "a-service depends on service module b-service",
                "benchmarks depends on a-service with its Spring Boot dependencies; exclude them (*:*) and depend on "
                        + "the plain modules the engines need");
    }

    private static void pom(Path root, String module, String dependencies) throws IOException {
        Files.createDirectories(root.resolve(module));
        Files.writeString(root.resolve(module).resolve("pom.xml"), "<project><parent><artifactId>mlsys-lab</artifactId>"
                + "</parent><artifactId>" + module + "</artifactId><dependencies>" + dependencies
                + "</dependencies></project>");
    }
}
