package dev.storefront.notification.application.port.in;

/** Delivers due notifications through their channels, apart from event consumption. */
public interface DeliverNotificationsUseCase {

    /** One round's outcome. */
    record Round(int sent, int retrying, int parked) {
        public int attempted() {
            return sent + retrying + parked;
        }
    }

    /** Claims due deliveries (other instances skip them) and attempts each once. */
    Round deliverDue();
}
