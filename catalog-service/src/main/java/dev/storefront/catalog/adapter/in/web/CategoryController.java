package dev.storefront.catalog.adapter.in.web;

import dev.storefront.catalog.application.port.in.CreateCategoryCommand;
import dev.storefront.catalog.application.port.in.ManageCategoriesUseCase;
import dev.storefront.catalog.domain.Category;
import dev.storefront.platform.security.Roles;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/** Categories over HTTP: anyone may browse, only administrators may open new ones. JDBC work runs off the event loop. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/api/v1/categories")
class CategoryController {

    private final ManageCategoriesUseCase categories;

    CategoryController(ManageCategoriesUseCase categories) {
        this.categories = categories;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    List<CategoryResponse> list() {
        return categories.listCategories().stream().map(CategoryResponse::of).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<CategoryResponse> create(@Body @Valid CreateCategoryRequest request) {
        Category created = categories.createCategory(CreateCategoryCommand.of(request.slug(), request.name()));
        return HttpResponse.created(CategoryResponse.of(created), URI.create("/api/v1/categories/" + created.slug()));
    }

    @Serdeable
    record CreateCategoryRequest(
            @NotBlank @Size(max = Category.MAX_SLUG_LENGTH) String slug,
            @NotBlank @Size(max = Category.MAX_NAME_LENGTH) String name) {}

    @Serdeable
    record CategoryResponse(String slug, String name) {
        static CategoryResponse of(Category category) {
            return new CategoryResponse(category.slug(), category.name());
        }
    }
}
