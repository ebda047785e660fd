package dev.storefront.notification.adapter.out.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook request is signed and how a receiver checks it (docs/api/notifications.md). The signature is
 * HMAC-SHA256, keyed with the secret the operator shares with the receiver, over {@code <timestamp>.<body>}: the
 * timestamp (Unix seconds, header {@value #TIMESTAMP_HEADER}) is signed with the body, so a receiver that refuses old
 * timestamps refuses replays too. Header {@value #SIGNATURE_HEADER}: {@code v1=<lowercase hex>}.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "Storefront-Signature";
    public static final String TIMESTAMP_HEADER = "Storefront-Timestamp";
    public static final String DELIVERY_HEADER = "Storefront-Delivery-Id";
    private static final String SCHEME = "v1=";

    private final byte[] secret;

    public WebhookSignature(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the webhook secret needs at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestamp}. */
    public String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * What a receiver does: the signature matches (compared in constant time) and the timestamp is within
     * {@code tolerance} of {@code now}.
     */
    public boolean verify(String signature, String timestamp, byte[] body, Instant now, Duration tolerance) {
        if (signature == null || timestamp == null) {
            return false;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(sentAt, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
