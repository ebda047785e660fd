package dev.storefront.order.domain;

import dev.storefront.kernel.CustomerId;
import dev.storefront.kernel.DomainException;
import dev.storefront.kernel.Money;
import dev.storefront.kernel.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An order and its lifecycle, the one place that decides which status follows which:
 *
 * <pre>
 *   PENDING --confirm--> CONFIRMED --cancel--> CANCELLED
 *      |  \--reject---> REJECTED
 *      |  \--expire---> EXPIRED   (only once the deadline has passed)
 *      \-----cancel---> CANCELLED
 * </pre>
 *
 * Every verb returns a {@link Transition} with the events it caused. Answers that arrive twice, or after the order
 * stopped waiting for them, change nothing and cause nothing: a reservation that lands on a cancelled or expired
 * order is not confirmed (catalog releases it when it reads the cancellation or expiry, which follows the order's
 * placement on the same Kafka key). Anything else out of turn is refused with {@code illegal-transition}.
 */
public final class Order {

    private final OrderId id;
    private final CustomerId customer;
    private final List<OrderLine> lines;
    private final Money total;
    private final OrderStatus status;
    private final Instant placedAt;
    private final Instant deadline;
    private final long version;
    private final List<StatusChange> history;
    private final List<LineRejection> rejections;

    private Order(
            OrderId id,
            CustomerId customer,
            List<OrderLine> lines,
            OrderStatus status,
            Instant placedAt,
            Instant deadline,
            long version,
            List<StatusChange> history,
            List<LineRejection> rejections) {
        this.id = Objects.requireNonNull(id, "id");
        this.customer = Objects.requireNonNull(customer, "customer");
        this.lines = List.copyOf(lines);
        this.status = Objects.requireNonNull(status, "status");
        this.placedAt = Objects.requireNonNull(placedAt, "placedAt");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.version = version;
        this.history = List.copyOf(history);
        this.rejections = List.copyOf(rejections);
        if (this.lines.isEmpty()) {
            throw DomainException.invalid("empty-order", "an order has at least one line");
        }
        if (this.lines.stream().map(OrderLine::sku).distinct().count() != this.lines.size()) {
            throw DomainException.invalid("duplicate-sku", "each product appears once per order");
        }
        if (!deadline.isAfter(placedAt)) {
            throw DomainException.invalid("invalid-deadline", "the deadline lies after the order was placed");
        }
        this.total = this.lines.stream()
                .map(OrderLine::lineTotal)
                .reduce(Money::plus)
                .orElseThrow();
    }

    /** A new PENDING order that waits at most {@code timeToConfirm} for catalog's answer. */
    public static Transition place(
            OrderId id, CustomerId customer, List<OrderLine> lines, Instant now, Duration timeToConfirm) {
        if (timeToConfirm.isNegative() || timeToConfirm.isZero()) {
            throw DomainException.invalid("invalid-deadline", "an order waits a positive time for its stock");
        }
        Order order = new Order(
                id,
                customer,
                lines,
                OrderStatus.PENDING,
                now,
                now.plus(timeToConfirm),
                0,
                List.of(new StatusChange(OrderStatus.PENDING, now, Optional.empty())),
                List.of());
        return new Transition(order, List.of(new OrderEvent.Placed(order)));
    }

    /** An order as it was stored; no rule is replayed. */
    public static Order restore(
            OrderId id,
            CustomerId customer,
            List<OrderLine> lines,
            OrderStatus status,
            Instant placedAt,
            Instant deadline,
            long version,
            List<StatusChange> history,
            List<LineRejection> rejections) {
        return new Order(id, customer, lines, status, placedAt, deadline, version, history, rejections);
    }

    /** Catalog reserved every line: the order goes through. */
    public Transition confirm(Instant at) {
        return switch (status) {
            case PENDING ->
                moveTo(OrderStatus.CONFIRMED, at, null, List.of())
                        .with(order -> new OrderEvent.Confirmed(id, customer));
            case CONFIRMED, CANCELLED, EXPIRED -> Transition.unchanged(this);
            case REJECTED -> throw illegal("confirm");
        };
    }

