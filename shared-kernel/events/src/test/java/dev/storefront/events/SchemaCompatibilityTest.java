package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build check that refuses a schema change which would break readers of the released version
 * (architecture.md, section 3), and the proof that the checker finds each kind of breaking change.
 */
class SchemaCompatibilityTest {

    /** Reads the schemas inline in the tests, written with single quotes for readability. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    /** Schemas as they are now, shipped with the library. */
    private static final String CURRENT = "schemas";
    /** Schemas as they were released; a new version is added here when it ships and never removed. */
    private static final String RELEASED = "schema-baseline";

    static Stream<String> releasedSchemas() {
        return schemaFiles(RELEASED).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void everyCurrentSchemaIsCompatibleWithItsReleasedVersion(String file) {
        JsonNode released = read(RELEASED, file);
        JsonNode current = read(CURRENT, file);

        assertThat(SchemaCompatibility.breakingChanges(released, current))
                .as("%s breaks readers of the released version; add %s as a new version instead", file, file)
                .isEmpty();
    }

    @Test
    void everyCurrentSchemaHasAReleasedBaseline() {
        Set<String> missing = new TreeSet<>(schemaFiles(CURRENT));
        missing.removeAll(schemaFiles(RELEASED));

        assertThat(missing)
                .as("copy each new schema version to src/test/resources/schema-baseline when it is released")
                .isEmpty();
    }

    @Test
    void noReleasedSchemaHasBeenDeleted() {
        Set<String> deleted = new TreeSet<>(schemaFiles(RELEASED));
        deleted.removeAll(schemaFiles(CURRENT));

        assertThat(deleted)
                .as("a released schema version must stay as long as its messages may be on a topic")
                .isEmpty();
    }

    @Test
    void theBaselineHoldsTheEnvelopeAndEveryCataloguedType() {
        Set<String> expected = new TreeSet<>();
        expected.add("envelope.v1.json");
        EventCatalog.ALL.forEach(type ->
                expected.add(Path.of(type.schemaResource()).getFileName().toString()));

        assertThat(schemaFiles(RELEASED)).containsAll(expected);
    }

    @Nested
    class BreakingChangesAreReported {

        @Test
        void removingARequiredFieldBreaksExistingReaders() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.get("properties")).remove("customerId");
            removeRequired(current, "customerId");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.customerId: required in released, removed in current");
        }

