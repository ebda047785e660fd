package dev.storefront.notification;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts notification-service: notifications per customer, listed and streamed live. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "notification-service",
                        version = "v1",
                        description =
                                "Notifications per customer, listed and streamed live. Errors are RFC 9457 problem details (docs/api/problems.md)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class NotificationApplication {

    private NotificationApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
