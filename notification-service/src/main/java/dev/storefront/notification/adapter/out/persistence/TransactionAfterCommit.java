package dev.storefront.notification.adapter.out.persistence;

import dev.storefront.notification.application.port.out.AfterCommit;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;

/** Runs work after the current database transaction commits; at once when there is none. */
@Singleton
class TransactionAfterCommit implements AfterCommit {

    private final TransactionOperations<Connection> transactions;

    TransactionAfterCommit(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public void run(Runnable work) {
        transactions
                .findTransactionStatus()
                .ifPresentOrElse(
                        status -> status.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                work.run();
                            }
                        }),
                        work);
    }
}
