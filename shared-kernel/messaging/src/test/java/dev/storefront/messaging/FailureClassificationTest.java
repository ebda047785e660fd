package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which failures say something about the event or record, and which only about the infrastructure around it. */
class FailureClassificationTest {

    @Test
    void aTemporaryFailureOrALostDatabaseConnectionIsTheInfrastructuresFault() {
        assertThat(SubscriptionRunner.isInfrastructureFailure(new TemporaryFailureException("search index away", null)))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLTransientConnectionException("pool empty")))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLRecoverableException("socket closed")))
                .isTrue();
    }

    @Test
    void connectionAndOperatorInterventionSqlStatesAreTheInfrastructuresFault() {
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("connection failure", "08006")))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("cannot connect", "08001")))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("admin shutdown", "57P01")))
                .isTrue();
    }

    @Test
    void otherSqlErrorsAreTheEventsFault() {
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("serialization", "40001")))
                .isFalse();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("query canceled", "57014")))
                .as("57014 is an operator intervention class but not 57P")
                .isFalse();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new SQLException("no state")))
                .isFalse();
        assertThat(SubscriptionRunner.isInfrastructureFailure(new IllegalStateException("handler bug")))
                .isFalse();
    }

    @Test
    void theCauseChainIsSearched() {
        assertThat(SubscriptionRunner.isInfrastructureFailure(new IllegalStateException(
                        "wrapped", new RuntimeException("again", new SQLException("gone", "08003")))))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(
                        new SubscriptionRunner.HandlerFailedException(new TemporaryFailureException("later", null))))
                .isTrue();
        assertThat(SubscriptionRunner.isInfrastructureFailure(
                        new IllegalStateException("wrapped", new IllegalArgumentException("bad payload"))))
                .isFalse();
    }

    @Test
    void anExceptionThatIsItsOwnCauseEndsTheSearch() {
        RuntimeException selfCaused = new RuntimeException("loops") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertThat(SubscriptionRunner.isInfrastructureFailure(selfCaused)).isFalse();
    }

    @Test
    void aBrokerRefusalThatIsNotRetriableIsPermanent() {
        assertThat(RelayBatch.isPermanent(new RecordTooLargeException("too large")))
                .isTrue();
        assertThat(RelayBatch.isPermanent(new InvalidTopicException("bad name")))
                .isTrue();
        assertThat(RelayBatch.isPermanent(new TopicAuthorizationException("not allowed")))
                .isTrue();
    }

    @Test
    void retriableBrokerErrorsAndAnythingElseAreNotPermanent() {
        assertThat(RelayBatch.isPermanent(new TimeoutException("no ack"))).isFalse();
        assertThat(RelayBatch.isPermanent(new NotLeaderOrFollowerException("moved")))
                .isFalse();
        assertThat(RelayBatch.isPermanent(new IllegalStateException("producer closed")))
                .isFalse();
        assertThat(RelayBatch.isPermanent(new java.util.concurrent.TimeoutException("local timeout")))
                .isFalse();
        assertThat(RelayBatch.isPermanent(null)).isFalse();
    }
}
