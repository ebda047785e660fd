package dev.storefront.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a process of its own, so it can be stopped, frozen ({@code kill -STOP}) and
 * resumed ({@code kill -CONT}) apart from the services that use it: the local stack's broker, and the broker of the
 * fault tests. Prints {@code KAFKA READY <bootstrap servers>} once it accepts connections, then runs until killed;
 * SIGTERM shuts it down cleanly and keeps its data, so a restart on the same directory has its topics and records.
 *
 * <p>Arguments: broker port, controller port, data directory (formatted on the first start, reused after).
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, controllerPort, 3, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }));
        System.out.println("KAFKA READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
