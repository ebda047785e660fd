package dev.storefront.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}: version-traceid-spanid-flags). Stored with each outbox row and carried
 * as a Kafka header, so one trace follows a request across services: each hop keeps the trace id and takes a new span
 * id.
 */
public record Traceparent(String traceId, String spanId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()
                || matcher.group(1).matches("0+")
                || matcher.group(2).matches("0+")) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    /** The start of a new trace, for work no caller traced. */
    public static Traceparent newRoot() {
        return new Traceparent(random(16), random(8), "01");
    }

    /** The same trace, one hop further. */
    public Traceparent child() {
        return new Traceparent(traceId, random(8), flags);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HEX.formatHex(value);
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }
}
