package dev.storefront.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hexagonal layering of one service (architecture.md section 5) as ArchUnit rules. Every service runs these
 * through {@link ArchitectureRulesTest}; this module's own tests run them over a deliberately broken fixture to prove
 * each rule reports what it should.
 *
 * <pre>
 *   base.domain                    plain Java
 *   base.application(.port.in/out) use cases and ports; domain only
 *   base.adapter.in.* / out.*      the only home of Micronaut HTTP, Kafka, JDBC and Redis types
 *   base.config                    wiring, may see everything
 * </pre>
 */
public final class HexagonalArchitecture {

    /** Packages every service may use besides its own: the plain kernel and the shared framework support. */
    public static final List<String> SHARED_KERNEL = List.of(
            "dev.storefront.kernel", "dev.storefront.events", "dev.storefront.platform", "dev.storefront.messaging");

    /** Plain types the domain may use from the shared kernel (never its framework parts). */
    public static final List<String> PLAIN_KERNEL = List.of("dev.storefront.kernel");

    /** Technology packages that belong in adapters only. */
    static final String[] ADAPTER_TECHNOLOGY = {
        "io.micronaut.http..",
        "io.micronaut.configuration.kafka..",
        "io.micronaut.kafka..",
        "org.apache.kafka..",
        "io.micronaut.data..",
        "io.micronaut.jdbc..",
        "java.sql..",
        "javax.sql..",
        "io.micronaut.redis..",
        "io.micronaut.configuration.lettuce..",
        "io.lettuce..",
        "io.micronaut.security..",
        "io.micronaut.serde..",
        "org.flywaydb.."
    };

    /**
     * Micronaut writes {@code $Foo$Definition}, {@code $Foo$Introspection} and similar classes into our packages at
     * compile time; they reference framework types by design and are not ours to police.
     */
    public static final ImportOption EXCLUDE_GENERATED =
            (Location location) -> !location.matches(java.util.regex.Pattern.compile(".*/\\$[^/]*\\.class"));

    private final String base;
    private final String servicesRoot;
    private final List<String> shared;
    private final List<String> plainKernel;

    private HexagonalArchitecture(String base, String servicesRoot, List<String> shared, List<String> plainKernel) {
        this.base = base;
        this.servicesRoot = servicesRoot;
        this.shared = shared;
        this.plainKernel = plainKernel;
    }

    /**
     * Rules for the service whose base package is {@code base}; its siblings under the parent package are the other
     * services it must not touch.
     */
    public static HexagonalArchitecture of(String base) {
        return new HexagonalArchitecture(base, base.substring(0, base.lastIndexOf('.')), SHARED_KERNEL, PLAIN_KERNEL);
    }

    /** The same rules with another set of shared packages (used by the fixture tests). */
    public HexagonalArchitecture withSharedKernel(List<String> sharedPackages, List<String> plainPackages) {
        return new HexagonalArchitecture(base, servicesRoot, sharedPackages, plainPackages);
    }

    public String basePackage() {
        return base;
    }

    private String domain() {
        return base + ".domain..";
    }

    private String application() {
        return base + ".application..";
    }

    private String adapters() {
        return base + ".adapter..";
    }

    private String[] withSubpackages(List<String> packages) {
        return packages.stream().map(p -> p + "..").toArray(String[]::new);
    }

    /** The domain uses the JDK, itself and the plain kernel: no framework, no persistence, no messaging. */
    public ArchRule domainIsPlainJava() {
        return classes()
                .that()
                .resideInAPackage(domain())
                .should()
                .onlyDependOnClassesThat(describe(
                        "are JDK types, domain types or plain kernel types",
                        (JavaClass c) -> isJdk(c)
                                || c.getPackageName().startsWith(base + ".domain")
                                || startsWithAny(c.getPackageName(), plainKernel)))
                .as("the domain of " + base + " depends only on the JDK, itself and the plain kernel");
    }

    /**
     * The application layer uses the domain, its own ports and services, the plain kernel and the standard
     * injection/transaction annotations; never an adapter, never a technology.
     */
    public ArchRule applicationDependsOnDomainAndPortsOnly() {
        return classes()
                .that()
                .resideInAPackage(application())
                .should()
                .onlyDependOnClassesThat(describe(
                        "are JDK, domain, application, plain kernel, jakarta.inject/transaction or slf4j types",
                        (JavaClass c) -> isJdk(c)
                                || c.getPackageName().startsWith(base + ".domain")
                                || c.getPackageName().startsWith(base + ".application")
                                || startsWithAny(c.getPackageName(), plainKernel)
                                || c.getPackageName().startsWith("jakarta.inject")
                                || c.getPackageName().startsWith("jakarta.transaction")
                                || c.getPackageName().startsWith("org.slf4j")))
                .as("the application layer of " + base + " depends only on the domain, its ports and the JDK");
    }

