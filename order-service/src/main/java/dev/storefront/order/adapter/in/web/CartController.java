package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import dev.storefront.order.application.port.in.CartView;
import dev.storefront.order.application.port.in.ManageCartUseCase;
import dev.storefront.order.domain.CartId;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;

/**
 * Carts over HTTP. A cart belongs to the customer of the token that opened it; anyone else gets 404. Every response
 * carries the cart's ETag; a write may send it back as If-Match (412 when the cart changed since).
 */
@Controller("/api/v1/carts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.CUSTOMER)
class CartController {

    private final ManageCartUseCase carts;

    CartController(ManageCartUseCase carts) {
        this.carts = carts;
    }

    @Post
    HttpResponse<CartDtos.CartResponse> open(Authentication authentication) {
        CartView cart = carts.open(customer(authentication));
        return withEtag(
                HttpResponse.created(
                        CartDtos.CartResponse.of(cart),
                        URI.create("/api/v1/carts/" + cart.cart().id())),
                cart);
    }

    @Get("/{cartId}")
    HttpResponse<CartDtos.CartResponse> view(Authentication authentication, @PathVariable String cartId) {
        CartView cart = carts.view(customer(authentication), CartId.parse(cartId));
        return withEtag(HttpResponse.ok(CartDtos.CartResponse.of(cart)), cart);
    }

    @Put("/{cartId}/items/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<CartDtos.CartResponse> setQuantity(
            Authentication authentication,
            @PathVariable String cartId,
            @PathVariable String sku,
            @Nullable @Header("If-Match") String ifMatch,
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

    @Delete("/{cartId}/items/{sku}")
    HttpResponse<CartDtos.CartResponse> remove(
            Authentication authentication,
            @PathVariable String cartId,
            @PathVariable String sku,
            @Nullable @Header("If-Match") String ifMatch) {
        CartView cart =
                carts.remove(customer(authentication), CartId.parse(cartId), Sku.of(sku), Versions.ifMatch(ifMatch));
        return withEtag(HttpResponse.ok(CartDtos.CartResponse.of(cart)), cart);
    }

    @Delete("/{cartId}")
    HttpResponse<Void> discard(
            Authentication authentication, @PathVariable String cartId, @Nullable @Header("If-Match") String ifMatch) {
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
