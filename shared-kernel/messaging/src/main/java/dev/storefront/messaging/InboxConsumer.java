package dev.storefront.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every {@link EventSubscription} bean of the service on its own thread once the service is up, with the
 * inbox, retries and dead letters of {@link SubscriptionRunner} around it, and stops them on shutdown.
 */
@Singleton
@Requires(property = "storefront.messaging.consumer.enabled", notEquals = "false")
public class InboxConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

    private final List<EventSubscription> subscriptions;
    private final String bootstrapServers;
    private final TransactionOperations<Connection> transactions;
    private final EventProducer producer;
    private final TopicInitializer topics;
    private final ConsumerSettings settings;
    private final MessagingSettings messaging;
    private final MeterRegistry meters;
    private final Map<String, ConsumerStats> stats = new ConcurrentHashMap<>();
    private final List<SupervisedSubscription> running = new ArrayList<>();
    private volatile boolean stopped;
    private boolean started;

    public InboxConsumer(
            List<EventSubscription> subscriptions,
            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
            TransactionOperations<Connection> transactions,
            EventProducer producer,
            TopicInitializer topics,
            ConsumerSettings settings,
            MessagingSettings messaging,
            @Nullable MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.bootstrapServers = bootstrapServers;
        this.transactions = transactions;
        this.producer = producer;
        this.topics = topics;
        this.settings = settings;
        this.messaging = messaging;
        this.meters = meters;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /**
     * Starts the subscriptions once the topics exist ({@link TopicInitializer#ready()}), without holding up start-up:
     * the service starts (and serves HTTP) even when the broker is away.
     */
    synchronized void start() {
        if (started || subscriptions.isEmpty()) {
            return;
        }
        started = true;
        topics.ready().thenRun(this::startRunners);
    }

    private synchronized void startRunners() {
        if (stopped) {
            return;
        }
        for (EventSubscription subscription : subscriptions) {
            String group = messaging.groupOf(subscription);
            ConsumerStats groupStats = stats.computeIfAbsent(subscription.consumerGroup(), g -> new ConsumerStats());
            if (meters != null) {
                groupStats.register(meters, group);
            }
            SupervisedSubscription supervised = new SupervisedSubscription(
                    group,
                    () -> new SubscriptionRunner(
                            subscription,
                            group,
                            newConsumer(group),
                            transactions,
                            producer,
                            settings,
                            groupStats,
                            messaging.schema()),
                    settings,
                    groupStats);
            running.add(supervised);
            supervised.start();
            LOG.info("Consuming {} as {}", subscription.topics(), group);
        }
    }

    /** Each subscription's consumer group and what its consumer is doing; empty until the topics exist. */
    public synchronized Map<String, SupervisedSubscription.State> states() {
        Map<String, SupervisedSubscription.State> states = new java.util.LinkedHashMap<>();
        running.forEach(s -> states.put(s.group(), s.state()));
        return states;
    }

    /** Why each group's consumer last died, for those that ever did. */
    synchronized Map<String, String> lastFailures() {
        Map<String, String> failures = new java.util.LinkedHashMap<>();
        running.stream().filter(s -> !s.lastFailure().isEmpty()).forEach(s -> failures.put(s.group(), s.lastFailure()));
        return failures;
    }

    /** Whether the subscriptions were started (they wait for the topics). */
    synchronized boolean consuming() {
        return !running.isEmpty();
    }

    boolean expectsSubscriptions() {
        return !subscriptions.isEmpty();
    }

    private KafkaConsumer<String, byte[]> newConsumer(String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        200,
                        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                        (int) settings.maxPollInterval().toMillis(),
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        (int) settings.sessionTimeout().toMillis(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        group + "-" + ProcessHandle.current().pid()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** What a consumer group of this instance did so far. */
    public ConsumerStats stats(String consumerGroup) {
        return stats.computeIfAbsent(consumerGroup, g -> new ConsumerStats());
    }

    @PreDestroy
    void stop() {
        stopped = true;
        stopRunners();
    }

    private synchronized void stopRunners() {
        running.forEach(SupervisedSubscription::stop);
        running.clear();
    }
}
