package dev.storefront.infra;

/**
 * What a service owns in Postgres: its schema and the login role that owns it. Only that role can read or write the
 * schema, so one service cannot read another's tables.
 */
public record ServiceDatabase(String database, String schema, String role, String password) {

    public static final ServiceDatabase CATALOG = forSchema("catalog", "catalog_service");
    public static final ServiceDatabase ORDERS = forSchema("orders", "order_service");
    public static final ServiceDatabase NOTIFICATION = forSchema("notification", "notification_service");

    /** The database every service shares on one server; each keeps to its own schema inside it. */
    public static final String DEFAULT_DATABASE = "storefront";

    private static ServiceDatabase forSchema(String schema, String role) {
        // Local and test passwords only; deployments inject their own through configuration.
        return new ServiceDatabase(DEFAULT_DATABASE, schema, role, role);
    }

    public ServiceDatabase inDatabase(String otherDatabase) {
        return new ServiceDatabase(otherDatabase, schema, role, password);
    }
}