    /** Micronaut HTTP, Kafka, JDBC, Redis, security and serialisation types appear only in adapters and config. */
    public ArchRule frameworkTypesOnlyInAdapters() {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .and()
                .resideOutsideOfPackages(adapters(), base + ".config..")
                .and(describe(
                        "are not the application's main class",
                        (JavaClass c) -> !c.getPackageName().equals(base)))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTER_TECHNOLOGY)
                .as("framework and technology types in " + base + " appear only in adapters and config");
    }

    /** An adapter kind (web, messaging, persistence, cache...) never reaches into another. */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(base + ".adapter.(*).(*)..")
                .namingSlices("adapter $1.$2")
                .should()
                .notDependOnEachOther()
                .allowEmptyShould(true)
                .as("adapters of " + base + " do not depend on each other");
    }

    /** Nothing below the domain or application depends on an adapter or on config. */
    public ArchRule coreDoesNotDependOnAdaptersOrConfig() {
        return noClasses()
                .that()
                .resideInAnyPackage(domain(), application())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(adapters(), base + ".config..")
                .as("domain and application of " + base + " do not depend on adapters or config");
    }

    /**
     * Incoming adapters (web, messaging, scheduling) drive the application through its incoming ports: they never
     * call an outgoing port (a cache, a repository, a client) themselves, so every decision stays in a use case.
     * Domain types may cross the port as values.
     */
    public ArchRule incomingAdaptersUseIncomingPortsOnly() {
        return noClasses()
                .that()
                .resideInAPackage(base + ".adapter.in..")
                .should()
                .dependOnClassesThat(describe(
                        "belong to the application but not to its incoming ports",
                        (JavaClass c) -> c.getPackageName().startsWith(base + ".application")
                                && !c.getPackageName().startsWith(base + ".application.port.in")))
                .as("incoming adapters of " + base + " use incoming ports only");
    }

    /**
     * Application services are reached only through their ports: outside the application layer (config aside, it
     * wires them) nothing names a class of the application that is not a port.
     */
    public ArchRule applicationServicesReachableOnlyThroughPorts() {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .and()
                .resideOutsideOfPackages(application(), base + ".config..")
                .should()
                .dependOnClassesThat(describe(
                        "are application classes outside the ports",
                        (JavaClass c) -> c.getPackageName().startsWith(base + ".application")
                                && !c.getPackageName().startsWith(base + ".application.port")))
                .as("application services of " + base + " are reachable only through their ports");
    }

    /** A service uses other services only through events and HTTP, never through their code. */
    public ArchRule noDependencyOnOtherServices() {
        DescribedPredicate<JavaClass> otherService =
                describe("belong to another service under " + servicesRoot, (JavaClass c) -> {
                    String pkg = c.getPackageName();
                    return pkg.startsWith(servicesRoot + ".")
                            && !pkg.equals(base)
                            && !pkg.startsWith(base + ".")
                            && !startsWithAny(pkg, shared);
                });
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .should()
                .dependOnClassesThat(otherService)
                .as(base + " does not depend on another service's code");
    }

    /** No two packages of the service depend on each other in a cycle. */
    public ArchRule noPackageCycles() {
        return slices().matching(base + ".(**)")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .as("packages of " + base + " are free of cycles");
    }

    /** Every rule, by name, in the order they are reported. */
    public Map<String, ArchRule> rules() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainIsPlainJava", domainIsPlainJava());
        rules.put("applicationDependsOnDomainAndPortsOnly", applicationDependsOnDomainAndPortsOnly());
        rules.put("frameworkTypesOnlyInAdapters", frameworkTypesOnlyInAdapters());
        rules.put("adaptersDoNotDependOnEachOther", adaptersDoNotDependOnEachOther());
        rules.put("coreDoesNotDependOnAdaptersOrConfig", coreDoesNotDependOnAdaptersOrConfig());
        rules.put("incomingAdaptersUseIncomingPortsOnly", incomingAdaptersUseIncomingPortsOnly());
        rules.put("applicationServicesReachableOnlyThroughPorts", applicationServicesReachableOnlyThroughPorts());
        rules.put("noDependencyOnOtherServices", noDependencyOnOtherServices());
        rules.put("noPackageCycles", noPackageCycles());
        return rules;
    }

    /** The JDK minus its database access packages, which are adapter technology. */
    private static boolean isJdk(JavaClass c) {
        if (c.isArray()) {
            return isJdk(c.getBaseComponentType());
        }
        String pkg = c.getPackageName();
        return c.isPrimitive() || pkg.startsWith("java.") && !pkg.startsWith("java.sql");
    }

    private static boolean startsWithAny(String pkg, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }
}
