package dev.storefront.catalog.adapter.in.web;

import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Sku;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the last sku of a page, base64url-encoded so clients do not build them. */
final class Cursors {

    private Cursors() {}

    static String encode(Sku lastOfPage) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(lastOfPage.value().getBytes(StandardCharsets.UTF_8));
    }

    static Sku decode(String cursor) {
        try {
            return Sku.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DomainException e) {
            throw DomainException.invalid("invalid-cursor", "the cursor is not one this API handed out");
        }
    }
}
