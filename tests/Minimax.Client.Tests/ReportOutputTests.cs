using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ReportOutputTests
{
    private static readonly OutputOptions Json = new(Json: true);

    [Fact]
    public void A_completed_report_as_json_exits_0_with_only_the_json_on_stdout()
    {
        using var console = new ConsoleCapture();
        var stdout = new StringWriter { NewLine = "\n" };

        var code = JobOutput.Finish(JobReports.Train(Reports.Completed()), Json, stdout, JobRenderers.Default);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("run-42", json.RootElement.GetProperty("run_id").GetString());
        Assert.Equal("", console.StandardError);
        Assert.Equal("", console.StandardOutput);
    }

    [Fact]
    public void The_trace_id_is_the_last_json_field_and_a_line_of_the_text_report()
    {
        using var console = new ConsoleCapture();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var report = JobReports.Train(Reports.Completed());
        report.TraceId = traceId;
        var json = new StringWriter { NewLine = "\n" };
        var text = new StringWriter { NewLine = "\n" };

        JobOutput.Finish(report, Json, json, JobRenderers.Default);
        JobOutput.Finish(report, new OutputOptions(Json: false), text, JobRenderers.Default);
        var untraced = new StringWriter { NewLine = "\n" };
        JobOutput.Finish(JobReports.Train(Reports.Completed()), new OutputOptions(Json: false), untraced, JobRenderers.Default);

        using var parsed = JsonDocument.Parse(json.ToString());
        var last = parsed.RootElement.EnumerateObject().Last();
        Assert.Equal(("trace_id", traceId), (last.Name, last.Value.GetString()));
        Assert.Contains($"trace: {traceId}", text.ToString().Split('\n'));
        Assert.DoesNotContain("trace:", untraced.ToString());
    }

    [Theory]
    [InlineData("running")]
    [InlineData("pending")]
    public void A_report_of_an_unfinished_run_exits_0(string status)
    {
        using var console = new ConsoleCapture();
        var report = new RunReport { RunId = "run-1", Status = status };

        var code = JobOutput.Finish(JobReports.Train(report), Json, new StringWriter(), JobRenderers.Default);

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
    }

    [Fact]
    public void A_failed_run_exits_1_with_its_reason_on_one_stderr_line()
    {
        using var console = new ConsoleCapture();
        var report = new RunReport { RunId = "run-3", Status = "failed", Reason = "worker 1 crashed:\nout of memory" };
        var stdout = new StringWriter();

        var code = JobOutput.Finish(JobReports.Train(report), Json, stdout, JobRenderers.Default);

        Assert.Equal(1, code);
        Assert.Equal("run run-3 failed: worker 1 crashed: out of memory\n", console.StandardError);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void A_cancelled_run_without_a_reason_exits_1()
    {
        using var console = new ConsoleCapture();

        var code = JobOutput.Finish(JobReports.Train(new RunReport { RunId = "run-4", Status = "cancelled" }), Json, new StringWriter(), JobRenderers.Default);

        Assert.Equal(1, code);
        Assert.Equal(["run run-4 cancelled"], console.ErrorLines);
    }

    [Fact]
    public void The_first_line_shows_the_estimated_peak_memory_per_worker()
    {
        var (console, writer) = PlainConsole.Create();
        var report = Reports.Completed();
        report.MemoryEstimateBytes = 3L << 29;

        RunReportView.Write(console, report);

        Assert.Contains("model from step 1200, estimated peak 1.5 GiB per worker\n", writer.ToString());
    }

    [Fact]
    public void The_table_view_shows_every_group_the_worst_test_group_and_the_summaries()
    {
        var (console, writer) = PlainConsole.Create();

        RunReportView.Write(console, Reports.Completed());

        var text = writer.ToString();
        Assert.Contains("spurious-groupdro (run-42): completed, 2000/2000 steps, 12.5 s, 6.0 ms/step median, model from step 1200", text);
        Assert.Contains("2 (worst)", text);
        Assert.Single(text.Split("(worst)")[1..]);
        Assert.Contains("1900", text);
        Assert.Contains("0.500", text);
        Assert.Contains("0.6250", text);
        Assert.Contains("val   average accuracy 0.9000  worst-group accuracy 0.8000 (group 2)", text);
        Assert.Contains("test  average accuracy 0.9000  worst-group accuracy 0.6250 (group 2)", text);
    }

    [Fact]
    public void The_table_view_of_a_failed_run_without_metrics_shows_the_reason_and_no_table()
    {
        var (console, writer) = PlainConsole.Create();

        RunReportView.Write(console, new RunReport { RunId = "run-5", Name = "x", Status = "failed", Steps = 3, Reason = "bad [data]" });

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["x (run-5): failed, 3 steps, 0.0 s", "bad [data]"], lines);
    }
}
