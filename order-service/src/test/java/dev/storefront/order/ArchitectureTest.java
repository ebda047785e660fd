package dev.storefront.order;

import dev.storefront.testing.ArchitectureRulesTest;

class ArchitectureTest extends ArchitectureRulesTest {
    ArchitectureTest() {
        super("dev.storefront.order");
    }
}
