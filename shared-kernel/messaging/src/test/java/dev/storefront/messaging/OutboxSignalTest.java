package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxSignalTest {

    @Test
    void withoutACommitTheWaitEndsUnwoken() throws InterruptedException {
        assertThat(new OutboxSignal().await(0)).isFalse();
    }

    @Test
    void aCommitWakesTheNextWaitOnly() throws InterruptedException {
        OutboxSignal signal = new OutboxSignal();

        signal.committed();

        assertThat(signal.await(0)).isTrue();
        assertThat(signal.await(0)).isFalse();
    }

    @Test
    void commitsBeforeAWaitWakeItOnce() throws InterruptedException {
        OutboxSignal signal = new OutboxSignal();

        signal.committed();
        signal.committed();
        signal.committed();

        assertThat(signal.await(0)).isTrue();
        assertThat(signal.await(0)).isFalse();
    }
}
