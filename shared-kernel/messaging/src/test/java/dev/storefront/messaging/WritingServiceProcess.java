package dev.storefront.messaging;

import static dev.storefront.messaging.MessagingTestSupport.TOPIC;
import static dev.storefront.messaging.MessagingTestSupport.orderPlaced;

import dev.storefront.events.EventEnvelope;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * A service in a process of its own, for tests that kill it for real: writer threads that each change state and append
 * its event in one transaction, as fast as they can, with the service's own relay running beside them. After each
 * commit a writer prints {@value #ACKNOWLEDGED}{@code <event id>}, the moment an API would answer its client.
 *
 * <p>Run with the parent test's {@code messaging.it.topic}, {@code messaging.it.group} and {@code
 * storefront.kafka.bootstrap} as system properties; arguments: the relay's claim lease (longer than its 2 s send timeout), then the
 * aggregate ids to write, one writer thread per id.
 */
public final class WritingServiceProcess {

    static final String ACKNOWLEDGED = "ACKNOWLEDGED ";

    private WritingServiceProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(MessagingTestSupport.properties(true));
        properties.put("storefront.messaging.consumer.enabled", "false");
        properties.put("storefront.messaging.relay.send-timeout", "2s");
        properties.put("storefront.messaging.relay.claim-lease", args[0]);
        properties.put("micronaut.server.enabled", "false");
        ApplicationContext context = ApplicationContext.run(properties);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        OutboxWriter outbox = context.getBean(OutboxWriter.class);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String key : List.of(args).subList(1, args.length)) {
            Thread.ofPlatform().name("writer-" + key).start(() -> {
                for (long seq = 0; ; seq++) {
                    EventEnvelope event = orderPlaced(key, seq);
                    long written = seq;
                    transactions.executeWrite(status -> {
                        try (PreparedStatement insert = status.getConnection()
                                .prepareStatement(
                                        "INSERT INTO service_writes (event_id, aggregate_id, seq) VALUES (?, ?, ?)")) {
                            insert.setObject(1, UUID.fromString(event.id()));
                            insert.setString(2, key);
                            insert.setLong(3, written);
                            insert.executeUpdate();
                        }
                        outbox.append(event, TOPIC);
                        return null;
                    });
                    out.println(ACKNOWLEDGED + event.id());
                }
            });
        }
        new CountDownLatch(1).await();
    }
}
