package dev.storefront.messaging;

import dev.storefront.events.Topics;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the service's topics and their dead-letter twins with the configured partition count, idempotently, before
 * consumers subscribe (the broker does not auto-create topics).
 */
@Singleton
public class TopicInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final MessagingSettings settings;
    private volatile boolean done;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    public TopicInitializer(@Value("${kafka.bootstrap.servers}") String bootstrapServers, MessagingSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    /**
     * Creates the topics in the background, retrying until Kafka answers: start-up does not wait for the broker, and
     * the service serves HTTP and writes its outbox without it (the relay retries until the topics exist).
     */
    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofVirtual().name("topic-initializer").start(() -> {
            Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
            for (int attempt = 1; !done; attempt++) {
                try {
                    ensureTopics();
                } catch (RuntimeException e) {
                    LOG.warn("Could not create topics yet: {}", e.getMessage());
                    try {
                        Thread.sleep(backoff.before(attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        ready.completeExceptionally(interrupted);
                        return;
                    }
                }
            }
        });
    }

    /** Completes once the topics exist; consumers subscribe after it. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Creates what is missing; a no-op after the first success. */
    public synchronized void ensureTopics() {
        if (done || settings.topics().isEmpty()) {
            done = true;
            ready.complete(null);
            return;
        }
        List<String> wanted = settings.topics().stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
                .distinct()
                .toList();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.info(
                        "Created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
            done = true;
            ready.complete(null);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + wanted + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
