package io.mlsyslab.platform.test.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The package rules of the house, written once and checked by a small test in every module (this class uses
 * nothing but ArchUnit and the JDK, so modules that are not Spring applications can take the test-jar without its
 * dependencies):
 * <ul>
 *   <li>engine packages of a service (everything but the adapter packages {@code api}, {@code runs},
 *       {@code config}, {@code web}, {@code persistence} and the root {@code *Application}) use no Spring, no
 *       Jakarta and no platform-core;</li>
 *   <li>a service's {@code runs} package does not use its {@code api} package;</li>
 *   <li>a module's code uses no other module's packages except the shared ones it names
 *       (platform-core, platform-api, nn-core);</li>
 *   <li>plain-Java modules (nn-core, platform-api, the launcher) use no Spring, Jakarta or platform-core at all.</li>
 * </ul>
 * Module-level rules (which module may depend on which) are in {@link ModuleGraph}.
 */
public final class ArchitectureRules {

    /** Adapter packages of a service, directly under its base package. */
    public static final List<String> ADAPTER_PACKAGES = List.of("api", "runs", "config", "web", "persistence");

    /** What engine code must not touch. */
    public static final String[] FRAMEWORK_PACKAGES = {"org.springframework..", "jakarta..", "io.mlsyslab.platform.."};

    private ArchitectureRules() {}

    /**
     * The production classes of {@code basePackage}: read from the module's own {@code target/classes} when the
     * package is there (fast), else found on the class path, in directories or jars (test classes excluded).
     */
    public static JavaClasses classesOf(String basePackage) {
        java.nio.file.Path own = java.nio.file.Path.of("target", "classes", basePackage.replace('.', '/'));
        if (java.nio.file.Files.isDirectory(own)) {
            return new ClassFileImporter().importPath(own);
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Engine packages of the service at {@code basePackage} depend on no Spring, Jakarta or platform-core type. */
    public static ArchRule enginesArePlainJava(String basePackage) {
        List<String> adapters = new ArrayList<>();
        for (String adapter : ADAPTER_PACKAGES) {
            adapters.add(basePackage + "." + adapter + "..");
        }
        return noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages(adapters.toArray(String[]::new))
                .and(DescribedPredicate.not(applicationClass(basePackage)))
                .should().dependOnClassesThat(frameworkOutside(basePackage))
                .as("engine packages of " + basePackage + " (all but " + ADAPTER_PACKAGES
                        + " and the *Application class) use no Spring, Jakarta or platform-core types")
                .allowEmptyShould(true);
    }

    /** {@code <base>.runs..} does not use {@code <base>.api..}: shared records belong in an engine package. */
    public static ArchRule runsDoNotUseApi(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".runs..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".api..")
                .as(basePackage + ".runs does not depend on " + basePackage + ".api")
                .allowEmptyShould(true);
    }

    /** A plain-Java module or package: no Spring, Jakarta or platform-core types anywhere in it. */
    public static ArchRule plainJava(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(frameworkOutside(basePackage))
                .as(basePackage + " is plain Java (no Spring, Jakarta or platform-core types)");
    }

    /**
     * The module at {@code basePackage} uses no other mlsys-lab module's code except the {@code shared} base
     * packages (e.g. {@code io.mlsyslab.platform}, {@code io.mlsyslab.contract}, {@code io.mlsyslab.nn}): no
     * service reaches into another service.
     */
    public static ArchRule staysInItsModule(String basePackage, String... shared) {
        List<String> allowed = new ArrayList<>();
        allowed.add(basePackage + "..");
        for (String s : shared) {
            allowed.add(s + "..");
        }
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are in another mlsys-lab module",
                        (JavaClass c) -> c.getPackageName().startsWith("io.mlsyslab.")
                                && allowed.stream().noneMatch(a -> c.getPackageName().equals(a.substring(0, a.length() - 2))
                                        || c.getPackageName().startsWith(a.substring(0, a.length() - 1)))))
                .as(basePackage + " uses no other module's code except " + List.of(shared));
    }

    /** Spring, Jakarta or platform-core types, other than those of {@code basePackage} itself. */
    private static DescribedPredicate<JavaClass> frameworkOutside(String basePackage) {
        return JavaClass.Predicates.resideInAnyPackage(FRAMEWORK_PACKAGES)
                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(basePackage + "..")))
                .as("are Spring, Jakarta or platform-core types");
    }

    private static DescribedPredicate<JavaClass> applicationClass(String basePackage) {
        return DescribedPredicate.describe("the root *Application class",
                c -> c.getPackageName().equals(basePackage) && c.getSimpleName().endsWith("Application"));
    }

    /**
     * The rules every Spring service module runs: engines plain, runs apart from api, no reaching into others.
     * {@code sharedClients} names the base packages of plain-Java client modules the service depends on.
     */
    public static void checkService(String basePackage, String... sharedClients) {
        JavaClasses classes = classesOf(basePackage);
        enginesArePlainJava(basePackage).check(classes);
        runsDoNotUseApi(basePackage).check(classes);
        List<String> shared = new ArrayList<>(List.of("io.mlsyslab.platform", "io.mlsyslab.contract", "io.mlsyslab.nn"));
        // plain-Java client modules a service may use (e.g. storage-client), never another service's own code
        shared.addAll(List.of(sharedClients));
        staysInItsModule(basePackage, shared.toArray(String[]::new)).check(classes);
    }
}