        @Test
        void makingARequiredFieldOptionalBreaksExistingReaders() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            removeRequired(current, "currency");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.currency: required in released, optional in current");
        }

        @Test
        void removingAnOptionalFieldLetsAnyValueThroughAndBreaksExistingReaders() {
            JsonNode released =
                    schema("{'type': 'object', 'properties': {'note': {'type': 'string', 'maxLength': 200}}}");
            JsonNode current = schema("{'type': 'object', 'properties': {}}");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.note: removed from current");
        }

        @Test
        void changingATypeBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string'}", "{'type': 'integer'}"))
                    .singleElement()
                    .asString()
                    .contains("type changed from [string] to [integer]");
        }

        @Test
        void wideningIntegerToNumberBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'integer'}", "{'type': 'number'}"))
                    .singleElement()
                    .asString()
                    .contains("type changed from [integer] to [number]");
        }

        @Test
        void makingAStringNullableBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string'}", "{'type': ['string', 'null']}"))
                    .singleElement()
                    .asString()
                    .contains("do not accept [null]");
        }

        @Test
        void droppingATypeBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string'}", "{}"))
                    .singleElement()
                    .asString()
                    .contains("type [string] was dropped");
        }

        @Test
        void anEnumGainingAValueBreaksExistingReaders() {
            JsonNode released = read(CURRENT, "InventoryRejected.v1.json");
            ObjectNode current = released.deepCopy();
            ((ArrayNode) current.at("/$defs/RejectedLine/properties/reason/enum")).add("RECALLED");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .isEqualTo("$.lines[*].reason: enum gained [\"RECALLED\"]; released readers cannot handle them");
        }

        @Test
        void droppingAnEnumBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string', 'enum': ['A', 'B']}", "{'type': 'string'}"))
                    .singleElement()
                    .asString()
                    .contains("enum was dropped");
        }

        @Test
        void changingAConstBreaksExistingReaders() {
            assertThat(breakingChanges("{'const': 'v1'}", "{'const': 'v2'}"))
                    .singleElement()
                    .asString()
                    .contains("const changed from \"v1\" to \"v2\"");
        }

        @Test
        void changingAPatternBreaksExistingReaders() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.at("/$defs/OrderLine/properties/sku")).put("pattern", "^[A-Za-z0-9-]{3,32}$");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.lines[*].sku: pattern changed");
        }

        @Test
        void droppingAPatternBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string', 'pattern': '^[A-Z]{3}$'}", "{'type': 'string'}"))
                    .singleElement()
                    .asString()
                    .contains("pattern \"^[A-Z]{3}$\" was dropped");
        }

        @Test
        void changingAFormatBreaksExistingReaders() {
            assertThat(breakingChanges(
                            "{'type': 'string', 'format': 'date-time'}", "{'type': 'string', 'format': 'date'}"))
                    .singleElement()
                    .asString()
                    .contains("format changed from \"date-time\" to \"date\"");
        }

        @Test
        void loweringAMinimumBreaksExistingReaders() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.at("/$defs/OrderLine/properties/quantity")).put("minimum", 0);

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.lines[*].quantity: minimum lowered from 1 to 0");
        }

        @Test
        void makingAnExclusiveMinimumInclusiveBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'number', 'exclusiveMinimum': 0}", "{'type': 'number', 'minimum': 0}"))
                    .singleElement()
                    .asString()
                    .contains("minimum lowered from 0 (exclusive) to 0");
        }

        @Test
        void droppingAMinimumBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'integer', 'minimum': 0}", "{'type': 'integer'}"))
                    .singleElement()
                    .asString()
                    .contains("minimum 0 was dropped");
        }

        @Test
        void raisingAMaximumBreaksExistingReaders() {
            assertThat(breakingChanges(
                            "{'type': 'integer', 'maximum': 2147483647}",
                            "{'type': 'integer', 'maximum': 9223372036854775807}"))
                    .singleElement()
                    .asString()
                    .contains("maximum raised from 2147483647 to 9223372036854775807");
        }

        @Test
        void loweringMinItemsBreaksExistingReaders() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.at("/properties/lines")).put("minItems", 0);

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.lines: minItems lowered from 1 to 0");
        }

        @Test
        void raisingMaxLengthBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'string', 'maxLength': 64}", "{'type': 'string', 'maxLength': 128}"))
                    .singleElement()
                    .asString()
                    .contains("maxLength raised from 64 to 128");
        }

        @Test
        void droppingUniqueItemsBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'array', 'uniqueItems': true}", "{'type': 'array'}"))
                    .singleElement()
                    .asString()
                    .contains("uniqueItems was dropped");
        }

        @Test
        void aMultipleOfThatIsNoMultipleOfTheReleasedOneBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'integer', 'multipleOf': 10}", "{'type': 'integer', 'multipleOf': 5}"))
                    .singleElement()
                    .asString()
                    .contains("multipleOf changed from 10 to 5");
        }

        @Test
        void aNewPropertyBreaksReadersThatForbidUnknownProperties() {
            assertThat(breakingChanges(
                            "{'type': 'object', 'properties': {'a': {'type': 'string'}}, "
                                    + "'additionalProperties': false}",
                            "{'type': 'object', 'properties': {'a': {'type': 'string'}, 'b': {'type': 'string'}}}"))
                    .singleElement()
                    .asString()
                    .startsWith("$.b: new property, but released forbids");
        }

        @Test
        void aMapWhoseValuesWidenBreaksExistingReaders() {
            assertThat(breakingChanges(
                            "{'type': 'object', 'additionalProperties': {'type': 'string'}}",
                            "{'type': 'object', 'additionalProperties': {'type': ['string', 'integer']}}"))
                    .singleElement()
                    .asString()
                    .startsWith("$.*: type changed");
        }

        @Test
        void aMapThatAcceptsAnyValueBreaksExistingReaders() {
            assertThat(breakingChanges(
                            "{'type': 'object', 'additionalProperties': {'type': 'string'}}", "{'type': 'object'}"))
                    .singleElement()
                    .asString()
                    .contains("current allows any value");
        }

        @Test
        void droppingTheItemSchemaBreaksExistingReaders() {
            assertThat(breakingChanges("{'type': 'array', 'items': {'type': 'string'}}", "{'type': 'array'}"))
                    .singleElement()
                    .asString()
                    .startsWith("$[*]: items");
        }

        @Test
        void aChangeBehindALocalReferenceIsFound() {
            JsonNode released = schema("{'type': 'object', 'properties': {'line': {'$ref': '#/$defs/Line'}}, "
                    + "'$defs': {'Line': {'type': 'object', 'properties': {'n': {'type': 'integer'}}}}}");
            JsonNode current = schema("{'type': 'object', 'properties': {'line': {'$ref': '#/$defs/Line'}}, "
                    + "'$defs': {'Line': {'type': 'object', 'properties': {'n': {'type': 'string'}}}}}");

            assertThat(SchemaCompatibility.breakingChanges(released, current))
                    .singleElement()
                    .asString()
                    .startsWith("$.line.n: type changed");
        }

        @Test
        void aReferenceToAnotherDocumentIsRefused() {
            assertThat(breakingChanges(
                            "{'$ref': '#/$defs/A', '$defs': {'A': {'type': 'string'}}}",
                            "{'$ref': 'https://example.com/a.json'}"))
                    .singleElement()
                    .asString()
                    .contains("is not local");
        }

        @Test
        void aReferenceToAnAnchorIsRefused() {
            assertThat(breakingChanges(
                            "{'type': 'string'}",
                            "{'$ref': '#line', '$defs': {'L': {'$anchor': 'line', 'type': 'string'}}}"))
                    .singleElement()
                    .asString()
                    .contains("names an anchor");
        }

        @Test
        void aReferenceThatPointsNowhereIsRefused() {
            assertThat(breakingChanges("{'type': 'string'}", "{'$ref': '#/$defs/Missing'}"))
                    .singleElement()
                    .asString()
                    .contains("points nowhere");
        }

        @Test
        void aChangedKeywordOutsideTheUnderstoodSubsetIsReportedAsBreaking() {
            assertThat(breakingChanges(
                            "{'anyOf': [{'type': 'string'}]}", "{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}"))
                    .singleElement()
                    .asString()
                    .contains("'anyOf' differs");
        }

        @Test
        void aReleasedFalseSchemaBreaksWhenCurrentAllowsSomething() {
            assertThat(breakingChanges(
                            "{'type': 'object', 'properties': {'legacy': false}}",
                            "{'type': 'object', 'properties': {'legacy': {'type': 'string'}}}"))
                    .singleElement()
                    .asString()
                    .startsWith("$.legacy: released accepts no value");
        }

        @Test
        void everyProblemIsReportedNotJustTheFirst() {
            JsonNode released = orderPlaced();
            ObjectNode current = orderPlaced();
            removeRequired(current, "currency");
            ((ObjectNode) current.at("/properties/totalMinor")).put("type", "number");

            assertThat(SchemaCompatibility.breakingChanges(released, current)).hasSize(2);
        }
    }

    @Nested
    class SafeChangesAreNotReported {

        @Test
        void anIdenticalSchemaIsCompatible() {
            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), orderPlaced()))
                    .isEmpty();
        }

        @Test
        void aNewOptionalPropertyIsSafe() {
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.get("properties"))
                    .putObject("giftMessage")
                    .put("type", "string")
                    .put("maxLength", 200);

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void aNewRequiredPropertyIsSafe() {
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.get("properties")).putObject("channel").put("type", "string");
            ((ArrayNode) current.get("required")).add("channel");

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void anAddedOrChangedDescriptionIsSafe() {
            ObjectNode current = orderPlaced();
            current.put("description", "Reworded.");
            current.put("title", "Order placed");
            ((ObjectNode) current.at("/properties/currency")).put("$comment", "ISO 4217");
            ((ObjectNode) current.at("/properties/orderId")).remove("description");

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void raisingAMinimumIsSafe() {
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.at("/properties/totalMinor")).put("minimum", 1);

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void tighteningBoundsIsSafe() {
            assertThat(breakingChanges(
                            "{'type': 'string', 'minLength': 1, 'maxLength': 64}",
                            "{'type': 'string', 'minLength': 3, 'maxLength': 32, 'pattern': '^[a-z]+$'}"))
                    .isEmpty();
        }

        @Test
        void narrowingATypeIsSafe() {
            assertThat(breakingChanges("{'type': ['number', 'null']}", "{'type': 'integer'}"))
                    .isEmpty();
        }

        @Test
        void anEnumLosingAValueIsSafe() {
            assertThat(breakingChanges("{'enum': ['A', 'B', 'C']}", "{'enum': ['A', 'C']}"))
                    .isEmpty();
        }

        @Test
        void forbiddingUnknownPropertiesIsSafe() {
            ObjectNode current = orderPlaced();
            current.put("additionalProperties", false);

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void allowingUnknownPropertiesAgainIsSafeWhileNoNewPropertyAppears() {
            String closed =
                    "{'type': 'object', 'properties': {'a': {'type': 'string'}}, 'additionalProperties': false}";
            String open = "{'type': 'object', 'properties': {'a': {'type': 'string'}}, 'additionalProperties': true}";

            assertThat(breakingChanges(closed, open)).isEmpty();
        }

        @Test
        void inliningAReferencedDefinitionIsSafe() {
            ObjectNode current = orderPlaced();
            ((ObjectNode) current.at("/properties/lines")).set("items", current.at("/$defs/OrderLine"));

            assertThat(SchemaCompatibility.breakingChanges(orderPlaced(), current))
                    .isEmpty();
        }

        @Test
        void anUnchangedKeywordOutsideTheUnderstoodSubsetIsNotReported() {
            assertThat(breakingChanges(
                            "{'anyOf': [{'type': 'string'}, {'type': 'null'}]}",
                            "{'anyOf': [{'type': 'string'}, {'type': 'null'}], 'description': 'now documented'}"))
                    .isEmpty();
        }

        @Test
        void aRecursiveDefinitionIsComparedWithoutLoopingForever() {
            String tree = "{'$ref': '#/$defs/Node', '$defs': {'Node': {'type': 'object', "
                    + "'properties': {'children': {'type': 'array', 'items': {'$ref': '#/$defs/Node'}}}}}}";

            assertThat(breakingChanges(tree, tree)).isEmpty();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static List<String> breakingChanges(String released, String current) {
        return SchemaCompatibility.breakingChanges(schema(released), schema(current));
    }

    private static ObjectNode orderPlaced() {
        return (ObjectNode) read(CURRENT, "OrderPlaced.v1.json");
    }

    private static void removeRequired(ObjectNode schema, String name) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(name)) {
                required.remove(i);
            }
        }
    }

    private static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Set<String> schemaFiles(String directory) {
        try (Stream<Path> files = Files.list(directory(directory))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String directory, String file) {
        try {
            return JSON.readTree(directory(directory).resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String name) {
        URL url = SchemaCompatibilityTest.class.getClassLoader().getResource(name);
        assertThat(url).as("%s on the test class path", name).isNotNull();
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
