package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.CartView;
import dev.storefront.order.application.port.in.ManageCartUseCase;
import dev.storefront.order.domain.CartId;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/**
 * Carts over HTTP. A cart belongs to the customer of the token that opened it; anyone else gets 404. Every response
 * carries the cart's ETag; a write may send it back as If-Match (412 when the cart changed since).
 */
@Controller("/api/v1/carts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.CUSTOMER)
@Tag(name = "carts", description = "A customer's carts, priced by catalog.")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class CartController {

    private final ManageCartUseCase carts;

    CartController(ManageCartUseCase carts) {
        this.carts = carts;
    }

    /** Opens an empty cart for the token's customer. */
    @Post
    @Operation(operationId = "openCart")
    @ApiResponse(
            responseCode = "201",
            description = "The new cart; Location names it.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The cart's version, \"v<version>\".",
                        schema = @Schema(maxLength = ApiDocs.ETAG_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CartDtos.CartResponse.class)))
    HttpResponse<CartDtos.CartResponse> open(Authentication authentication) {
        CartView cart = carts.open(customer(authentication));
        return withEtag(
                HttpResponse.created(
                        CartDtos.CartResponse.of(cart),
                        URI.create("/api/v1/carts/" + cart.cart().id())),
                cart);
    }

    /** The cart at catalog's current prices. */
    @Get("/{cartId}")
    @Operation(operationId = "getCart")
    @ApiResponse(
            responseCode = "200",
            description = "The cart.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The cart's version, \"v<version>\".",
                        schema = @Schema(maxLength = ApiDocs.ETAG_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CartDtos.CartResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    HttpResponse<CartDtos.CartResponse> view(
            Authentication authentication,
            @Parameter(
                            schema =
                                    @Schema(
                                            minLength = ApiDocs.CART_ID_LENGTH,
                                            maxLength = ApiDocs.CART_ID_LENGTH,
                                            pattern = ApiDocs.CART_ID_PATTERN))
                    @PathVariable
                    String cartId) {
        CartView cart = carts.view(customer(authentication), CartId.parse(cartId));
        return withEtag(HttpResponse.ok(CartDtos.CartResponse.of(cart)), cart);
    }

    /** Sets how many of a product the cart holds (1-99), quoting catalog's price now. */
    @Put("/{cartId}/items/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setCartQuantity")
    @ApiResponse(
            responseCode = "200",
            description = "The cart after the change.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The cart's version, \"v<version>\".",
                        schema = @Schema(maxLength = ApiDocs.ETAG_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CartDtos.CartResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(responseCode = "412", ref = OpenApiRefs.PRECONDITION_FAILED)
    HttpResponse<CartDtos.CartResponse> setQuantity(
            Authentication authentication,
            @Parameter(
                            schema =
                                    @Schema(
                                            minLength = ApiDocs.CART_ID_LENGTH,
                                            maxLength = ApiDocs.CART_ID_LENGTH,
                                            pattern = ApiDocs.CART_ID_PATTERN))
                    @PathVariable
                    String cartId,
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the cart's ETag; 412 when the cart changed since",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-Match")
                    String ifMatch,
            @Body CartDtos.QuantityRequest request) {
        if (request.quantity() == null) {
            throw DomainException.invalid("invalid-quantity", "quantity is required");
        }
        CartView cart = carts.setQuantity(
                customer(authentication),
                CartId.parse(cartId),
                Sku.of(sku),
                request.quantity(),
                Versions.ifMatch(ifMatch));
        return withEtag(HttpResponse.ok(CartDtos.CartResponse.of(cart)), cart);
    }

    /** Takes a product out of the cart. */
    @Delete("/{cartId}/items/{sku}")
    @Operation(operationId = "removeCartLine")
    @ApiResponse(
            responseCode = "200",
            description = "The cart after the change.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The cart's version, \"v<version>\".",
                        schema = @Schema(maxLength = ApiDocs.ETAG_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CartDtos.CartResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(responseCode = "412", ref = OpenApiRefs.PRECONDITION_FAILED)
    HttpResponse<CartDtos.CartResponse> remove(
            Authentication authentication,
            @Parameter(
                            schema =
                                    @Schema(
                                            minLength = ApiDocs.CART_ID_LENGTH,
                                            maxLength = ApiDocs.CART_ID_LENGTH,
                                            pattern = ApiDocs.CART_ID_PATTERN))
                    @PathVariable
                    String cartId,
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the cart's ETag; 412 when the cart changed since",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-Match")
                    String ifMatch) {
        CartView cart =
                carts.remove(customer(authentication), CartId.parse(cartId), Sku.of(sku), Versions.ifMatch(ifMatch));
        return withEtag(HttpResponse.ok(CartDtos.CartResponse.of(cart)), cart);
    }

    /** Discards the cart. */
    @Delete("/{cartId}")
    @Operation(operationId = "discardCart")
    @ApiResponse(
            responseCode = "204",
            description = "Discarded.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            })
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(responseCode = "412", ref = OpenApiRefs.PRECONDITION_FAILED)
    HttpResponse<Void> discard(
            Authentication authentication,
            @Parameter(
                            schema =
                                    @Schema(
                                            minLength = ApiDocs.CART_ID_LENGTH,
                                            maxLength = ApiDocs.CART_ID_LENGTH,
                                            pattern = ApiDocs.CART_ID_PATTERN))
                    @PathVariable
                    String cartId,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the cart's ETag; 412 when the cart changed since",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-Match")
                    String ifMatch) {
        carts.discard(customer(authentication), CartId.parse(cartId), Versions.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    private static CustomerId customer(Authentication authentication) {
        return CustomerId.of(authentication.getName());
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, CartView cart) {
        return response.header("ETag", Versions.etag(cart.cart().version()));
    }
}
