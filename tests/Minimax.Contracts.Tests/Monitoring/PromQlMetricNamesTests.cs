namespace Minimax.Contracts.Tests.Monitoring;

public sealed class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("sum by (kind) (minimax_jobs_active)", "minimax_jobs_active")]
    [InlineData("rate(minimax_run_steps_total{job=\"$job\", tenant=~\"a|b\"}[$__rate_interval])", "minimax_run_steps_total")]
    [InlineData("histogram_quantile(0.95, sum by (phase, le) (rate(minimax_run_step_duration_seconds_bucket[5m])))",
        "minimax_run_step_duration_seconds_bucket")]
    [InlineData("sum without (instance) (a_total) / ignoring (x) group_left (y) b offset 1h", "a_total,b")]
    [InlineData("max(x) > bool 1e3 and on (pod) y unless z[5m:1m]", "x,y,z")]
    [InlineData("min by (job, split) (minimax_eval_worst_group_accuracy)", "minimax_eval_worst_group_accuracy")]
    [InlineData("count(DCGM_FI_DEV_GPU_UTIL{Hostname=~\"$node\"}) * 0.5", "DCGM_FI_DEV_GPU_UTIL")]
    [InlineData("sum(rate(${metric}[1m]))", "")]
    public void Finds_the_metric_names_and_nothing_else(string expression, string expected)
    {
        var names = PromQlMetricNames.In(expression);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), names);
    }

    [Fact]
    public void Reads_the_metric_of_a_label_values_query()
    {
        Assert.Equal("minimax_group_weight", PromQlMetricNames.OfLabelValuesQuery("label_values(minimax_group_weight, job)"));
        Assert.Equal("m", PromQlMetricNames.OfLabelValuesQuery("label_values(m{a=\"b\"}, c)"));
        Assert.Null(PromQlMetricNames.OfLabelValuesQuery("label_values(job)"));
    }

    [Fact]
    public void An_unknown_or_misspelled_metric_is_not_known()
    {
        Assert.True(KnownMetricNames.IsKnown("minimax_group_loss"));
        Assert.True(KnownMetricNames.IsKnown("minimax_run_step_duration_seconds_bucket"));
        Assert.True(KnownMetricNames.IsKnown("DCGM_FI_DEV_FB_USED"));
        Assert.False(KnownMetricNames.IsKnown("minimax_group_losses"));
        Assert.False(KnownMetricNames.IsKnown("minimax_run_steps"));
        Assert.False(KnownMetricNames.IsKnown("DCGM_FI_DEV_GPU_UTILL"));
    }
}
