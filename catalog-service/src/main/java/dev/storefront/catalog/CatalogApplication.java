package dev.storefront.catalog;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts catalog-service: products, categories, prices, stock and reservations. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "catalog-service",
                        version = "v1",
                        contact = @Contact(name = "Storefront maintainers", url = "https://storefront.dev/"),
                        description =
                                "Products, categories, prices, stock and reservations. Errors are RFC 9457 problem details (docs/api/problems.md)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class CatalogApplication {

    private CatalogApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
