package dev.storefront.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    /**
     * Starts a broker process on {@code port}, logging to {@code <workDir>/logs/kafka.log}, and waits until it accepts
     * connections. Its pid is written to {@code <workDir>/kafka.pid} and the command that starts it to
     * {@code <workDir>/kafka.cmd}, so it can be frozen, stopped and restarted apart from the launcher
     * (deploy/kafka-local.sh). Stopping it stops whatever process the pid file names then: the one started here, or
     * the one a restart put in its place.
     */
    static Containers.Started<KafkaCluster> launch(int port, int controllerPort, Path dataDir, Path workDir) {
        try {
            Files.createDirectories(workDir.resolve("logs"));
            List<String> command = List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    KafkaBrokerProcess.class.getName(),
                    Integer.toString(port),
                    Integer.toString(controllerPort),
                    dataDir.toString());
            Path log = workDir.resolve("logs").resolve("kafka.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Path pidFile = workDir.resolve("kafka.pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            Files.writeString(
                    workDir.resolve("kafka.cmd"),
                    command.stream().map(KafkaBrokerProcess::quoted).collect(Collectors.joining(" ")));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Network.isListening("127.0.0.1", port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker process exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "the Kafka broker process did not listen on " + port + " within 90 s; see " + log);
                }
                Thread.sleep(100); // polling the port with a deadline
            }
            return new Containers.Started<>(
                    new KafkaCluster("127.0.0.1:" + port, Source.EMBEDDED), () -> stop(pidFile));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker process", e);
        }
    }

    /** SIGTERM to the process the pid file names (resuming it first, should it be frozen), then SIGKILL after 30 s. */
    private static void stop(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(broker -> {
                try {
                    new ProcessBuilder("kill", "-CONT", Long.toString(pid))
                            .start()
                            .waitFor();
                    broker.destroy();
                    broker.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    broker.destroyForcibly();
                }
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // nothing to stop
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
