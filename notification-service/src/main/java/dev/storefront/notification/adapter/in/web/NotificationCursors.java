package dev.storefront.notification.adapter.in.web;

import dev.storefront.kernel.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the last notification of a page (its place in the customer's sequence), base64url-encoded. */
final class NotificationCursors {

    private static final String PREFIX = "n1:";

    private NotificationCursors() {}

    static String encode(long sequence) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException(raw);
            }
            long sequence = Long.parseLong(raw.substring(PREFIX.length()));
            if (sequence < 1) {
                throw new IllegalArgumentException(raw);
            }
            return sequence;
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-cursor", "the cursor is not one this API handed out");
        }
    }
}
