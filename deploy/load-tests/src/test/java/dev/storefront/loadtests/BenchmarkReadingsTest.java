package dev.storefront.loadtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the catalog benchmark reads from wrk's report and from /proc, on text in the shape those produce. */
class BenchmarkReadingsTest {

    private static final String WRK_REPORT = """
            Running 10s test @ http://127.0.0.1:18081/api/v1/hello
              1 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.10ms    1.05ms  38.20ms   90.12%
                Req/Sec    15.27k     1.10k   17.01k    71.00%
              Latency Distribution
                 50%  850.00us
                 75%    2.61ms
                 90%    3.12ms
                 99%    1.02s
              152043 requests in 10.00s, 20.16MB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 10
            Requests/sec:  15204.11
            Transfer/sec:      2.02MB
            """;

    @Test
    void wrksRateLatenciesInEveryUnitAndErrorsAreRead() {
        Wrk.Result result = Wrk.parse(WRK_REPORT, 1, 32, 10);

        assertThat(result.rps()).isEqualTo(15204.11);
        assertThat(result.requests()).isEqualTo(152043);
        assertThat(result.p50Ms()).isEqualTo(0.85);
        assertThat(result.p99Ms()).isEqualTo(1020.0);
        assertThat(result.non2xx()).isEqualTo(10);
        assertThat(result.socketErrors()).isEqualTo(5);
        assertThat(result.errorRate()).isEqualTo(0.0001);
    }

    @Test
    void aWrkReportWithoutErrorLinesHasNoErrors() {
        String clean = WRK_REPORT.replaceAll("(?m)^.*(Socket errors|Non-2xx).*\\R", "");

        Wrk.Result result = Wrk.parse(clean, 1, 32, 10);

        assertThat(result.errorRate()).isZero();
        assertThat(result.socketErrors()).isZero();
    }

    @Test
    void wrkOutputWithoutARateIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:18081 Connection refused", 1, 32, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void cpuTicksAreCountedFromTheLastParenthesisOfAStatLine() {
        // A command name with blanks and a parenthesis of its own; utime 1500, stime 250, cutime 40, cstime 2.
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 90000 0 12 0 1500 250 40 2 20 0 57 0"
                + " 123456 9000000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 17612 0 0 0 17 1 0 0 0 0 0";

        assertThat(CpuMeter.parseStat(stat)).containsExactly(1500, 250, 40, 2);
    }

    @Test
    void theMachinesBusyTimeLeavesOutIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(CpuMeter.busyTicks("cpu  1000 20 300 90000 500 7 3 1 50 0")).isEqualTo(1000 + 20 + 300 + 7 + 3 + 1);
    }

    @Test
    void thisProcessCpuTimeIsReadableOnLinux() {
        CpuMeter meter = new CpuMeter(
                CpuMeter.Generator.THIS_JVM, ProcessHandle.current().pid());
        CpuMeter.Reading start = meter.read();

        CpuMeter.Use use = meter.since(start);

        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(use).isNotNull();
            assertThat(use.generatorCpuSeconds()).isGreaterThanOrEqualTo(0);
            assertThat(use.wallSeconds()).isGreaterThanOrEqualTo(0);
        } else {
            assertThat(use).isNull();
        }
    }

    @Test
    void theBarsAreTheTargetsAsWritten() {
        assertThat(CatalogBenchmark.P1.text()).isEqualTo(">= 0.8");
        assertThat(CatalogBenchmark.P2.text()).isEqualTo(">= 2.5");
        assertThat(CatalogBenchmark.P3.text()).isEqualTo("<= 0.5");
        assertThat(CatalogBenchmark.P4.text()).isEqualTo(">= 0.97");
        assertThat(CatalogBenchmark.P10.text()).isEqualTo(">= 0.9");
        assertThat(CatalogBenchmark.P1.met().test(0.8)).isTrue();
        assertThat(CatalogBenchmark.P1.met().test(0.79)).isFalse();
        assertThat(CatalogBenchmark.P3.met().test(0.51)).isFalse();
    }
}
