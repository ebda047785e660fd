package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.application.port.in.CreateCategoryCommand;
import dev.storefront.catalog.application.port.in.ManageCategoriesUseCase;
import dev.storefront.catalog.domain.Category;
import dev.storefront.platform.security.Roles;
import dev.storefront.platform.web.OpenApiRefs;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/** Categories over HTTP: anyone may browse, only administrators may open new ones. JDBC work runs off the event loop. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/categories")
@Tag(name = "categories", description = "The shelves products are filed under.")
@ApiResponse(responseCode = "4XX", ref = OpenApiRefs.CLIENT_ERROR)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.TOO_MANY_REQUESTS)
@ApiResponse(responseCode = "500", ref = OpenApiRefs.INTERNAL_ERROR)
@ApiResponse(responseCode = "503", ref = OpenApiRefs.SERVICE_UNAVAILABLE)
class CategoryController {

    private final ManageCategoriesUseCase categories;

    CategoryController(ManageCategoriesUseCase categories) {
        this.categories = categories;
    }

    /** Every category, for anyone. */
    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "listCategories")
    @ApiResponse(
            responseCode = "200",
            description = "Every category, ordered by slug.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array = @ArraySchema(schema = @Schema(implementation = CategoryResponse.class))))
    List<CategoryResponse> list() {
        return categories.listCategories().stream().map(CategoryResponse::of).toList();
    }

    /** Opens a category (administrators); its slug is its identity and never changes. */
    @Post
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCategory", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(
            responseCode = "201",
            description = "The category as created; Location names it.",
            headers = {
                @Header(name = "RateLimit-Policy", ref = OpenApiRefs.RATE_LIMIT_POLICY),
                @Header(name = "RateLimit-Limit", ref = OpenApiRefs.RATE_LIMIT_LIMIT),
                @Header(name = "RateLimit-Remaining", ref = OpenApiRefs.RATE_LIMIT_REMAINING),
                @Header(name = "RateLimit-Reset", ref = OpenApiRefs.RATE_LIMIT_RESET)
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CategoryResponse.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
    HttpResponse<CategoryResponse> create(@Body @Valid CreateCategoryRequest request) {
        Category created = categories.createCategory(CreateCategoryCommand.of(request.slug(), request.name()));
        return HttpResponse.created(CategoryResponse.of(created), URI.create("/api/v1/categories/" + created.slug()));
    }

    @Serdeable
    record CreateCategoryRequest(
            @NotBlank @Size(max = Category.MAX_SLUG_LENGTH) @Schema(pattern = ApiDocs.SLUG_PATTERN)
            String slug,

            @NotBlank @Size(max = Category.MAX_NAME_LENGTH) String name) {}

    @Serdeable
    record CategoryResponse(
            @Schema(maxLength = Category.MAX_SLUG_LENGTH, pattern = ApiDocs.SLUG_PATTERN)
            String slug,

            @Schema(maxLength = Category.MAX_NAME_LENGTH) String name) {
        static CategoryResponse of(Category category) {
            return new CategoryResponse(category.slug(), category.name());
        }
    }
}
