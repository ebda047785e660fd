package dev.storefront.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.kernel.Sku;
import org.junit.jupiter.api.Test;

class ProductPriceServiceTest {

    private final StubCatalog catalog = new StubCatalog();
    private final ProductPriceService service = new ProductPriceService(catalog);

    @Test
    void aChangedProductsCopyIsDropped() {
        service.productChanged(Sku.of("SKU-1"));

        assertThat(catalog.forgotten).containsExactly(Sku.of("SKU-1"));
    }

    @Test
    void aCopyThatCannotBeDroppedYetFailsTheEventSoItIsRetried() {
        catalog.canForget = false;

        assertThatThrownBy(() -> service.productChanged(Sku.of("SKU-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SKU-1");
    }
}
