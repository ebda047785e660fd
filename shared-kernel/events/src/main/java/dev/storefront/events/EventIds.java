package dev.storefront.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Event ids: UUIDv7 (RFC 9562), unique and ordered by creation time, so they sort like the events happened. */
public final class EventIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private EventIds() {}

    public static String newId() {
        return GENERATOR.generate().toString();
    }
}
