package dev.storefront.notification;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts notification-service: notifications per customer, listed and streamed live. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "notification-service",
                        version = "v1",
                        contact = @Contact(name = "Storefront maintainers", url = "https://storefront.dev/"),
                        description =
                                "Notifications per customer, listed and streamed live. Errors are RFC 9457 problem details (docs/api/problems.md)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
// The /admin routes' requirement: the same kind of token, with the ADMIN role, named apart so that the document says
// which operations need which role (owasp:api5:2023-admin-security-unique, docs/api/contract-lint.md).
@SecurityScheme(
        name = "bearerAdmin",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "The same signed JWT (JWS) as bearer, in `Authorization: Bearer <jwt>`, whose `roles` claim holds"
                + " ADMIN; a token without that role gets 403. Handled as RFC8725 (JSON Web Token Best Current"
                + " Practices) asks, like bearer: the signature algorithm is fixed by the service's configuration and"
                + " never taken from the token (`alg: none` is refused), and `exp`, `iss` and `aud` are required and"
                + " checked, as are `iat` and `nbf` when present (docs/api/security.md).")
public final class NotificationApplication {

    private NotificationApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
