/**
 * Reliable messaging, used alike by every service: nothing a service committed is lost on its way to Kafka, and
 * nothing a consumer receives is applied twice. A map of the package by path:
 *
 * <h2>Write path: a state change and its event, together</h2>
 *
 * <ol>
 *   <li>{@link dev.storefront.messaging.OutboxWriter} appends the event to {@code <schema>.outbox} inside the caller's
 *       transaction, under a lock on its topic and key (per-key order), and wakes the relay at commit
 *       ({@link dev.storefront.messaging.OutboxSignal}).
 *   <li>{@link dev.storefront.messaging.OutboxRelay} runs the relay thread; each cycle is a
 *       {@link dev.storefront.messaging.RelayBatch}: lease due rows ({@link dev.storefront.messaging.OutboxStore}),
 *       send them with the {@link dev.storefront.messaging.EventProducer}, mark them sent, failed or parked.
 *   <li>{@link dev.storefront.messaging.TopicInitializer} creates the topics and their {@code .dlq} twins.
 * </ol>
 *
 * <h2>Read path: each event applied once</h2>
 *
 * <ol>
 *   <li>{@link dev.storefront.messaging.InboxConsumer} starts one
 *       {@link dev.storefront.messaging.SupervisedSubscription} per {@link dev.storefront.messaging.EventSubscription}
 *       bean; it restarts a consumer that dies and reports its state to readiness
 *       ({@link dev.storefront.messaging.ConsumerHealthIndicator}).
 *   <li>{@link dev.storefront.messaging.SubscriptionRunner} is the poll loop: for each record, the inbox insert
 *       ({@link dev.storefront.messaging.InboxStore}) and the handler's effect in one transaction; a failing record
 *       pauses its partition until its retry is due; offsets are committed behind what is finished.
 *   <li>{@link dev.storefront.messaging.ConsumerStats} counts outcomes, retries, assignments, restarts and lag.
 * </ol>
 *
 * <h2>Repair path: what could not be done</h2>
 *
 * <ul>
 *   <li>{@link dev.storefront.messaging.DeadLetterPublisher} puts records a group cannot process on
 *       {@code <topic>.dlq}; {@link dev.storefront.messaging.DeadLetterStore} lists and redrives them, recorded by
 *       {@link dev.storefront.messaging.RedriveLog}, for operators through
 *       {@link dev.storefront.messaging.DeadLetterController}.
 *   <li>Outbox rows the broker refuses for good are parked; {@link dev.storefront.messaging.OutboxController} lists
 *       and retries them.
 * </ul>
 *
 * Runbooks: docs/runbook/outbox.md, consumers.md, dead-letters.md. Decisions: docs/adr/0010, 0011, 0012.
 */
package dev.storefront.messaging;
