package io.mlsyslab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.arch.ArchitectureRules;
import io.mlsyslab.platform.test.arch.ModuleGraph;
import org.junit.jupiter.api.Test;

/**
 * platform-core is the Spring adapter every service shares, so the engine rule does not apply to it except for its
 * plain packages (charts) and the contract module (platform-api) it builds on. The module rules (no service module
 * depends on another, benchmarks without Spring Boot jars) are checked here once for the whole reactor.
 */
class ArchitectureTest {

    @Test
    void chartsAndTheContractArePlainJava() {
        ArchitectureRules.plainJava("io.mlsyslab.platform.charts")
                .check(ArchitectureRules.classesOf("io.mlsyslab.platform.charts"));
        ArchitectureRules.plainJava("io.mlsyslab.contract").check(ArchitectureRules.classesOf("io.mlsyslab.contract"));
    }

    @Test
    void usesNoServiceModule() {
        ArchitectureRules.staysInItsModule("io.mlsyslab.platform", "io.mlsyslab.contract")
                .check(ArchitectureRules.classesOf("io.mlsyslab.platform"));
    }

    @Test
    void noServiceModuleDependsOnAnotherAndBenchmarksAvoidSpringBoot() {
        var root = ModuleGraph.repositoryRoot();
        assertThat(ModuleGraph.modules(root)).extracting(ModuleGraph.Module::artifactId)
                .contains("platform-api", "platform-core", "nn-core", "network-service", "analytics-service", "benchmarks");
        assertThat(ModuleGraph.violations(root)).isEmpty();
    }
}
