package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps docs/events true: the catalogue page and the AsyncAPI document name every catalogued type and topic, and
 * every file they point to exists. Maven runs tests in the module directory, so the docs are two levels up.
 */
class EventDocsTest {

    private static final Path DOCS = Path.of("../../docs/events");
    private static final Path CATALOG = DOCS.resolve("catalog.md");
    private static final Path ASYNCAPI = DOCS.resolve("asyncapi.yaml");
    private static final String SCHEMAS = "../../shared-kernel/events/src/main/resources/schemas/";
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    static Stream<EventType<?>> catalogue() {
        return EventCatalog.ALL.stream();
    }

    static Stream<String> topics() {
        return Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void theCataloguePageDescribesEveryType(EventType<?> type) throws IOException {
        String page = Files.readString(CATALOG);

        assertThat(page)
                .contains(type.name())
                .contains("### " + type.name() + " v" + type.version())
                .contains("(" + SCHEMAS + schemaFile(type) + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void theAsyncApiDocumentHasEveryTypeAsAMessageOnItsTopic(EventType<?> type) throws IOException {
        JsonNode asyncApi = asyncApi();
        String text = Files.readString(ASYNCAPI);

        assertThat(text).contains(type.name());
        JsonNode message = asyncApi.path("components").path("messages").path(type.name());
        assertThat(message.isObject()).as("components.messages.%s", type.name()).isTrue();
        assertThat(refs(message.path("payload"))).contains(SCHEMAS + schemaFile(type));
        assertThat(channelMessages(asyncApi, type.topic()))
                .as("messages of the channel with address %s", type.topic())
                .contains(type.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyTopicAndItsDeadLetterTopicIsDocumented(String topic) throws IOException {
        assertThat(Files.readString(CATALOG)).contains("`" + topic + "`");
        assertThat(channelAddresses(asyncApi())).contains(topic);
    }

    @Test
    void theAsyncApiDocumentHasNoChannelForATopicThatDoesNotExist() throws IOException {
        assertThat(channelAddresses(asyncApi())).containsExactlyInAnyOrderElementsOf(topics().toList());
    }

    @Test
    void everyFileTheAsyncApiDocumentRefersToExists() throws IOException {
        List<String> files =
                refs(asyncApi()).stream().filter(ref -> !ref.startsWith("#")).toList();

        assertThat(files).isNotEmpty();
        assertThat(files).allSatisfy(ref -> assertThat(DOCS.resolve(ref)).isRegularFile());
    }

    @Test
    void everyRelativeLinkOfTheCataloguePageResolves() throws IOException {
        Matcher links = MARKDOWN_LINK.matcher(Files.readString(CATALOG));
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            if (!links.group(1).contains("://")) {
                targets.add(links.group(1));
            }
        }

        assertThat(targets).isNotEmpty();
        assertThat(targets)
                .allSatisfy(target -> assertThat(DOCS.resolve(target)).exists());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static String schemaFile(EventType<?> type) {
        return Path.of(type.schemaResource()).getFileName().toString();
    }

    private static JsonNode asyncApi() throws IOException {
        return new YAMLMapper().readTree(ASYNCAPI.toFile());
    }

    private static Set<String> channelAddresses(JsonNode asyncApi) {
        Set<String> addresses = new TreeSet<>();
        asyncApi.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));
        return addresses;
    }

    private static Set<String> channelMessages(JsonNode asyncApi, String address) {
        Set<String> messages = new TreeSet<>();
        for (Map.Entry<String, JsonNode> channel : asyncApi.path("channels").properties()) {
            if (channel.getValue().path("address").asText().equals(address)) {
                channel.getValue().path("messages").properties().forEach(m -> messages.add(m.getKey()));
            }
        }
        return messages;
    }

    /** Every {@code $ref} value anywhere below {@code node}. */
    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        collectRefs(node, refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getKey().equals("$ref") && member.getValue().isTextual()) {
                    refs.add(member.getValue().asText());
                } else {
                    collectRefs(member.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
