package dev.storefront.infra;

/** Where a piece of infrastructure came from, in the order the resolver tries them. */
public enum Source {
    /** Named explicitly through environment variables or system properties. */
    CONFIGURED,
    /** A server already listening on its default port on this machine. */
    LOCAL,
    /** A container started through Testcontainers, because a Docker engine answered. */
    TESTCONTAINERS,
    /** A server started inside this JVM (Kafka) or as a child process packaged in a jar (Postgres, Redis). */
    EMBEDDED
}