    /** Catalog could not reserve every line: nothing is held, the order is off. */
    public Transition reject(List<LineRejection> lines, Instant at) {
        return switch (status) {
            case PENDING -> {
                String reason = lines.isEmpty()
                        ? "stock could not be reserved"
                        : lines.stream().map(LineRejection::describe).collect(Collectors.joining("; "));
                yield moveTo(OrderStatus.REJECTED, at, reason, lines)
                        .with(order -> new OrderEvent.Rejected(id, customer, reason, lines));
            }
            case REJECTED, CANCELLED, EXPIRED -> Transition.unchanged(this);
            case CONFIRMED -> throw illegal("reject");
        };
    }

    /** Nobody answered before the deadline: the order lapses and whatever catalog holds for it goes back. */
    public Transition expire(Instant now) {
        if (status != OrderStatus.PENDING) {
            throw illegal("expire");
        }
        if (now.isBefore(deadline)) {
            throw DomainException.conflict("deadline-not-reached", "order " + id + " may still be confirmed");
        }
        return moveTo(OrderStatus.EXPIRED, now, "no stock reservation before " + deadline, List.of())
                .with(order -> new OrderEvent.Expired(id, customer));
    }

    /**
     * The customer calls the order off. Allowed while PENDING or CONFIRMED (catalog releases held units or puts sold
     * ones back); cancelling twice changes nothing; a REJECTED or EXPIRED order has nothing left to cancel.
     */
    public Transition cancel(String reason, Instant at) {
        String why = reason == null || reason.isBlank() ? "cancelled by the customer" : reason.strip();
        if (why.length() > 200) {
            throw DomainException.invalid("invalid-reason", "a cancellation reason is at most 200 characters");
        }
        return switch (status) {
            case PENDING, CONFIRMED ->
                moveTo(OrderStatus.CANCELLED, at, why, List.of())
                        .with(order -> new OrderEvent.Cancelled(id, customer, why));
            case CANCELLED -> Transition.unchanged(this);
            case REJECTED, EXPIRED -> throw illegal("cancel");
        };
    }

    /**
     * The order exactly as it was when placed: PENDING, version 0, only the first step of its history. A repeated
     * checkout answers with this, so the repeat sees the same response as the first request whatever happened since.
     */
    public Order asPlaced() {
        return new Order(
                id, customer, lines, OrderStatus.PENDING, placedAt, deadline, 0, history.subList(0, 1), List.of());
    }

    public boolean isOverdue(Instant now) {
        return status == OrderStatus.PENDING && !now.isBefore(deadline);
    }

    public boolean belongsTo(CustomerId candidate) {
        return customer.equals(candidate);
    }

    public Optional<Money> unitPriceOf(Sku sku) {
        return lines.stream()
                .filter(l -> l.sku().equals(sku))
                .map(OrderLine::unitPrice)
                .findFirst();
    }

    private Step moveTo(OrderStatus next, Instant at, String reason, List<LineRejection> rejected) {
        List<StatusChange> steps = new ArrayList<>(history);
        steps.add(new StatusChange(next, at, Optional.ofNullable(reason)));
        return new Step(new Order(id, customer, lines, next, placedAt, deadline, version + 1, steps, rejected));
    }

    private DomainException illegal(String verb) {
        return DomainException.conflict("illegal-transition", "cannot " + verb + " an order that is " + status);
    }

    private record Step(Order order) {
        Transition with(java.util.function.Function<Order, OrderEvent> event) {
            return new Transition(order, List.of(event.apply(order)));
        }
    }

    public OrderId id() {
        return id;
    }

    public CustomerId customer() {
        return customer;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Counts the transitions so far; the store refuses to save over a version it did not load. */
    public long version() {
        return version;
    }

    public List<StatusChange> history() {
        return history;
    }

    /** Per-line reasons of a REJECTED order; empty otherwise. */
    public List<LineRejection> rejections() {
        return rejections;
    }
}
