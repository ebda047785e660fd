package dev.storefront.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import dev.storefront.catalog.application.port.in.CreateCategoryCommand;
import dev.storefront.catalog.application.port.out.Categories;
import dev.storefront.catalog.domain.Category;
import dev.storefront.kernel.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class CategoryServiceTest {

    @Mock
    Categories categories;

    @Test
    void openingANewCategoryStoresIt() {
        Category garden = new Category("garden", "Garden");
        when(categories.addIfAbsent(garden)).thenReturn(true);

        Category created = new CategoryService(categories).createCategory(new CreateCategoryCommand(garden));

        assertThat(created).isEqualTo(garden);
    }

    @Test
    void openingACategoryWhoseSlugIsTakenIsAConflict() {
        Category garden = new Category("garden", "Garden");
        when(categories.addIfAbsent(garden)).thenReturn(false);

        assertThatThrownBy(() -> new CategoryService(categories).createCategory(new CreateCategoryCommand(garden)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("category-already-exists");
                });
    }
}
