package dev.storefront.notification.adapter.out.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.storefront.notification.application.port.out.MessageTemplates;
import dev.storefront.notification.domain.NotificationKind;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Notification texts from Mustache templates, one file per kind ({@code <location>/<kind>.mustache}): the first line
 * is the subject, the rest (after one empty line) the body. The location is {@code storefront.notifications.templates}
 * ({@code classpath:notification-templates} by default, or a {@code file:} directory a team maintains). Templates are
 * compiled strictly: a value or section the model does not hold is an error, never an empty gap.
 */
@Singleton
class MustacheTemplates implements MessageTemplates {

    static final String EXTENSION = ".mustache";

    record Compiled(Template subject, Template body) {}

    private final Map<NotificationKind, Compiled> templates = new EnumMap<>(NotificationKind.class);

    MustacheTemplates(
            ResourceResolver resources,
            @Value("${storefront.notifications.templates:`classpath:notification-templates`}") String location) {
        Mustache.Compiler compiler =
                Mustache.compiler().escapeHTML(false).strictSections(true).emptyStringIsFalse(true);
        for (NotificationKind kind : NotificationKind.values()) {
            String path = location + "/" + kind.template() + EXTENSION;
            URL url = resources
                    .getResource(path)
                    .orElseThrow(() -> new IllegalStateException("no notification template " + path));
            templates.put(kind, compile(compiler, path, read(url)));
        }
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    static Compiled compile(Mustache.Compiler compiler, String path, String text) {
        String normalized = text.replace("\r\n", "\n");
        int end = normalized.indexOf('\n');
        if (end <= 0 || !normalized.startsWith("\n", end + 1)) {
            throw new IllegalStateException(
                    path + ": the first line is the subject, then one empty line, then the body");
        }
        try {
            return new Compiled(
                    compiler.compile(normalized.substring(0, end)), compiler.compile(normalized.substring(end + 2)));
        } catch (MustacheException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Message render(NotificationKind kind, Map<String, Object> model) {
        Compiled compiled = templates.get(kind);
        try {
            return new Message(
                    compiled.subject().execute(model).strip(),
                    compiled.body().execute(model).strip());
        } catch (MustacheException e) {
            throw new IllegalArgumentException(
                    "template " + kind.template() + EXTENSION + " cannot be rendered: " + e.getMessage(), e);
        }
    }
}
