package dev.storefront.localstack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the system's topics and their dead-letter twins, idempotently (architecture.md section 3). */
final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {}

    /** Partitions per topic: STOREFRONT_TOPIC_PARTITIONS, default 3. */
    static int partitions() {
        return Integer.parseInt(System.getenv().getOrDefault("STOREFRONT_TOPIC_PARTITIONS", "3"));
    }

    static void ensure(String bootstrapServers, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = dev.storefront.events.Topics.ALL.stream()
                    .flatMap(topic ->
                            java.util.stream.Stream.of(topic, dev.storefront.events.Topics.deadLetterOf(topic)))
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            LOG.info(
                    "Topics ready; created {}",
                    missing.stream().map(NewTopic::name).collect(Collectors.joining(", ", "[", "]")));
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e.getCause());
        }
    }
}
