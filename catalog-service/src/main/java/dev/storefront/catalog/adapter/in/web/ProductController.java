package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.application.port.in.BrowseProductsUseCase;
import dev.storefront.catalog.application.port.in.ListProductsQuery;
import dev.storefront.catalog.application.port.in.ManageProductsUseCase;
import dev.storefront.catalog.domain.Category;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Products over HTTP. Anyone may browse; administrators create, revise (If-Match required), reprice and adjust stock.
 * Every product response carries an ETag of its version.
 */
@Controller("/api/v1/products")
@Tag(name = "products", description = "Products, their prices and stock: browsed by anyone, changed by administrators.")
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class ProductController {

    private final BrowseProductsUseCase browse;
    private final ManageProductsUseCase manage;
    private final ProductResponses responses;

    ProductController(BrowseProductsUseCase browse, ManageProductsUseCase manage, ProductResponses responses) {
        this.browse = browse;
        this.manage = manage;
        this.responses = responses;
    }

    /** A page of products in SKU order, optionally of one category and with names matching the search text. */
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "listProducts")
    @ApiResponse(
            responseCode = "200",
            description = "A page of products; nextCursor fetches the next one.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.ProductPageResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    ProductDtos.ProductPageResponse list(
            @Parameter(
                            description = "a category slug",
                            schema = @Schema(maxLength = Category.MAX_SLUG_LENGTH, pattern = ApiDocs.SLUG_PATTERN))
                    @Nullable
                    @QueryValue
                    String category,
            @Parameter(
                            description = "search text: names with words starting with its first five words",
                            schema = @Schema(maxLength = ListProductsQuery.MAX_TEXT_LENGTH))
                    @Nullable
                    @QueryValue
                    String q,
            @Parameter(
                            description = "nextCursor of the previous page",
                            schema = @Schema(maxLength = ApiDocs.CURSOR_MAX_LENGTH, pattern = ApiDocs.CURSOR_PATTERN))
                    @Nullable
                    @QueryValue
                    String cursor,
            @Parameter(
                            description = "page size, 20 when absent",
                            schema = @Schema(minimum = "1", maximum = "100", defaultValue = "20"))
                    @Nullable
                    @QueryValue
                    Integer limit) {
        Sku after = cursor == null ? null : Cursors.decode(cursor);
        BrowseProductsUseCase.ProductPage page = browse.products(ListProductsQuery.of(category, q, after, limit));
        return new ProductDtos.ProductPageResponse(
                page.items().stream().map(ProductDtos.ProductResponse::of).toList(),
                page.nextAfter().map(Cursors::encode).orElse(null));
    }

    /**
     * The hot read, served without leaving the event loop when the product is cached (in this instance or in Redis):
     * the body is the product version's encoded JSON, kept by {@link ProductResponses}; a matching If-None-Match is
     * answered 304 from the cached version alone. Only a miss moves to the blocking pool, inside the cache adapter.
     */
    @Get("/{sku}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "getProduct", summary = "One product, with its ETag; 304 when If-None-Match names it.")
    @ApiResponse(
            responseCode = "200",
            description = "The product.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The version, \"v<version>\".",
                        schema = @Schema(maxLength = 22, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.ProductResponse.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version.")
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    CompletableFuture<HttpResponse<ProductDtos.ProductResponse>> get(
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "an ETag this API handed out; any other value simply does not match",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-None-Match")
                    String ifNoneMatch) {
        return browse.productAsync(Sku.of(sku)).toCompletableFuture().thenApply(found -> {
            Product product = found.orElseThrow(() -> unknown(sku));
            String etag = ETags.of(product);
            if (etag.equals(ifNoneMatch)) {
                return HttpResponse.<ProductDtos.ProductResponse>status(HttpStatus.NOT_MODIFIED)
                        .header(HttpHeaders.ETAG, etag);
            }
            return encoded(responses.json(product)).header(HttpHeaders.ETAG, etag);
        });
    }

    /**
     * A response whose body is already the JSON of a {@link ProductDtos.ProductResponse}; declared as one, so the API
     * description shows the product, and written as the bytes it is.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MutableHttpResponse<ProductDtos.ProductResponse> encoded(byte[] json) {
        MutableHttpResponse response = HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
        return response;
    }

    /** Units of a product on hand, reserved for pending orders, and available. */
    @Get("/{sku}/stock")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "getStock")
    @ApiResponse(
            responseCode = "200",
            description = "The product's stock.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.StockResponse.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    ProductDtos.StockResponse stock(
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku) {
        return ProductDtos.StockResponse.of(browse.stock(Sku.of(sku)).orElseThrow(() -> unknown(sku)));
    }

    /** Creates a product (administrators) in an existing category, with its price and initial stock. */
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProduct", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(
            responseCode = "201",
            description = "The product as created, at version 1; Location names it.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The version, \"v<version>\".",
                        schema = @Schema(maxLength = 22, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    HttpResponse<ProductDtos.ProductResponse> create(@Body ProductDtos.CreateProductRequest request) {
        Product created = manage.create(new ManageProductsUseCase.CreateProduct(
                Sku.of(request.sku()),
                new ProductDetails(request.name(), request.description(), request.category(), request.activeOrTrue()),
                money(request.price()),
                request.initialStock() == null ? 0 : request.initialStock()));
        return withEtag(
                HttpResponse.created(
                        ProductDtos.ProductResponse.of(created), URI.create("/api/v1/products/" + created.sku())),
                created);
    }

    /** Replaces a product's details (administrators); If-Match with its current ETag is required. */
    @Put("/{sku}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reviseProduct", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(
            responseCode = "200",
            description = "The product at its next version.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The version, \"v<version>\".",
                        schema = @Schema(maxLength = 22, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(responseCode = "412", ref = OpenApiRefs.PRECONDITION_FAILED)
    @ApiResponse(
            responseCode = "428",
            ref = OpenApiRefs.CLIENT_ERROR,
            description = "precondition-required: no If-Match.")
    HttpResponse<ProductDtos.ProductResponse> revise(
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the ETag of the version being changed; required (428 without)",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-Match")
                    String ifMatch,
            @Body ProductDtos.ReviseProductRequest request) {
        long expected = ETags.requiredVersion(ifMatch);
        Product revised = manage.revise(new ManageProductsUseCase.ReviseProduct(
                Sku.of(sku),
                expected,
                new ProductDetails(
                        request.name(), request.description(), request.category(), request.requiredActive())));
        return withEtag(HttpResponse.ok(ProductDtos.ProductResponse.of(revised)), revised);
    }

    /** Sets a product's price (administrators); If-Match is optional here. */
    @Put("/{sku}/price")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "repriceProduct", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(
            responseCode = "200",
            description = "The product at its next version.",
            headers = {
                @Header(
                        name = "ETag",
                        description = "The version, \"v<version>\".",
                        schema = @Schema(maxLength = 22, pattern = ApiDocs.ETAG_PATTERN)),
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    @ApiResponse(responseCode = "412", ref = OpenApiRefs.PRECONDITION_FAILED)
    HttpResponse<ProductDtos.ProductResponse> reprice(
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Parameter(
                            in = ParameterIn.HEADER,
                            description = "the ETag of the version being changed",
                            schema = @Schema(maxLength = ApiDocs.HEADER_MAX_LENGTH, pattern = ApiDocs.ETAG_PATTERN))
                    @Nullable
                    @io.micronaut.http.annotation.Header("If-Match")
                    String ifMatch,
            @Body ProductDtos.MoneyDto price) {
        Optional<Long> expected = Optional.ofNullable(ifMatch).map(ETags::requiredVersion);
        Product repriced =
                manage.reprice(new ManageProductsUseCase.RepriceProduct(Sku.of(sku), expected, money(price)));
        return withEtag(HttpResponse.ok(ProductDtos.ProductResponse.of(repriced)), repriced);
    }

    /** Counts units into or out of the warehouse (administrators); reserved units cannot be taken away. */
    @Post("/{sku}/stock-adjustments")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adjustStock", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(
            responseCode = "200",
            description = "The stock after the adjustment.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductDtos.StockResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    ProductDtos.StockResponse adjustStock(
            @Parameter(schema = @Schema(maxLength = ApiDocs.SKU_MAX_LENGTH, pattern = ApiDocs.SKU_PATTERN))
                    @PathVariable
                    String sku,
            @Body ProductDtos.StockAdjustmentRequest request) {
        if (request.delta() == null) {
            throw DomainException.invalid("invalid-adjustment", "delta is required");
        }
        Stock adjusted = manage.adjustStock(new ManageProductsUseCase.AdjustStock(Sku.of(sku), request.delta()));
        return ProductDtos.StockResponse.of(adjusted);
    }

    private static Money money(ProductDtos.MoneyDto price) {
        if (price == null || price.amountMinor() == null || price.currency() == null) {
            throw DomainException.invalid("invalid-price", "price needs amountMinor and currency");
        }
        return Money.of(price.amountMinor(), price.currency());
    }

    private static <T> MutableHttpResponse<T> withEtag(MutableHttpResponse<T> response, Product product) {
        return response.header("ETag", ETags.of(product));
    }

    private static DomainException unknown(String sku) {
        return DomainException.notFound("unknown-product", "no product with sku " + sku);
    }
}
