package dev.storefront.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code type} is stable per kind of error; {@code code} narrows it to the business
 * rule that refused (for domain errors); {@code errors} lists each invalid field for validation problems.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable String code,
        @Nullable List<FieldError> errors) {

    /** One rejected input: where it was ({@code pointer}, e.g. {@code body.name}) and why. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FieldError(@Nullable String pointer, String message) {}
}
