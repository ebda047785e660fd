package dev.storefront.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CategoryTest {

    @Test
    void aCategoryKeepsItsSlugAndATrimmedName() {
        Category category = new Category("garden-tools", "  Garden tools ");

        assertThat(category.slug()).isEqualTo("garden-tools");
        assertThat(category.name()).isEqualTo("Garden tools");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Garden", "garden--tools", "-garden", "garden-", "garden tools", "gärten"})
    void aSlugMustBeLowerCaseWordsJoinedBySingleHyphens(String slug) {
        assertThatThrownBy(() -> new Category(slug, "Garden"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-category-slug"));
    }

    @Test
    void aSlugIsAtMost64Characters() {
        assertThat(new Category("a".repeat(64), "Long").slug()).hasSize(64);
        assertThatThrownBy(() -> new Category("a".repeat(65), "Long")).isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aCategoryNeedsAName(String name) {
        assertThatThrownBy(() -> new Category("garden", name))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-category-name"));
    }

    @Test
    void aNameIsAtMost100CharactersAfterTrimming() {
        assertThat(new Category("garden", " " + "n".repeat(100) + " ").name()).hasSize(100);
        assertThatThrownBy(() -> new Category("garden", "n".repeat(101)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-category-name"));
    }

    @Test
    void aSlugOfOneCharacterIsEnoughAndNoSlugIsNot() {
        assertThat(new Category("a", "A").slug()).isEqualTo("a");
        assertThatThrownBy(() -> new Category(null, "A"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid-category-slug"));
    }
}
