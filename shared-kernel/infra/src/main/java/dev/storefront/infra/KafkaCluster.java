package dev.storefront.infra;

/** A Kafka cluster, as the bootstrap servers list clients need. */
public record KafkaCluster(String bootstrapServers, Source source) {}
