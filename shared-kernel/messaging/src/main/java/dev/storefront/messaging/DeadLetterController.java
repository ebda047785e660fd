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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadLetterController.class);

    private final DeadLetterStore store;
    private final MessagingSettings settings;

    DeadLetterController(DeadLetterStore store, MessagingSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Get("/{topic}")
    List<DeadLetterView> list(@PathVariable String topic, @Nullable @QueryValue Integer limit) throws Exception {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw DomainException.invalid("invalid-limit", "limit is 1 to 500");
        }
        Map<RedriveLog.Coordinates, Instant> redriven = store.redrivenOf(known(topic));
        return store.list(topic, size).stream()
                .map(l -> DeadLetterView.of(l, redriven.get(new RedriveLog.Coordinates(l.partition(), l.offset()))))
                .toList();
    }

    @Post("/{topic}/redrive")
    RedriveResult redrive(@PathVariable String topic, @Nullable @Body RedriveRequest request, Authentication operator)
            throws Exception {
        Optional<Integer> partition = Optional.ofNullable(request).map(RedriveRequest::partition);
        Optional<Long> offset = Optional.ofNullable(request).map(RedriveRequest::offset);
        if (partition.isPresent() != offset.isPresent()) {
            throw DomainException.invalid(
                    "invalid-redrive", "give both partition and offset to redrive one letter, or neither for all");
        }
        DeadLetterStore.RedriveReport report = store.redrive(known(topic), partition, offset, operator.getName());
        if (partition.isPresent() && report.redriven().isEmpty()) {
            throw DomainException.notFound(
                    "unknown-letter",
                    "no dead letter of '" + topic + "' at partition " + partition.get() + ", offset " + offset.get());
        }
        LOG.info(
                "{} redrove {} dead letters of {} ({} skipped as redriven before, complete: {})",
                operator.getName(),
                report.redriven().size(),
                topic,
                report.skippedAsRedrivenBefore(),
                report.complete());
        return new RedriveResult(
                report.redriven().size(),
                report.skippedAsRedrivenBefore(),
                report.complete(),
                report.redriven().stream().map(RedrivenLetter::of).toList());
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
    record DeadLetterView(
            int partition,
            long offset,
            String key,
            Map<String, String> headers,
            String value,
            @Nullable Instant redrivenAt) {
        static DeadLetterView of(DeadLetterStore.DeadLetter letter, @Nullable Instant redrivenAt) {
            return new DeadLetterView(
                    letter.partition(), letter.offset(), letter.key(), letter.headers(), letter.value(), redrivenAt);
        }
    }

    /** A letter a redrive put back. */
    @Serdeable
    record RedrivenLetter(
            int partition,
            long offset,
            String key,
            @Nullable String eventId) {
        static RedrivenLetter of(DeadLetterStore.DeadLetter letter) {
            return new RedrivenLetter(
                    letter.partition(), letter.offset(), letter.key(), letter.header(EventProducer.HEADER_EVENT_ID));
        }
    }

    /** Which letter to redrive; both absent means all of them. */
    @Serdeable
    record RedriveRequest(
            @Nullable Integer partition, @Nullable Long offset) {}

    /**
     * What a redrive did: how many letters it put back (and which), how many it skipped because they were redriven
     * before, and whether it read the whole topic (false: run it again for the rest).
     */
    @Serdeable
    record RedriveResult(int redriven, int skippedAsRedrivenBefore, boolean complete, List<RedrivenLetter> letters) {}
}
