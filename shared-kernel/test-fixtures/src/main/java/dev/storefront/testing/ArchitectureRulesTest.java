package dev.storefront.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule of {@link HexagonalArchitecture} over a service's production classes. A service's architecture
 * test is one line: extend this and name the base package.
 */
public abstract class ArchitectureRulesTest {

    private final HexagonalArchitecture architecture;

    protected ArchitectureRulesTest(String basePackage) {
        this.architecture = HexagonalArchitecture.of(basePackage);
    }

    @TestFactory
    Stream<DynamicTest> theServiceKeepsToTheHexagonalLayering() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(HexagonalArchitecture.EXCLUDE_GENERATED)
                .importPackages(architecture.basePackage());
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + architecture.basePackage());
        }
        return architecture.rules().entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(
                        rule.getKey(), () -> rule.getValue().check(classes)));
    }
}
