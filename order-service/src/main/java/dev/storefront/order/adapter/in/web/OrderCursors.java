package dev.storefront.order.adapter.in.web;

import dev.storefront.kernel.DomainException;
import dev.storefront.order.application.port.in.QueryOrdersUseCase;
import dev.storefront.order.domain.OrderId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors: the last order of a page (placement time and id), base64url-encoded. */
final class OrderCursors {

    private OrderCursors() {}

    static String encode(QueryOrdersUseCase.Position position) {
        String raw = position.placedAt().toString() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static QueryOrdersUseCase.Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new QueryOrdersUseCase.Position(
                    Instant.parse(raw.substring(0, bar)), new OrderId(UUID.fromString(raw.substring(bar + 1))));
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-cursor", "the cursor is not one this API handed out");
        }
    }
}
