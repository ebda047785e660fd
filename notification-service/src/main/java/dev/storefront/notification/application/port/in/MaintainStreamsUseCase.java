package dev.storefront.notification.application.port.in;

/** Periodic work on this instance's open streams. */
public interface MaintainStreamsUseCase {

    /**
     * Sends every open stream a heartbeat and catches it up with anything committed it has not received (a push lost
     * between instances costs at most one heartbeat interval).
     */
    void heartbeat();

    /** While the live fan-out is down, catches every open stream up from the database. */
    void pollWhileDegraded();

    /** Ends every open stream (shutdown). */
    void closeAll();

    int openStreams();

    /** Whether new notifications are pushed (the fan-out is subscribed) rather than polled for. */
    boolean pushed();
}
