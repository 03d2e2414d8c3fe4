using Minimax.Client.Evaluations;
using Minimax.Client.Jobs;
using Minimax.Client.Mixtures;
using Minimax.Client.Runs;
using Minimax.Client.Sweeps;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class JobRenderersTests
{
    [Fact]
    public void The_default_registry_has_train_first_then_doremi_evaluation_and_sweep()
    {
        Assert.Equal(["train", "doremi", "evaluation", "sweep"], JobRenderers.Default.Kinds);
        Assert.IsType<TrainRenderer>(JobRenderers.Default.Find("train"));
        Assert.IsType<DoremiRenderer>(JobRenderers.Default.Find("doremi"));
        Assert.IsType<EvaluationRenderer>(JobRenderers.Default.Find("evaluation"));
        Assert.IsType<SweepRenderer>(JobRenderers.Default.Find("sweep"));
        Assert.Null(JobRenderers.Default.Find("Train"));
        Assert.Null(JobRenderers.Default.Find(""));
        Assert.Equal("train, doremi, evaluation or sweep", JobRenderers.Default.KindList());
    }

    [Fact]
    public void Two_renderers_of_one_kind_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new JobRenderers([new TrainRenderer(), new TrainRenderer()]));
    }

    [Theory]
    [InlineData("train", "run-42")]
    [InlineData("doremi", "mix-7")]
    [InlineData("evaluation", "eval-3")]
    [InlineData("sweep", "sweep-7")]
    public void Each_kind_renders_its_own_report_as_json(string kind, string jobId)
    {
        using var console = new ConsoleCapture();
        var stdout = new StringWriter();
        var report = kind switch
        {
            "train" => JobReports.Train(Reports.Completed()),
            "doremi" => JobReports.Doremi(MixtureReports.Completed()),
            "sweep" => JobReports.Sweep(SweepReports.Completed()),
            _ => EvaluationReports.Completed(),
        };

        var code = JobOutput.Finish(report, new OutputOptions(Json: true), stdout, JobRenderers.Default);

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        Assert.Equal((jobId, kind), (json.RootElement.GetProperty("job_id").GetString(), json.RootElement.GetProperty("kind").GetString()));
        Assert.Equal("", console.StandardError);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_report_of_an_unknown_kind_is_one_error_line_and_exit_1(bool json)
    {
        using var console = new ConsoleCapture();
        var stdout = new StringWriter();

        var code = JobOutput.Finish(
            new JobReport { JobId = "tour-1", Kind = "tournament", Status = "completed" }, new OutputOptions(json, Plots: "unused"), stdout, JobRenderers.Default);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal(
            ["error: job tour-1 is of kind 'tournament', which this client cannot show (it knows train, doremi, evaluation or sweep); update minimax"],
            console.ErrorLines);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task Progress_of_an_unknown_kind_shows_the_common_fields()
    {
        var (console, writer) = PlainConsole.Create();
        var view = new JobProgressView(console, JobRenderers.Default);

        await view.ShowAsync("tour-1", onProgress =>
        {
            onProgress(new JobProgress { JobId = "tour-1", Kind = "tournament", Status = "running", Step = 2, TotalSteps = 8 });
            return Task.FromResult(new JobReport { JobId = "tour-1", Kind = "tournament" });
        });

        Assert.Equal(["job tour-1: running step 2/8"], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Redirected_run_progress_writes_a_line_per_tenth_or_evaluation()
    {
        var (console, writer) = PlainConsole.Create();
        var view = new JobProgressView(console, JobRenderers.Default);
        RunProgress At(int step, int valStep = 0) => new() { Step = step, TotalSteps = 100, Val = valStep > 0 ? new SplitMetrics { Step = valStep } : null };

        await view.ShowAsync("run-1", onProgress =>
        {
            foreach (var progress in new[] { At(1), At(5), At(10), At(12, valStep: 12), At(13, valStep: 12) })
            {
                onProgress(JobReports.Progress("run-1", progress));
            }

            return Task.FromResult(JobReports.Train(Reports.Completed()));
        });

        Assert.Equal(
            ["run run-1: step 1/100", "run run-1: step 10/100", "run run-1: step 12/100"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ")[0]));
    }

    [Fact]
    public async Task Evaluation_progress_is_the_phase_and_models_done()
    {
        var (console, writer) = PlainConsole.Create();
        var view = new JobProgressView(console, JobRenderers.Default);
        JobProgress At(string phase, int done) => new()
        {
            JobId = "eval-3", Kind = "evaluation", Status = "running",
            Evaluation = new EvaluationProgress { Phase = phase, ModelsDone = done, ModelsTotal = 2 },
        };

        await view.ShowAsync("eval-3", onProgress =>
        {
            foreach (var progress in new[] { At("loading", 0), At("scoring", 0), At("scoring", 1), At("scoring", 1), At("comparing", 2) })
            {
                onProgress(progress);
            }

            return Task.FromResult(EvaluationReports.Completed());
        });

        Assert.Equal(
        [
            "evaluation eval-3: loading 0/2 models",
            "evaluation eval-3: scoring 0/2 models",
            "evaluation eval-3: scoring 1/2 models",
            "evaluation eval-3: comparing 2/2 models",
        ], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
