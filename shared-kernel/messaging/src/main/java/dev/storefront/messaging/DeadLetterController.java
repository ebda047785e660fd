package dev.storefront.messaging;

import dev.storefront.kernel.DomainException;
import dev.storefront.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operators' view of the dead letters of the topics this service uses: list them, and redrive one or all once the
 * cause is fixed. See docs/runbook/dead-letters.md.
 */
@Controller("/admin/dead-letters")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class DeadLetterController {

    private final DeadLetterStore store;
    private final MessagingSettings settings;

    DeadLetterController(DeadLetterStore store, MessagingSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Get("/{topic}")
    List<DeadLetterView> list(@PathVariable String topic, @Nullable @QueryValue Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw DomainException.invalid("invalid-limit", "limit is 1 to 500");
        }
        return store.list(known(topic), size).stream().map(DeadLetterView::of).toList();
    }

    @Post("/{topic}/redrive")
    RedriveResult redrive(@PathVariable String topic, @Nullable @Body RedriveRequest request) throws Exception {
        Optional<Integer> partition = Optional.ofNullable(request).map(RedriveRequest::partition);
        Optional<Long> offset = Optional.ofNullable(request).map(RedriveRequest::offset);
        return new RedriveResult(store.redrive(known(topic), partition, offset));
    }

    private String known(String topic) {
        if (!settings.topics().contains(topic)) {
            throw DomainException.notFound(
                    "unknown-topic",
                    "this service has no dead letters for '" + topic + "'; it uses " + settings.topics());
        }
        return topic;
    }

    @Serdeable
    record DeadLetterView(int partition, long offset, String key, Map<String, String> headers, String value) {
        static DeadLetterView of(DeadLetterStore.DeadLetter letter) {
            return new DeadLetterView(
                    letter.partition(), letter.offset(), letter.key(), letter.headers(), letter.value());
        }
    }

    /** Which letter to redrive; both absent means all of them. */
    @Serdeable
    record RedriveRequest(
            @Nullable Integer partition, @Nullable Long offset) {}

    @Serdeable
    record RedriveResult(int redriven) {}
}
