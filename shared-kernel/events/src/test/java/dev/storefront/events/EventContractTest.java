package dev.storefront.events;

import static dev.storefront.events.EventExamples.anInventoryRejected;
import static dev.storefront.events.EventExamples.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.events.order.OrderPlaced;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogued event type: its example validates against its schema and survives the codec unchanged. */
class EventContractTest {

    static Stream<EventType<?>> catalogue() {
        return EventCatalog.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyCataloguedTypeHasItsSchemaOnTheClasspath(EventType<?> type) {
        assertThat(getClass().getClassLoader().getResource(type.schemaResource()))
                .as(type.schemaResource())
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void aRealisticExampleOfEveryTypeIsValidAgainstItsSchema(EventType<?> type) {
        EventEnvelope envelope = envelopeOf(type);

        assertThat(SchemaValidator.validate(envelope)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyTypeSurvivesARoundTripThroughTheCodec(EventType<?> type) throws IOException {
        roundTrip(type);
    }

    private static <T> void roundTrip(EventType<T> type) throws IOException {
        T payload = EventExamples.of(type);
        EventEnvelope sent = envelope(type, payload);

        EventEnvelope received = EventCodec.fromBytes(EventCodec.toBytes(sent));

        assertThat(EventCodec.payload(received, type)).isEqualTo(payload);
        assertThat(received).usingRecursiveComparison().ignoringFields("data").isEqualTo(sent);
        assertThat(SchemaValidator.validate(received)).isEmpty();
    }

    static Stream<Arguments> boundaryExamples() {
        return Stream.of(
                Arguments.of(
                        EventCatalog.PRODUCT_CHANGED,
                        EventExamples.aProductChanged().priceMinor(0).inactive().build()),
                Arguments.of(
                        EventCatalog.PRODUCT_PRICE_CHANGED,
                        EventExamples.aProductPriceChanged().to(0).build()),
                Arguments.of(
                        EventCatalog.ORDER_PLACED,
                        anOrderPlaced()
                                .customerId("a".repeat(128))
                                .line("ABC", 1, 0)
                                .build()),
                Arguments.of(
                        EventCatalog.ORDER_PLACED,
                        anOrderPlaced()
                                .customerId("bob.smith_2@example.org")
                                .line("Z9-" + "X".repeat(29), Integer.MAX_VALUE, 1)
                                .build()),
                Arguments.of(
                        EventCatalog.ORDER_CANCELLED,
                        EventExamples.anOrderCancelled().reason("x").build()),
                Arguments.of(
                        EventCatalog.INVENTORY_RESERVED,
                        EventExamples.anInventoryReserved()
                                .line("MUG-001", 1)
                                .expiresAt(Instant.parse("2025-06-01T10:30:00Z"))
                                .build()),
                Arguments.of(
                        EventCatalog.INVENTORY_REJECTED,
                        anInventoryRejected()
                                .line("NO-SUCH-SKU", 1, 0, "UNKNOWN_SKU")
                                .build()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("boundaryExamples")
    @SuppressWarnings({"rawtypes", "unchecked"})
    void valuesAtTheEdgeOfTheRulesAreValid(EventType type, Object payload) {
        assertThat(SchemaValidator.validate(envelope(type, payload))).isEmpty();
    }

    @Test
    void anEventCausedByAnotherCarriesItsIdAndTheSameTrace() throws IOException {
        Traceparent trace = Traceparent.newRoot();
        EventEnvelope placed =
                envelope(EventCatalog.ORDER_PLACED, anOrderPlaced().build(), trace, null);
        EventEnvelope rejected =
                envelope(EventCatalog.INVENTORY_REJECTED, anInventoryRejected().build(), trace.child(), placed.id());

        EventEnvelope received = EventCodec.fromBytes(EventCodec.toBytes(rejected));

        assertThat(received.causationId()).isEqualTo(placed.id());
        assertThat(Traceparent.parse(received.traceparent()))
                .hasValueSatisfying(t -> assertThat(t.traceId()).isEqualTo(trace.traceId()));
        assertThat(SchemaValidator.validate(received)).isEmpty();
    }

    @Test
    void aPayloadIsNotReadAsAnotherType() {
        EventEnvelope placed = envelopeOf(EventCatalog.ORDER_PLACED);

        assertThatThrownBy(() -> EventCodec.payload(placed, EventCatalog.ORDER_CANCELLED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreRefusedWithAnIoException() {
        assertThatThrownBy(() -> EventCodec.fromBytes("{\"hello\":".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventCodec.fromBytes(null)).isInstanceOf(IOException.class);
    }

    @Test
    void theCodecRefusesAnEnvelopeWithoutAggregateId() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.remove("aggregateId");

        assertThatThrownBy(() -> EventCodec.fromBytes(bytes(event))).isInstanceOf(IOException.class);
    }

    @Test
    void anEnvelopeWithoutAggregateIdIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.remove("aggregateId");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("aggregateId"));
    }

    @Test
    void anEnvelopeWithAMalformedTraceparentIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("traceparent", "00-not-a-trace-01");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("traceparent"));
    }

    @Test
    void anEnvelopeWithAnIdThatIsNotAUuidIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("id", "order-1");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("id"));
    }

    @Test
    void anEnvelopeWithAMalformedOccurredAtIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("occurredAt", "yesterday");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("occurredAt"));
    }

    @Test
    void anEventOfAnUnknownTypeIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("type", "OrderShipped");

        assertThat(SchemaValidator.validate(event)).containsExactly("unknown event type OrderShipped v1");
    }

    @Test
    void anEventOfAnUnknownVersionIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("version", 99);

        assertThat(SchemaValidator.validate(event)).containsExactly("unknown event type OrderPlaced v99");
    }

