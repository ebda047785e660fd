package dev.storefront.catalog.application.port.out;

/**
 * Runs work once the current transaction has committed, e.g. evicting a cache entry: evicting before the commit
 * would let a concurrent reader put the old value back.
 */
public interface AfterCommit {

    void run(Runnable work);
}
