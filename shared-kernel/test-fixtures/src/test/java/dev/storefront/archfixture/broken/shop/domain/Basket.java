package dev.storefront.archfixture.broken.shop.domain;

import dev.storefront.archfixture.broken.shop.domain.pricing.Discount;
import io.micronaut.http.HttpStatus;

/** Broken on purpose: a domain type that knows about HTTP, and half of a package cycle. */
public class Basket {
    public HttpStatus status;
    public Discount discount;
}
