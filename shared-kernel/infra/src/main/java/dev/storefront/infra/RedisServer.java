package dev.storefront.infra;

/** A Redis server, as a {@code redis://host:port} URI. */
public record RedisServer(String uri, Source source) {}
