package dev.storefront.catalog;

import dev.storefront.testing.ArchitectureRulesTest;

class ArchitectureTest extends ArchitectureRulesTest {
    ArchitectureTest() {
        super("dev.storefront.catalog");
    }
}
