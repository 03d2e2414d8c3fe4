using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Mixtures;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class MixtureOutputTests
{
    private static string[] Row(string text, string first) =>
        text.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Single(cells => cells.Length > 1 && cells[0] == first);

    [Fact]
    public void The_table_view_shows_weights_perplexities_summaries_and_steps_to_baseline()
    {
        var (console, writer) = PlainConsole.Create();

        MixtureView.Write(console, MixtureReports.Completed());

        var text = writer.ToString();
        Assert.StartsWith("synth-doremi (mix-7): completed, 2 rounds, 42.5 s\n", text);
        Assert.Equal(["markov", "0.200", "0.250", "3.00", "3.50"], Row(text, "markov"));
        Assert.Equal(["noise (worst)", "0.200", "0.125", "90.00", "92.00"], Row(text, "noise (worst)"));
        Assert.Contains("main     average perplexity 4.64 (geometric; arithmetic 20.00)  worst 90.00 (noise)", text);
        Assert.Contains("baseline average perplexity 5.26 (geometric; arithmetic 20.80)  worst 92.00 (noise)", text);
        Assert.Contains("main reached the baseline's final average perplexity at step 120", text);
        Assert.Contains("run-p2", text);
        Assert.Contains("400/400", text);
    }

    [Fact]
    public void The_table_view_of_a_running_job_has_no_perplexity_lines()
    {
        var (console, writer) = PlainConsole.Create();

        MixtureView.Write(console, MixtureReports.Running());

        var text = writer.ToString();
        Assert.StartsWith("synth-doremi (mix-8): running, 1 round, 3.0 s\n", text);
        Assert.DoesNotContain("perplexity", text);
        Assert.DoesNotContain("baseline", text);
        Assert.Contains("40/200", text);
    }

    [Fact]
    public void The_table_view_of_a_failed_job_without_domains_is_the_header_and_reason()
    {
        var (console, writer) = PlainConsole.Create();

        MixtureView.Write(console, new MixtureReport { JobId = "mix-1", Name = "x", Status = "failed", Reason = "bad [spec]" });

        Assert.Equal(["x (mix-1): failed, 0 rounds, 0.0 s", "bad [spec]"], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_completed_job_as_json_exits_0_with_only_the_json_on_stdout()
    {
        using var console = new ConsoleCapture();
        var stdout = new StringWriter { NewLine = "\n" };

        var code = JobOutput.Finish(JobReports.Doremi(MixtureReports.Completed()), new OutputOptions(Json: true, Plots: null), stdout, JobRenderers.Default);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("mix-7", json.RootElement.GetProperty("job_id").GetString());
        Assert.Equal("", console.StandardError);
        Assert.Equal("", console.StandardOutput);
    }

    [Theory]
    [InlineData("failed", "stage proxy failed:\nout of memory", "mixture mix-3 failed: stage proxy failed: out of memory")]
    [InlineData("cancelled", "", "mixture mix-3 cancelled")]
    public void A_failed_or_cancelled_job_exits_1_with_one_stderr_line(string status, string reason, string line)
    {
        using var console = new ConsoleCapture();

        var code = JobOutput.Finish(JobReports.Doremi(new MixtureReport { JobId = "mix-3", Status = status, Reason = reason }), new OutputOptions(Json: true, Plots: null), new StringWriter(), JobRenderers.Default);

        Assert.Equal(1, code);
        Assert.Equal([line], console.ErrorLines);
    }

    [Fact]
    public void Plots_with_json_are_noted_on_stderr_and_stdout_stays_json()
    {
        using var folder = new TempDirectory();
        using var console = new ConsoleCapture();
        var stdout = new StringWriter { NewLine = "\n" };

        var code = JobOutput.Finish(JobReports.Doremi(MixtureReports.Completed()), new OutputOptions(Json: true, Plots: folder.Combine("plots")), stdout, JobRenderers.Default);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(
            [$"plot: {folder.Combine("plots/domain-weights.png")}", $"plot: {folder.Combine("plots/perplexity.png")}"],
            console.ErrorLines);
    }

    [Fact]
    public void A_plots_folder_that_cannot_be_made_is_a_warning_not_a_failure()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("taken"), "");
        using var console = new ConsoleCapture();

        var code = JobOutput.Finish(JobReports.Doremi(MixtureReports.Completed()), new OutputOptions(Json: true, Plots: folder.Combine("taken")), new StringWriter(), JobRenderers.Default);

        Assert.Equal(0, code);
        Assert.StartsWith("warning: --plots: ", Assert.Single(console.ErrorLines));
    }

    [Fact]
    public void Stage_progress_names_round_stage_run_and_steps()
    {
        Assert.Equal(
            "round 1 proxy run-p1 running step 40/200",
            MixtureProgress.Describe(MixtureReports.Running().Stages[1]));
        Assert.Equal("round 2 main pending step 0/400", MixtureProgress.Describe(MixtureReports.Stage("main", 2, "", "pending", 400)));
    }

    [Fact]
    public async Task Redirected_progress_writes_a_line_per_stage_change()
    {
        var (console, writer) = PlainConsole.Create();
        var view = new JobProgressView(console, JobRenderers.Default);
        var first = MixtureReports.Running();
        var same = MixtureReports.Running();
        var later = MixtureReports.Running();
        later.Stages[1].Step = 100;

        var final = await view.ShowAsync("mix-8", onProgress =>
        {
            onProgress(JobReports.Progress(first));
            onProgress(JobReports.Progress(same));
            onProgress(JobReports.Progress(later));
            return Task.FromResult(JobReports.Doremi(MixtureReports.Completed()));
        });

        Assert.Equal("mix-7", final.JobId);
        Assert.Equal(
        [
            "mixture mix-8: round 1 reference run-r1 completed step 200/200",
            "mixture mix-8: round 1 proxy run-p1 running step 40/200",
            "mixture mix-8: round 1 proxy run-p1 running step 100/200",
        ], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
