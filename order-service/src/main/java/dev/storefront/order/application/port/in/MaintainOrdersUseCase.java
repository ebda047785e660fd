package dev.storefront.order.application.port.in;

/** Housekeeping run on a schedule, safe with any number of instances running it at once. */
public interface MaintainOrdersUseCase {

    /** Expires up to {@code limit} PENDING orders past their deadline; returns how many. */
    int expireOverdue(int limit);

    /** Forgets idempotency keys kept past their retention; returns how many. */
    int forgetExpiredIdempotencyKeys();
}
