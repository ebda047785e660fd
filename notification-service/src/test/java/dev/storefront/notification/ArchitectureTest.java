package dev.storefront.notification;

import dev.storefront.testing.ArchitectureRulesTest;

class ArchitectureTest extends ArchitectureRulesTest {
    ArchitectureTest() {
        super("dev.storefront.notification");
    }
}