    @Test
    void anOrderLineWithQuantityZeroIsInvalid() {
        OrderPlaced order = anOrderPlaced().line("MUG-001", 0, 1299).build();

        assertThat(SchemaValidator.validate(envelope(EventCatalog.ORDER_PLACED, order)))
                .anySatisfy(p -> assertThat(p).contains("quantity"));
    }

    @Test
    void anOrderWithALowerCaseCurrencyIsInvalid() {
        OrderPlaced order = anOrderPlaced().currency("eur").build();

        assertThat(SchemaValidator.validate(envelope(EventCatalog.ORDER_PLACED, order)))
                .anySatisfy(p -> assertThat(p).contains("currency"));
    }

    @Test
    void anOrderWithoutLinesIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        ((ObjectNode) event.get("data")).putArray("lines");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("lines"));
    }

    @Test
    void aRejectedLineWithAnUnknownReasonIsInvalid() {
        var rejected =
                anInventoryRejected().line("MUG-001", 2, 1, "OUT_OF_LUCK").build();

        assertThat(SchemaValidator.validate(envelope(EventCatalog.INVENTORY_REJECTED, rejected)))
                .anySatisfy(p -> assertThat(p).contains("reason"));
    }

    @Test
    void aPayloadMissingARecordComponentIsInvalid() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        ((ObjectNode) event.get("data")).remove("expiresAt");

        assertThat(SchemaValidator.validate(event))
                .anySatisfy(p -> assertThat(p).contains("expiresAt"));
    }

    @Test
    void readersTolerateMembersAddedByANewerProducer() throws IOException {
        ObjectNode event = treeOf(envelopeOf(EventCatalog.ORDER_PLACED));
        event.put("tenant", "eu-1");
        ((ObjectNode) event.get("data")).put("giftWrapped", true);

        assertThat(SchemaValidator.validate(event)).isEmpty();
        EventEnvelope received = EventCodec.fromBytes(bytes(event));
        assertThat(EventCodec.payload(received, EventCatalog.ORDER_PLACED))
                .isEqualTo(anOrderPlaced().build());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static <T> EventEnvelope envelopeOf(EventType<T> type) {
        return envelope(type, EventExamples.of(type));
    }

    private static <T> EventEnvelope envelope(EventType<T> type, T payload) {
        return envelope(type, payload, Traceparent.newRoot(), null);
    }

    private static <T> EventEnvelope envelope(EventType<T> type, T payload, Traceparent trace, String causationId) {
        String aggregateId = EventExamples.aggregateIdOf(type, payload);
        return EventCodec.envelope(
                type, payload, sourceOf(type), aggregateId, EventExamples.ORDER_ID, causationId, trace, Instant.now());
    }

    private static String sourceOf(EventType<?> type) {
        return type.topic().equals(Topics.ORDERS_ORDER) ? "order-service" : "catalog-service";
    }

    private static ObjectNode treeOf(EventEnvelope envelope) throws IOException {
        return (ObjectNode) EventCodec.tree(EventCodec.toBytes(envelope));
    }

    private static byte[] bytes(JsonNode event) throws IOException {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
