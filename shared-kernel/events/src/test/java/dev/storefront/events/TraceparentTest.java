package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidHeaderIsParsedIntoItsParts() {
        assertThat(Traceparent.parse(VALID))
                .contains(new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "01"));
    }

    @Test
    void aParsedHeaderPrintsAsItWasRead() {
        assertThat(Traceparent.parse(VALID).map(Traceparent::toString)).contains(VALID);
    }

    @Test
    void anAllZeroTraceIdIsRejected() {
        assertThat(Traceparent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isEmpty();
    }

    @Test
    void anAllZeroSpanIdIsRejected() {
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
                .isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "garbage",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
                "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"
            })
    void aMalformedHeaderIsRejected(String header) {
        assertThat(Traceparent.parse(header)).isEmpty();
    }

    @Test
    void aNewRootIsAValidSampledHeader() {
        Traceparent root = Traceparent.newRoot();

        assertThat(Traceparent.parse(root.toString())).contains(root);
        assertThat(root.flags()).isEqualTo("01");
    }

    @Test
    void aChildKeepsTheTraceIdAndTakesANewSpanId() {
        Traceparent parent = Traceparent.parse(VALID).orElseThrow();

        Traceparent child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).hasSize(16);
        assertThat(child.flags()).isEqualTo(parent.flags());
        assertThat(Traceparent.parse(child.toString())).contains(child);
    }

    @Test
    void twoRootsStartDifferentTraces() {
        assertThat(Traceparent.newRoot().traceId())
                .isNotEqualTo(Traceparent.newRoot().traceId());
    }
}
