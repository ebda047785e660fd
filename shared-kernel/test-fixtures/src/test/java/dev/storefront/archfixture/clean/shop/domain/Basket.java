package dev.storefront.archfixture.clean.shop.domain;

import dev.storefront.kernel.CustomerId;
import java.util.List;

/** A well-behaved domain type: JDK and plain kernel only. */
public record Basket(CustomerId owner, List<String> skus) {}
