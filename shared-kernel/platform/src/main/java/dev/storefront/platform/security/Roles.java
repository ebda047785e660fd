package dev.storefront.platform.security;

/** The roles a storefront token can carry in its {@code roles} claim. */
public final class Roles {

    /** A shopper: may manage their own carts, orders and notifications. */
    public static final String CUSTOMER = "CUSTOMER";

    /** An operator: may change the catalog and use operational endpoints. */
    public static final String ADMIN = "ADMIN";

    private Roles() {}
}
