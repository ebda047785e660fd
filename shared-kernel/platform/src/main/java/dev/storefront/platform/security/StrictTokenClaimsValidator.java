package dev.storefront.platform.security;

import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims every service requires of a bearer token, on top of the signature Micronaut checks: an {@code exp} that has
 * not passed (a token without one is refused: it would be valid forever), an {@code iat} and, if present, an
 * {@code nbf} that are not in the future, the configured issuer and audience. Clock drift is allowed for by
 * {@link TokenRules#clockSkew()}. A refused token gets the same 401 as any other bad token; why it was refused is
 * logged at debug level only, so nothing in the answer helps whoever is probing.
 */
@Singleton
public class StrictTokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StrictTokenClaimsValidator.class);

    private final TokenRules rules;
    private final Clock clock;

    public StrictTokenClaimsValidator(TokenRules rules) {
        this(rules, Clock.systemUTC());
    }

    StrictTokenClaimsValidator(TokenRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Optional<String> refusal = refusal(claims);
        refusal.ifPresent(why -> LOG.debug("Token refused: {}", why));
        return refusal.isEmpty();
    }

    /** Why the claims are refused, or empty when they are acceptable. */
    Optional<String> refusal(Claims claims) {
        Instant now = clock.instant();
        Optional<Instant> expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires.isEmpty()) {
            return Optional.of("no exp");
        }
        if (expires.get().plus(rules.clockSkew()).isBefore(now)) {
            return Optional.of("expired");
        }
        Optional<Instant> issued = instant(claims.get(Claims.ISSUED_AT));
        if (issued.isEmpty()) {
            return Optional.of("no iat");
        }
        if (issued.get().minus(rules.clockSkew()).isAfter(now)) {
            return Optional.of("issued in the future");
        }
        Optional<Instant> notBefore = instant(claims.get(Claims.NOT_BEFORE));
        if (notBefore.isPresent() && notBefore.get().minus(rules.clockSkew()).isAfter(now)) {
            return Optional.of("not valid yet");
        }
        if (!rules.issuer().equals(claims.get(Claims.ISSUER))) {
            return Optional.of("issuer " + claims.get(Claims.ISSUER));
        }
        if (!names(claims.get(Claims.AUDIENCE), rules.audience())) {
            return Optional.of("audience " + claims.get(Claims.AUDIENCE));
        }
        return Optional.empty();
    }

    private static boolean names(Object audience, String expected) {
        if (audience instanceof Collection<?> many) {
            return many.contains(expected);
        }
        return expected.equals(audience);
    }

    private static Optional<Instant> instant(Object value) {
        return switch (value) {
            case Date date -> Optional.of(date.toInstant());
            case Instant instant -> Optional.of(instant);
            case Number seconds -> Optional.of(Instant.ofEpochSecond(seconds.longValue()));
            case null, default -> Optional.empty();
        };
    }
}
