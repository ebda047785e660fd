package dev.storefront.notification.application.port.out;

/** Runs work once the current transaction has committed (at once without one). */
public interface AfterCommit {

    void run(Runnable work);
}
