using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class ReportJsonTests
{
    private static string Format(RunReport report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        JobJson.Write(writer, JobJson.Format(JobReports.Train(report), new TrainRenderer()));
        return writer.ToString();
    }

    [Fact]
    public void A_report_is_one_json_object_on_one_line()
    {
        var text = Format(Reports.Completed());

        Assert.EndsWith("\n", text);
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public void Top_level_fields_use_proto_snake_case_names_and_values()
    {
        using var json = JsonDocument.Parse(Format(Reports.Completed()));
        var root = json.RootElement;

        Assert.Equal("run-42", root.GetProperty("job_id").GetString());
        Assert.Equal("train", root.GetProperty("kind").GetString());
        Assert.Equal("run-42", root.GetProperty("run_id").GetString());
        Assert.Equal("spurious-groupdro", root.GetProperty("name").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(2000, root.GetProperty("steps").GetInt32());
        Assert.Equal(2000, root.GetProperty("total_steps").GetInt32());
        Assert.Equal(1200, root.GetProperty("best_step").GetInt32());
        Assert.Equal([0.125, 0.25, 0.5, 0.125], root.GetProperty("group_weights").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1900, 100, 100, 1900], root.GetProperty("train_group_counts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(12.5, root.GetProperty("wall_seconds").GetDouble());
        Assert.Equal(0.006, root.GetProperty("median_step_seconds").GetDouble());
        Assert.Equal("group_dro", root.GetProperty("objective").GetString());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.False(root.TryGetProperty("runId", out _));
        Assert.False(root.TryGetProperty("bestStep", out _));
    }

    [Fact]
    public void Every_report_field_is_present_even_when_zero_or_empty()
    {
        using var json = JsonDocument.Parse(Format(Reports.Completed()));
        var root = json.RootElement;

        string[] expected =
        [
            "job_id", "kind", "run_id", "name", "status", "steps", "best_step", "val", "test", "group_weights", "train_group_counts",
            "wall_seconds", "reason", "total_steps", "objective", "workers", "median_step_seconds", "seed",
            "recoveries", "coordinator_silo", "worker_silos", "group_names", "memory_estimate_bytes",
            "median_exchange_seconds", "gradient_bytes_per_step", "intra_op_threads", "warnings", "median_coordinator_seconds", "trace_id",
        ];
        Assert.Equal(expected.Order(), root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["job_id", "kind", "run_id"], root.EnumerateObject().Take(3).Select(p => p.Name));
        Assert.Equal("", root.GetProperty("reason").GetString());
        Assert.Equal(0, root.GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData("val", 0.8, 250)]
    [InlineData("test", 0.625, 500)]
    public void Split_metrics_have_snake_case_fields_and_per_group_entries(string split, double worst, int perGroup)
    {
        using var json = JsonDocument.Parse(Format(Reports.Completed()));
        var metrics = json.RootElement.GetProperty(split);

        Assert.Equal(0.9, metrics.GetProperty("average_accuracy").GetDouble());
        Assert.Equal(worst, metrics.GetProperty("worst_group_accuracy").GetDouble());
        Assert.Equal(2, metrics.GetProperty("worst_group").GetInt32());
        Assert.Equal(0.85, metrics.GetProperty("macro_accuracy").GetDouble());
        Assert.Equal(0.93, metrics.GetProperty("train_weighted_accuracy").GetDouble());
        Assert.Equal(0.25, metrics.GetProperty("average_loss").GetDouble());
        Assert.Equal(1200, metrics.GetProperty("step").GetInt32());

        var groups = metrics.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2, 3], groups.Select(g => g.GetProperty("group").GetInt32()));
        Assert.All(groups, g => Assert.Equal(perGroup, g.GetProperty("count").GetInt32()));
        Assert.Equal([0.95, 0.875, worst, 0.97], groups.Select(g => g.GetProperty("accuracy").GetDouble()));
        Assert.Equal([0.125, 0.375, 0.75, 0.0625], groups.Select(g => g.GetProperty("loss").GetDouble()));
        Assert.All(groups, g => Assert.Equal(["accuracy", "count", "group", "loss", "perplexity"], g.EnumerateObject().Select(p => p.Name).Order()));
        // Perplexity is for language-model runs; this classifier's report shows 0, not a made-up exp(loss).
        Assert.All(groups, g => Assert.Equal(0, g.GetProperty("perplexity").GetDouble()));
        Assert.Equal(0, metrics.GetProperty("average_perplexity").GetDouble());
        Assert.Equal(0, metrics.GetProperty("arithmetic_average_perplexity").GetDouble());
    }

    [Fact]
    public void A_runs_warnings_are_kept_in_its_json_and_an_empty_list_without_any()
    {
        var report = Reports.Completed();
        report.Warnings.Add("group 3 is expected 0.64 times per batch of 128");

        using var warned = JsonDocument.Parse(Format(report));
        using var plain = JsonDocument.Parse(Format(Reports.Completed()));

        Assert.Equal(["group 3 is expected 0.64 times per batch of 128"], warned.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(0, plain.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void Group_zero_keeps_its_zero_fields()
    {
        var report = new RunReport { RunId = "r", Status = "running", Val = new SplitMetrics { Groups = { new GroupMetrics() } } };

        using var json = JsonDocument.Parse(Format(report));
        var group = json.RootElement.GetProperty("val").GetProperty("groups")[0];

        Assert.Equal(0, group.GetProperty("group").GetInt32());
        Assert.Equal(0, group.GetProperty("count").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("val").GetProperty("worst_group").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("steps").GetInt32());
    }

    [Fact]
    public void A_submit_reply_is_the_job_id_the_kind_and_the_run_id()
    {
        using var json = JsonDocument.Parse(JobJson.FormatSubmitted(new SubmitJobReply { JobId = "run-7", Kind = "train" }, new TrainRenderer()));

        Assert.Equal([("job_id", "run-7"), ("kind", "train"), ("run_id", "run-7")], json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Fact]
    public void A_run_without_its_own_report_yet_is_made_of_the_jobs_common_fields()
    {
        using var json = JsonDocument.Parse(JobJson.Format(
            new JobReport { JobId = "run-9", Kind = "train", Name = "n", Status = "pending" }, new TrainRenderer()));
        var root = json.RootElement;

        Assert.Equal(("run-9", "run-9", "n", "pending"), (root.GetProperty("job_id").GetString(), root.GetProperty("run_id").GetString(), root.GetProperty("name").GetString(), root.GetProperty("status").GetString()));
    }

    [Fact]
    public void Writing_flushes_the_writer()
    {
        var buffer = new MemoryStream();
        var writer = new StreamWriter(buffer) { AutoFlush = false };

        ProtoJson.Write(writer, new CancelJobReply { Status = "cancelled" });

        using var json = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
    }
}
