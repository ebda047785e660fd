package dev.storefront.messaging;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The messaging test consumer ({@link RecordingSubscription} under the real {@link InboxConsumer}) in a process of its
 * own, for tests that kill it for real. Run with the parent test's {@code messaging.it.topic}, {@code
 * messaging.it.group}, {@code storefront.kafka.bootstrap} and group suffix (first argument) as system properties and
 * argument; with {@value #HALT_AFTER_EFFECT} set to an aggregate id, the consumer stops right after the first effect of
 * that aggregate has committed, prints {@value #APPLIED}{@code <event id>}, and waits to be killed.
 */
public final class ConsumerProcess {

    static final String HALT_AFTER_EFFECT = "messaging.it.halt-after-effect";
    static final String APPLIED = "APPLIED ";
    static final String CONSUMING = "CONSUMING";

    private ConsumerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(MessagingTestSupport.properties(false));
        properties.put("storefront.messaging.group-suffix", args[0]);
        properties.put("micronaut.server.enabled", "false");
        ApplicationContext context = ApplicationContext.run(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        System.out.println(CONSUMING);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
