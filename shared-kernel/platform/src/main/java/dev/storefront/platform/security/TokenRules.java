package dev.storefront.platform.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What a bearer token must carry to be accepted ({@code storefront.security.tokens.*}), the same in every service.
 *
 * @param issuer the only {@code iss} accepted; configured per deployment (the local stack's demo issuer is
 *     {@code storefront-local})
 * @param audience an {@code aud} the token must name
 * @param clockSkew how far the clocks of issuer and service may drift: {@code exp} is honoured this long after it
 *     passed, {@code nbf} and {@code iat} this long before they arrive
 */
@ConfigurationProperties("storefront.security.tokens")
public record TokenRules(
        @Bindable(defaultValue = "storefront-local") String issuer,
        @Bindable(defaultValue = "storefront") String audience,
        @Bindable(defaultValue = "30s") Duration clockSkew) {}
