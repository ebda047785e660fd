package dev.storefront.kernel;

/** How many entries a listing returns: bounded, so no request can ask for the whole table. Shared by every service's listings. */
public record PageSize(int value) {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    public PageSize {
        if (value < 1 || value > MAX) {
            throw DomainException.invalid("invalid-page-size", "a page holds 1 to " + MAX + " entries");
        }
    }

    public static PageSize ofDefault() {
        return new PageSize(DEFAULT);
    }
}
