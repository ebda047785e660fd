package dev.storefront.notification.application.port.out;

import dev.storefront.notification.domain.NotificationKind;
import java.util.Map;

/**
 * The subject and body of each kind of notification, from templates a team edits without touching code. Rendering
 * fails (IllegalArgumentException) when a template names a value the model does not hold: never a half-filled message.
 */
public interface MessageTemplates {

    record Message(String subject, String body) {}

    Message render(NotificationKind kind, Map<String, Object> model);
}
