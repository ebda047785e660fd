package dev.storefront.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.catalog.application.port.in.CreateCategoryCommand;
import dev.storefront.catalog.application.port.out.Categories;
import dev.storefront.catalog.domain.Category;
import dev.storefront.kernel.DomainException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Category use cases over an in-memory store that keeps the port's contract (first slug wins). */
class CategoryServiceTest {

    static final class InMemoryCategories implements Categories {
        private final Map<String, Category> bySlug = new LinkedHashMap<>();

        @Override
        public List<Category> allByName() {
            return bySlug.values().stream()
                    .sorted(Comparator.comparing(Category::name))
                    .toList();
        }

        @Override
        public boolean exists(String slug) {
            return bySlug.containsKey(slug);
        }

        @Override
        public boolean addIfAbsent(Category category) {
            return bySlug.putIfAbsent(category.slug(), category) == null;
        }
    }

    private final InMemoryCategories categories = new InMemoryCategories();
    private final CategoryService service = new CategoryService(categories);

    @Test
    void openedCategoriesAreListedByName() {
        Category created = service.createCategory(new CreateCategoryCommand(new Category("kitchen", "Kitchen")));
        service.createCategory(new CreateCategoryCommand(new Category("garden", "Garden")));

        assertThat(created).isEqualTo(new Category("kitchen", "Kitchen"));

        assertThat(service.listCategories()).extracting(Category::slug).containsExactly("garden", "kitchen");
    }

    @Test
    void openingACategoryWhoseSlugIsTakenIsAConflictAndKeepsTheFirst() {
        service.createCategory(new CreateCategoryCommand(new Category("garden", "Garden")));

        assertThatThrownBy(() -> service.createCategory(new CreateCategoryCommand(new Category("garden", "Yard"))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("category-already-exists");
                });
        assertThat(service.listCategories()).extracting(Category::name).containsExactly("Garden");
    }
}
