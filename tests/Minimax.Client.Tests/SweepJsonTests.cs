using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Sweeps;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class SweepJsonTests
{
    private static readonly string[] TopLevel =
    [
        "job_id", "kind", "name", "status", "reason", "wall_seconds", "keys", "over", "select_metric",
        "trials", "trials_completed", "trials_failed", "trials_stopped", "parallel", "configurations", "selected", "trace_id",
    ];

    private static readonly string[] Aggregates =
    [
        "val_worst_group_accuracy", "test_average_accuracy", "test_train_weighted_accuracy", "test_worst_group_accuracy",
        "val_average_accuracy", "val_average_loss",
    ];

    private static JsonDocument Parse(SweepReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        JobJson.Write(writer, JobJson.Format(JobReports.Sweep(report), new SweepRenderer()));
        var text = writer.ToString();
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        return JsonDocument.Parse(text);
    }

    private static JsonElement Configuration(JsonDocument json, int index) =>
        json.RootElement.GetProperty("configurations")[index];

    [Fact]
    public void Top_level_fields_are_the_issues_names_in_order()
    {
        using var json = Parse(SweepReports.Completed());
        var root = json.RootElement;

        Assert.Equal(TopLevel, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("sweep-7", "sweep", "sagawa-grid", "completed"), (
            root.GetProperty("job_id").GetString(), root.GetProperty("kind").GetString(),
            root.GetProperty("name").GetString(), root.GetProperty("status").GetString()));
        Assert.Equal([SweepReports.Kind, SweepReports.WeightDecay, SweepReports.Seed], root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([SweepReports.Seed], root.GetProperty("over").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("val_worst_group_accuracy", root.GetProperty("select_metric").GetString());
        Assert.Equal((9, 9, 0, 4), (
            root.GetProperty("trials").GetInt32(), root.GetProperty("trials_completed").GetInt32(),
            root.GetProperty("trials_failed").GetInt32(), root.GetProperty("parallel").GetInt32()));
        Assert.Equal(95.5, root.GetProperty("wall_seconds").GetDouble());
    }

    [Fact]
    public void A_configuration_has_values_trials_aggregates_and_selected()
    {
        using var json = Parse(SweepReports.Completed());
        var selected = Configuration(json, 2);

        Assert.Equal(["values", "trials", .. Aggregates, "selected"], selected.EnumerateObject().Select(p => p.Name));
        var values = selected.GetProperty("values");
        Assert.Equal("group_dro", values.GetProperty(SweepReports.Kind).GetString());
        Assert.Equal(1.0, values.GetProperty(SweepReports.WeightDecay).GetDouble());
        Assert.True(selected.GetProperty("selected").GetBoolean());
        Assert.False(Configuration(json, 0).GetProperty("selected").GetBoolean());

        var worst = selected.GetProperty("val_worst_group_accuracy");
        Assert.Equal(["mean", "sd", "n"], worst.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.84, worst.GetProperty("mean").GetDouble(), precision: 12);
        Assert.Equal(0.01, worst.GetProperty("sd").GetDouble(), precision: 12);
        Assert.Equal(3, worst.GetProperty("n").GetInt32());
        Assert.Equal(0.86, selected.GetProperty("test_average_accuracy").GetProperty("mean").GetDouble(), precision: 12);
    }

    [Fact]
    public void Each_trial_has_its_run_id_over_values_status_and_metrics()
    {
        using var json = Parse(SweepReports.Completed());
        var trials = Configuration(json, 2).GetProperty("trials").EnumerateArray().ToArray();

        Assert.Equal(["run-s6", "run-s7", "run-s8"], trials.Select(t => t.GetProperty("run_id").GetString()));
        Assert.All(trials, t => Assert.Equal(
            ["run_id", "values", "status", "step", "total_steps", "reason", "metrics"], t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal([0, 1, 2], trials.Select(t => t.GetProperty("values").GetProperty(SweepReports.Seed).GetInt32()));
        Assert.All(trials, t => Assert.Equal(("completed", 200, 200), (
            t.GetProperty("status").GetString(), t.GetProperty("step").GetInt32(), t.GetProperty("total_steps").GetInt32())));
        var metrics = trials[1].GetProperty("metrics");
        Assert.Equal(Aggregates, metrics.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.85, metrics.GetProperty("val_worst_group_accuracy").GetDouble());
        Assert.Equal(0.87, metrics.GetProperty("test_average_accuracy").GetDouble());
    }

    [Fact]
    public void The_selected_configuration_is_an_object_of_its_values()
    {
        using var json = Parse(SweepReports.Completed());
        var selected = json.RootElement.GetProperty("selected");

        Assert.Equal([SweepReports.Kind, SweepReports.WeightDecay], selected.EnumerateObject().Select(p => p.Name));
        Assert.Equal("group_dro", selected.GetProperty(SweepReports.Kind).GetString());
        Assert.Equal("1", selected.GetProperty(SweepReports.WeightDecay).GetRawText());
    }

    [Fact]
    public void Before_any_trial_completed_aggregates_metrics_and_selected_are_null()
    {
        using var json = Parse(SweepReports.Running());
        var root = json.RootElement;

        Assert.Equal(TopLevel, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("selected").ValueKind);
        var running = Configuration(json, 1);
        Assert.All(Aggregates, name => Assert.Equal(JsonValueKind.Null, running.GetProperty(name).ValueKind));
        var trials = running.GetProperty("trials").EnumerateArray().ToArray();
        Assert.All(trials, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("metrics").ValueKind));
        Assert.Equal(("failed", "worker lost", 12), (
            trials[1].GetProperty("status").GetString(), trials[1].GetProperty("reason").GetString(), trials[1].GetProperty("step").GetInt32()));
        Assert.Equal("", trials[2].GetProperty("run_id").GetString());
    }

    [Fact]
    public void Values_keep_their_types_lists_raw_and_non_finite_numbers_as_null()
    {
        var report = SweepReports.Completed();
        report.Configurations[0].Values.Add(
        [
            new SweepValue { Path = "model.hidden", Json = "[512, 512]" },
            new SweepValue { Path = "data.balanced", Flag = true },
            new SweepValue { Path = "model.broken", Json = "[512," },
            SweepReports.Number("training.optimizer.lr", double.NaN),
            new SweepValue { Path = "model.unset" },
        ]);
        report.Configurations[0].TestAverageAccuracy.Sd = double.PositiveInfinity;

        using var json = Parse(report);
        var configuration = Configuration(json, 0);
        var values = configuration.GetProperty("values");

        Assert.Equal(JsonValueKind.String, values.GetProperty(SweepReports.Kind).ValueKind);
        Assert.Equal(0.0001, values.GetProperty(SweepReports.WeightDecay).GetDouble());
        Assert.Equal([512, 512], values.GetProperty("model.hidden").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(values.GetProperty("data.balanced").GetBoolean());
        Assert.Equal("[512,", values.GetProperty("model.broken").GetString());
        Assert.Equal(JsonValueKind.Null, values.GetProperty("training.optimizer.lr").ValueKind);
        Assert.Equal(JsonValueKind.Null, values.GetProperty("model.unset").ValueKind);
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("test_average_accuracy").GetProperty("sd").ValueKind);
    }

    [Fact]
    public void A_configuration_marked_selected_is_the_selection_when_the_report_lists_none()
    {
        var report = SweepReports.Completed();
        report.Selected.Clear();

        using var json = Parse(report);

        Assert.Equal("group_dro", json.RootElement.GetProperty("selected").GetProperty(SweepReports.Kind).GetString());
    }

    [Fact]
    public void A_job_without_a_sweep_report_is_its_common_fields_with_empty_collections()
    {
        var writer = new StringWriter();
        JobJson.Write(writer, JobJson.Format(
            new JobReport { JobId = "sweep-1", Kind = "sweep", Name = "g", Status = "pending" }, new SweepRenderer()));

        using var json = JsonDocument.Parse(writer.ToString());
        var root = json.RootElement;
        Assert.Equal(TopLevel, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("sweep-1", "pending"), (root.GetProperty("job_id").GetString(), root.GetProperty("status").GetString()));
        Assert.Empty(root.GetProperty("configurations").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("selected").ValueKind);
    }
}
