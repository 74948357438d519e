package dev.opsdeck.backend.alerts.expr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExprParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m])) > 1",
            "indexer_lag_seconds > 300",
            "active_workers_total == 0",
            "rate_limiter_active_buckets > 1000",
            "sum(rate(jobs_completed_total{status=\"failed\"}[5m])) / sum(rate(jobs_completed_total[5m])) > 0.1",
            "service_up{service=~\"starknet-.*\", service!=\"indexer\"} == 0",
            "sum by (endpoint) (rate(dashboard_requests_total{status=~\"5..\"}[1h30m]))",
            "(system_cpu_usage_percent + 1) * 2 >= 90",
    })
    void theSeedsExpressionsParseAndPrintBackUnchanged(String promql) {
        assertThat(ExprParser.parse(promql).promql()).isEqualTo(promql);
    }

    @Test
    void theLatencyRuleIsAComparisonOfAQuantileOverARate() {
        Expr e = ExprParser.parse("histogram_quantile(0.99, rate(dashboard_request_duration_seconds_bucket[5m])) > 1");
        assertThat(e).isInstanceOf(Expr.Binary.class);
        Expr.Binary b = (Expr.Binary) e;
        assertThat(b.op()).isEqualTo(">");
        Expr.Call q = (Expr.Call) b.left();
        assertThat(q.function()).isEqualTo("histogram_quantile");
        Expr.RangeSelector range = (Expr.RangeSelector) ((Expr.Call) q.args().get(1)).args().get(0);
        assertThat(range.rangeSeconds()).isEqualTo(300);
        assertThat(range.selector().name()).isEqualTo("dashboard_request_duration_seconds_bucket");
    }

    @Test
    void aggregationAcceptsTheGroupingAfterTheBodyToo() {
        assertThat(ExprParser.parse("sum(x) by (a, b)").promql()).isEqualTo("sum by (a, b) (x)");
    }

    @Test
    void unsupportedOrBrokenExpressionsAreRefusedWithAPosition() {
        assertThatThrownBy(() -> ExprParser.parse("predict_linear(x[5m], 60)")).isInstanceOf(ParseException.class)
                .hasMessageContaining("unsupported function predict_linear");
        assertThatThrownBy(() -> ExprParser.parse("rate(x)")).hasMessageContaining("needs a range vector");
        assertThatThrownBy(() -> ExprParser.parse("x{job=\"a\"")).hasMessageContaining("expected '}'");
        assertThatThrownBy(() -> ExprParser.parse("x[5q]")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ExprParser.parse("x > ")).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> ExprParser.parse("x[5m]")).hasMessageContaining("range vector cannot be");
        assertThatThrownBy(() -> ExprParser.parse("x{a=~\"(\"}")).hasMessageContaining("bad regular expression");
        ParseException pe = (ParseException) org.assertj.core.api.Assertions.catchThrowable(() -> ExprParser.parse("a + )"));
        assertThat(pe.position()).isEqualTo(4);
    }

    @Test
    void durationsRoundTrip() {
        assertThat(Durations.parseSeconds("1h30m")).isEqualTo(5400);
        assertThat(Durations.format(5400)).isEqualTo("1h30m");
        assertThat(Durations.format(300)).isEqualTo("5m");
        assertThat(Durations.format(0)).isEqualTo("0s");
        assertThatThrownBy(() -> Durations.parseSeconds("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
