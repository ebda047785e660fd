package dev.storefront.notification.support;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventCodec;
import dev.storefront.events.EventEnvelope;
import dev.storefront.events.EventType;
import dev.storefront.events.Topics;
import dev.storefront.events.Traceparent;
import dev.storefront.events.order.OrderCancelled;
import dev.storefront.events.order.OrderConfirmed;
import dev.storefront.events.order.OrderLine;
import dev.storefront.events.order.OrderPlaced;
import dev.storefront.events.order.OrderRejected;
import dev.storefront.infra.Infrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Order events as order-service publishes them, sent to the real broker on the orders topic. */
public final class OrderEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Infrastructure.forTests().kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all"),
            new StringSerializer(),
            new ByteArraySerializer());

    public static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    public static <T> EventEnvelope envelope(EventType<T> type, String orderId, T payload) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return EventCodec.envelope(type, payload, "order-service", orderId, orderId, null, Traceparent.newRoot(), now);
    }

    public static EventEnvelope placed(String orderId, String customer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return envelope(
                EventCatalog.ORDER_PLACED,
                orderId,
                new OrderPlaced(
                        orderId,
                        customer,
                        List.of(new OrderLine("LAMP-1", 2, 1250), new OrderLine("CHAIR-7", 1, 4999)),
                        "EUR",
                        7499,
                        now,
                        now.plusSeconds(900)));
    }

    public static EventEnvelope confirmed(String orderId, String customer) {
        return envelope(EventCatalog.ORDER_CONFIRMED, orderId, new OrderConfirmed(orderId, customer));
    }

    public static EventEnvelope rejected(String orderId, String customer, String reason) {
        return envelope(EventCatalog.ORDER_REJECTED, orderId, new OrderRejected(orderId, customer, reason));
    }

    public static EventEnvelope cancelled(String orderId, String customer, String reason) {
        return envelope(EventCatalog.ORDER_CANCELLED, orderId, new OrderCancelled(orderId, customer, reason));
    }

    public void send(EventEnvelope event) throws Exception {
        send(event.aggregateId(), EventCodec.toBytes(event));
    }

    public void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ORDERS_ORDER, key, value)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
