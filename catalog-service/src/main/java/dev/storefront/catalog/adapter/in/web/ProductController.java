package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.application.port.in.BrowseProductsUseCase;
import dev.storefront.catalog.application.port.in.ListProductsQuery;
import dev.storefront.catalog.application.port.in.ManageProductsUseCase;
import dev.storefront.catalog.domain.Product;
import dev.storefront.catalog.domain.ProductDetails;
import dev.storefront.catalog.domain.Stock;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import dev.storefront.platform.security.Roles;
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
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Products over HTTP. Anyone may browse; administrators create, revise (If-Match required), reprice and adjust stock.
 * Every product response carries an ETag of its version.
 */
@Controller("/api/v1/products")
class ProductController {

    private final BrowseProductsUseCase browse;
    private final ManageProductsUseCase manage;
    private final ProductResponses responses;

    ProductController(BrowseProductsUseCase browse, ManageProductsUseCase manage, ProductResponses responses) {
        this.browse = browse;
        this.manage = manage;
        this.responses = responses;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ProductDtos.ProductPageResponse list(
            @Nullable @QueryValue String category,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
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
    CompletableFuture<HttpResponse<ProductDtos.ProductResponse>> get(
            @PathVariable String sku, @Nullable @Header("If-None-Match") String ifNoneMatch) {
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

    @Get("/{sku}/stock")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ProductDtos.StockResponse stock(@PathVariable String sku) {
        return ProductDtos.StockResponse.of(browse.stock(Sku.of(sku)).orElseThrow(() -> unknown(sku)));
    }

    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
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

    @Put("/{sku}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ProductDtos.ProductResponse> revise(
            @PathVariable String sku,
            @Nullable @Header("If-Match") String ifMatch,
            @Body ProductDtos.ReviseProductRequest request) {
        long expected = ETags.requiredVersion(ifMatch);
        Product revised = manage.revise(new ManageProductsUseCase.ReviseProduct(
                Sku.of(sku),
                expected,
                new ProductDetails(
                        request.name(), request.description(), request.category(), request.requiredActive())));
        return withEtag(HttpResponse.ok(ProductDtos.ProductResponse.of(revised)), revised);
    }

    @Put("/{sku}/price")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ProductDtos.ProductResponse> reprice(
            @PathVariable String sku, @Nullable @Header("If-Match") String ifMatch, @Body ProductDtos.MoneyDto price) {
        Optional<Long> expected = Optional.ofNullable(ifMatch).map(ETags::requiredVersion);
        Product repriced =
                manage.reprice(new ManageProductsUseCase.RepriceProduct(Sku.of(sku), expected, money(price)));
        return withEtag(HttpResponse.ok(ProductDtos.ProductResponse.of(repriced)), repriced);
    }

    @Post("/{sku}/stock-adjustments")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    ProductDtos.StockResponse adjustStock(@PathVariable String sku, @Body ProductDtos.StockAdjustmentRequest request) {
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
