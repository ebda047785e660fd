package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void aThousandIdsAreUniqueAndSortInTheOrderTheyWereGenerated() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(EventIds.newId());
        }

        assertThat(new HashSet<>(ids)).hasSize(1000);
        assertThat(ids).isSorted();
    }

    @Test
    void anIdIsALowerCaseVersion7Uuid() {
        String id = EventIds.newId();

        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(id).isEqualTo(id.toLowerCase()).hasSize(36);
    }
}
