package dev.storefront.order;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts order-service: carts, orders and their lifecycle. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "order-service",
                        version = "v1",
                        contact = @Contact(name = "Storefront maintainers", url = "https://storefront.dev/"),
                        description =
                                "Carts, orders and their lifecycle. Errors are RFC 9457 problem details (docs/api/problems.md)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class OrderApplication {

    private OrderApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
