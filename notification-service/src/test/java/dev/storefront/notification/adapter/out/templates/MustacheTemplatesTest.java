package dev.storefront.notification.adapter.out.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.notification.application.MessageModels;
import dev.storefront.notification.application.port.out.MessageTemplates;
import dev.storefront.notification.domain.NotificationKind;
import io.micronaut.core.io.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped templates, rendered with the model each kind is given: a template naming a value the model does not
 * hold fails here, in the build, not in a customer's message.
 */
class MustacheTemplatesTest {

    private static final ResourceResolver RESOURCES = new ResourceResolver();

    private final MessageTemplates shipped = new MustacheTemplates(RESOURCES, "classpath:notification-templates");

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void everyShippedTemplateRendersWithTheModelItsKindIsGiven(NotificationKind kind) {
        Map<String, Object> model = MessageModels.sample(kind);

        MessageTemplates.Message message = shipped.render(kind, model);

        assertThat(message.subject()).contains((String) model.get("orderId")).doesNotContain("{{");
        assertThat(message.body())
                .contains("2 x SKU-1 at 12.50 EUR: 25.00 EUR")
                .contains("34.99 EUR")
                .doesNotContain("{{");
    }

    @Test
    void aRejectionNamesItsReasonAndACancellationWithoutOneSaysSo() {
        assertThat(shipped.render(
                                NotificationKind.ORDER_REJECTED, MessageModels.sample(NotificationKind.ORDER_REJECTED))
                        .body())
                .contains("Reason: SKU-1: out of stock.");
        assertThat(shipped.render(
                                NotificationKind.ORDER_CANCELLED,
                                MessageModels.sample(NotificationKind.ORDER_CANCELLED))
                        .body())
                .contains("Reason: not given.");
    }

    private static void write(Path dir, String subjectAndBody) throws Exception {
        for (NotificationKind kind : NotificationKind.values()) {
            Files.writeString(dir.resolve(kind.template() + MustacheTemplates.EXTENSION), subjectAndBody);
        }
    }

    @Test
    void aTemplateNamingAValueTheModelLacksFailsInsteadOfRenderingAGap(@TempDir Path dir) throws Exception {
        write(dir, "Order {{orderId}}\n\nDear {{firstName}}, thanks.");
        MessageTemplates team = new MustacheTemplates(RESOURCES, "file:" + dir);

        assertThatThrownBy(() -> team.render(
                        NotificationKind.ORDER_CONFIRMED, MessageModels.sample(NotificationKind.ORDER_CONFIRMED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstName");
    }

    @Test
    void aSectionTheModelLacksFailsToo(@TempDir Path dir) throws Exception {
        write(dir, "Order {{orderId}}\n\n{{#coupons}}{{code}}{{/coupons}}");
        MessageTemplates team = new MustacheTemplates(RESOURCES, "file:" + dir);

        assertThatThrownBy(() -> team.render(
                        NotificationKind.ORDER_EXPIRED,
                        new HashMap<>(MessageModels.sample(NotificationKind.ORDER_EXPIRED))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coupons");
    }

    @Test
    void aTeamsOwnDirectoryReplacesTheShippedTexts(@TempDir Path dir) throws Exception {
        write(dir, "Hello about {{orderId}}\n\nTotal {{total}}");
        MessageTemplates team = new MustacheTemplates(RESOURCES, "file:" + dir);

        MessageTemplates.Message message =
                team.render(NotificationKind.ORDER_EXPIRED, MessageModels.sample(NotificationKind.ORDER_EXPIRED));

        assertThat(message.subject()).startsWith("Hello about ");
        assertThat(message.body()).isEqualTo("Total 34.99 EUR");
    }

    @Test
    void aTemplateWithoutItsSubjectLineOrAMissingKindIsRefusedAtStart(@TempDir Path dir) throws Exception {
        write(dir, "no blank line after the subject\nbody");
        assertThatThrownBy(() -> new MustacheTemplates(RESOURCES, "file:" + dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first line is the subject");

        Files.delete(dir.resolve("order-expired.mustache"));
        write(dir, "S\n\nB");
        Files.delete(dir.resolve("order-expired.mustache"));
        assertThatThrownBy(() -> new MustacheTemplates(RESOURCES, "file:" + dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order-expired");
    }
}
