package dev.storefront.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule must bite: each one fails on the broken fixture, naming the offending class, and passes on the clean one. */
class HexagonalArchitectureTest {

    private static final String BROKEN = "dev.storefront.archfixture.broken.shop";
    private static final String CLEAN = "dev.storefront.archfixture.clean.shop";

    private static final JavaClasses BROKEN_CLASSES = new ClassFileImporter()
            .withImportOption(HexagonalArchitecture.EXCLUDE_GENERATED)
            .importPackages("dev.storefront.archfixture.broken");
    private static final JavaClasses CLEAN_CLASSES = new ClassFileImporter()
            .withImportOption(HexagonalArchitecture.EXCLUDE_GENERATED)
            .importPackages("dev.storefront.archfixture.clean");

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("domainIsPlainJava", "Basket", "io.micronaut.http.HttpStatus"),
                Arguments.of("applicationDependsOnDomainAndPortsOnly", "CheckoutService", "BasketJdbcAdapter"),
                Arguments.of("frameworkTypesOnlyInAdapters", "PricingService", "java.sql.Connection"),
                Arguments.of("adaptersDoNotDependOnEachOther", "BasketController", "BasketJdbcAdapter"),
                Arguments.of("coreDoesNotDependOnAdaptersOrConfig", "CheckoutService", "BasketJdbcAdapter"),
                Arguments.of("incomingAdaptersUseIncomingPortsOnly", "BasketEventsListener", "port.out.Baskets"),
                Arguments.of("applicationServicesReachableOnlyThroughPorts", "ReceiptMailer", "CheckoutService"),
                Arguments.of("noDependencyOnOtherServices", "BasketJdbcAdapter", "broken.billing.Invoice"),
                Arguments.of("noPackageCycles", "Discount", "Basket"));
    }

    @ParameterizedTest(name = "{0} reports {1} -> {2}")
    @MethodSource("violations")
    void eachRuleReportsTheViolationPlantedForIt(String rule, String offender, String target) {
        ArchRule archRule = rulesFor(BROKEN).get(rule);

        assertThatThrownBy(() -> archRule.check(BROKEN_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender)
                .hasMessageContaining(target);
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        List<String> covered = violations().map(a -> (String) a.get()[0]).toList();

        assertThat(rulesFor(BROKEN).keySet()).containsExactlyInAnyOrderElementsOf(covered);
    }

    @ParameterizedTest(name = "{0} passes")
    @MethodSource("ruleNames")
    void aServiceThatKeepsTheLayeringPassesEveryRule(String rule) {
        assertThatCode(() -> rulesFor(CLEAN).get(rule).check(CLEAN_CLASSES)).doesNotThrowAnyException();
    }

    static Stream<String> ruleNames() {
        return rulesFor(CLEAN).keySet().stream();
    }

    private static Map<String, ArchRule> rulesFor(String base) {
        return HexagonalArchitecture.of(base).rules();
    }
}
