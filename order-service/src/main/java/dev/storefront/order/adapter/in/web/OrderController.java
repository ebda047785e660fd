package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.PageSize;
import dev.storefront.order.application.port.in.CancelOrderUseCase;
import dev.storefront.order.application.port.in.PlaceOrderUseCase;
import dev.storefront.order.application.port.in.QueryOrdersUseCase;
import dev.storefront.order.domain.CartId;
import dev.storefront.order.domain.OrderId;
import dev.storefront.order.domain.OrderStatus;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Checkout and orders. The customer is always the verified token's subject, never a request parameter; another
 * customer's order is answered exactly like one that does not exist (404).
 */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/orders")
@Secured(Roles.CUSTOMER)
@Tag(name = "orders", description = "Checkout and a customer's orders.")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PlaceOrderUseCase checkout;
    private final QueryOrdersUseCase queries;
    private final CancelOrderUseCase cancellation;

    OrderController(PlaceOrderUseCase checkout, QueryOrdersUseCase queries, CancelOrderUseCase cancellation) {
        this.checkout = checkout;
        this.queries = queries;
        this.cancellation = cancellation;
    }

    /**
     * Places an order from a cart (IETF httpapi Idempotency-Key draft): the key is required; a repeat of the same
     * request gets the first response again (marked {@code Idempotent-Replayed: true}); the same key with a different
     * request is 422.
     */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "placeOrder")
    @ApiResponse(
            responseCode = "201",
            description = "The order, PENDING until catalog reserves its stock; Location names it.",
            headers = {
                @Header(
                        name = "Idempotent-Replayed",
                        description = "true when this is the first response again, for a repeated request",
                        schema = @Schema(type = "boolean")),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderDtos.OrderResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(
            responseCode = "422",
            ref = OpenApiRefs.CLIENT_ERROR,
            description = "unprocessable-content: the key was used for another request.")
    HttpResponse<OrderDtos.OrderResponse> place(
            Authentication authentication,
            @Parameter(
                            in = ParameterIn.HEADER,
                            required = true,
                            description = "one per checkout; a repeat gets the first response again",
                            schema = @Schema(minLength = 8, maxLength = 128, pattern = ApiDocs.IDEMPOTENCY_KEY_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header(IDEMPOTENCY_KEY)
                    String idempotencyKey,
            @Body OrderDtos.PlaceOrderRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw DomainException.invalid("idempotency-key-required", "send an Idempotency-Key header with checkout");
        }
        if (request.cartId() == null) {
            throw DomainException.invalid("cart-required", "cartId is required");
        }
        CartId cart = CartId.parse(request.cartId());
        PlaceOrderUseCase.Placement placement = checkout.placeOrder(
                new PlaceOrderUseCase.PlaceOrder(customer(authentication), idempotencyKey, fingerprint(cart), cart));
        return HttpResponse.created(
                        OrderDtos.OrderResponse.of(placement.order()),
                        URI.create("/api/v1/orders/" + placement.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(placement.replayed()));
    }

    /** The token's customer's orders, newest first, optionally of one status. */
    @Get
    @Operation(operationId = "listOrders")
    @ApiResponse(
            responseCode = "200",
            description = "A page of orders; nextCursor fetches the next one.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderDtos.OrderPageResponse.class)))
    OrderDtos.OrderPageResponse mine(
            Authentication authentication,
            @Parameter(
                            description =
                                    "an order status (PENDING, CONFIRMED, REJECTED, CANCELLED, EXPIRED), in any case",
                            schema = @Schema(maxLength = 9, pattern = "^[A-Za-z]+$"))
                    @Nullable
                    @QueryValue
                    String status,
            @Parameter(
                            description = "nextCursor of the previous page",
                            schema = @Schema(maxLength = ApiDocs.CURSOR_MAX_LENGTH, pattern = ApiDocs.CURSOR_PATTERN))
                    @Nullable
                    @QueryValue
                    String cursor,
            @Parameter(
                            description = "page size, 20 when absent",
                            schema = @Schema(minimum = "1", maximum = "" + PageSize.MAX, defaultValue = "20"))
                    @Nullable
                    @QueryValue
                    Integer limit) {
        PageSize size = limit == null ? PageSize.ofDefault() : new PageSize(limit);
        QueryOrdersUseCase.OrderPage page = queries.ordersOf(
                customer(authentication),
                Optional.ofNullable(status).map(OrderController::status),
                Optional.ofNullable(cursor).map(OrderCursors::decode),
                size);
        return new OrderDtos.OrderPageResponse(
                page.items().stream().map(OrderDtos.OrderResponse::of).toList(),
                page.next().map(OrderCursors::encode).orElse(null));
    }

    /** One order: the customer's own, or any for an administrator. */
    @Get("/{orderId}")
    @Secured({Roles.CUSTOMER, Roles.ADMIN})
    @Operation(operationId = "getOrder")
    @ApiResponse(
            responseCode = "200",
            description = "The order.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderDtos.OrderResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    OrderDtos.OrderResponse one(
            Authentication authentication,
            @Parameter(schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH)) @PathVariable
                    String orderId) {
        boolean admin = authentication.getRoles().contains(Roles.ADMIN);
        return OrderDtos.OrderResponse.of(queries.order(
                new QueryOrdersUseCase.Viewer(CustomerId.of(authentication.getName()), admin), OrderId.parse(orderId)));
    }

    /** Cancels a PENDING or CONFIRMED order; cancelling again answers the cancelled order. */
    @Post("/{orderId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelOrder")
    @ApiResponse(
            responseCode = "200",
            description = "The cancelled order.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderDtos.OrderResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    HttpResponse<OrderDtos.OrderResponse> cancel(
            Authentication authentication,
            @Parameter(schema = @Schema(format = "uuid", maxLength = ApiDocs.UUID_LENGTH)) @PathVariable String orderId,
            @Nullable @Body OrderDtos.CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return HttpResponse.status(HttpStatus.OK)
                .body(OrderDtos.OrderResponse.of(
                        cancellation.cancel(customer(authentication), OrderId.parse(orderId), reason)));
    }

    private static CustomerId customer(Authentication authentication) {
        return CustomerId.of(authentication.getName());
    }

    private static OrderStatus status(String text) {
        try {
            return OrderStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "invalid-status", "status is one of PENDING, CONFIRMED, REJECTED, CANCELLED, EXPIRED");
        }
    }

    /** What makes two checkout requests "the same request": the operation and the cart it names. */
    private static String fingerprint(CartId cart) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(
                            digest.digest(("POST /api/v1/orders\n" + cart.value()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
