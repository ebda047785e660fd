package dev.storefront.order.application.port.in;

import dev.storefront.order.domain.LineRejection;
import dev.storefront.order.domain.OrderId;
import java.util.List;

/** The order side of the saga: catalog's answer to a placed order moves it on. Each is idempotent. */
public interface ReactToReservationUseCase {

    void reserved(OrderId order);

    void rejected(OrderId order, List<LineRejection> lines);
}
