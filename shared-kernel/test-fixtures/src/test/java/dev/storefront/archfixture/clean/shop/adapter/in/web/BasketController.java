package dev.storefront.archfixture.clean.shop.adapter.in.web;

import dev.storefront.archfixture.clean.shop.application.port.in.CheckoutUseCase;
import io.micronaut.http.HttpStatus;

public class BasketController {
    public CheckoutUseCase checkout;
    public HttpStatus status;
}
