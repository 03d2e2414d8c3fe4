using System.Text.Json;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>The cluster commands through the real command line against <see cref="FakeJobsServer"/>: one code path for every kind.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class JobCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();
    private FakeJobsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJobsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private Task<(int Code, ConsoleCapture Console)> InvokeAsync(params string[] args) =>
        CliInvocation.InvokeAsync([.. args, "--cluster", _server.Url]);

    [Fact]
    public async Task Get_prints_an_evaluation_as_json_with_its_kind()
    {
        _server.Jobs.Add(EvaluationReports.Completed());

        var (code, console) = await InvokeAsync("get", "eval-3", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal("evaluation", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Get_of_a_failed_run_exits_1_with_its_reason()
    {
        _server.Jobs.Add(JobReports.Train(new RunReport { RunId = "run-3", Name = "x", Status = "failed", Reason = "worker lost" }));

        var (code, console) = await InvokeAsync("get", "run-3");

        Assert.Equal(1, code);
        Assert.Contains("x (run-3): failed", console.StandardOutput);
        Assert.Equal(["run run-3 failed: worker lost"], console.ErrorLines);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("watch")]
    public async Task A_job_of_a_kind_this_client_does_not_know_is_one_line_and_exit_1(string command)
    {
        _server.Jobs.Add(new JobReport { JobId = "tour-1", Kind = "tournament", Name = "bracket", Status = "completed" });

        var (code, console) = await InvokeAsync(command, "tour-1", "--json");

        Assert.Equal(1, code);
        Assert.Equal("", console.StandardOutput);
        Assert.StartsWith("error: job tour-1 is of kind 'tournament'", Assert.Single(console.ErrorLines));
    }

    [Fact]
    public async Task An_unknown_id_exits_2_with_the_servers_line()
    {
        var (code, console) = await InvokeAsync("cancel", "nope");

        Assert.Equal(2, code);
        Assert.Equal(["error: job_id: no job 'nope'"], console.ErrorLines);
    }

    [Fact]
    public async Task Watch_follows_a_mixture_to_its_report_and_writes_its_plots()
    {
        _server.Jobs.Add(JobReports.Doremi(MixtureReports.Completed()), [JobReports.Progress(MixtureReports.Running())]);
        var plots = _folder.Combine("plots");

        var (code, console) = await InvokeAsync("watch", "mix-7", "--json", "--plots", plots);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal(("mix-7", "doremi"), (json.RootElement.GetProperty("job_id").GetString(), json.RootElement.GetProperty("kind").GetString()));
        Assert.Equal([$"plot: {Path.Combine(plots, "domain-weights.png")}", $"plot: {Path.Combine(plots, "perplexity.png")}"], console.ErrorLines);
    }

    [Fact]
    public async Task Submit_json_of_a_training_spec_has_job_id_kind_and_run_id()
    {
        var spec = _folder.Combine("spec.yaml");
        File.WriteAllText(spec, "name: t\n");
        _server.Jobs.SubmitReply = new SubmitJobReply { JobId = "run-5", Kind = "train" };

        var (code, console) = await InvokeAsync("submit", spec, "--json", "--set", "seed=3", "--request-id", "req-1");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal(
            [("job_id", "run-5"), ("kind", "train"), ("run_id", "run-5")],
            json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        var request = Assert.Single(_server.Jobs.Submitted);
        Assert.Equal(("name: t\n", _folder.Path, "req-1"), (request.SpecYaml, request.SpecDirectory, request.RequestId));
        Assert.Equal(["seed=3"], request.Overrides);
    }

    [Fact]
    public async Task Submit_of_another_kind_prints_the_job_id()
    {
        var spec = _folder.Combine("eval.yaml");
        File.WriteAllText(spec, "kind: evaluation\nname: e\n");
        _server.Jobs.SubmitReply = new SubmitJobReply { JobId = "eval-4", Kind = "evaluation" };

        var (code, console) = await InvokeAsync("submit", spec);

        Assert.Equal(0, code);
        Assert.Equal(["eval-4"], console.OutputLines);
    }

    [Fact]
    public async Task Cancel_works_on_any_id_and_prints_the_status()
    {
        _server.Jobs.Add(JobReports.Doremi(MixtureReports.Running()));

        var (code, console) = await InvokeAsync("cancel", "mix-8", "--json");

        Assert.Equal(0, code);
        Assert.Equal(["mix-8"], _server.Jobs.Cancelled);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal("cancelled", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("mix-8", json.RootElement.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task List_shows_every_job_with_its_kind_and_parent()
    {
        _server.Jobs.Summaries.AddRange(
        [
            new JobSummary { JobId = "mix-7", Kind = "doremi", Name = "synth-doremi", Status = "running", Step = 200, TotalSteps = 1200 },
            new JobSummary { JobId = "mix-7-r1-reference", Kind = "train", Name = "synth-doremi reference", Status = "completed", Step = 200, TotalSteps = 200, ParentJobId = "mix-7" },
            new JobSummary { JobId = "eval-3", Kind = "evaluation", Name = "waterbirds-eval", Status = "pending" },
        ]);

        var (code, console) = await InvokeAsync("list");

        Assert.Equal(0, code);
        var rows = console.OutputLines
            .Select(line => line.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 8)
            .Select(cells => cells[1..^1])
            .ToArray();
        Assert.Equal(["job", "kind", "name", "status", "step", "parent"], rows[0]);
        Assert.Equal(["mix-7-r1-reference", "train", "synth-doremi reference", "completed", "200/200", "mix-7"], rows[2]);
        Assert.Equal(["eval-3", "evaluation", "waterbirds-eval", "pending", "0/0", ""], rows[3]);
    }

    [Fact]
    public async Task List_json_filters_by_kind_on_the_server()
    {
        _server.Jobs.Summaries.Add(new JobSummary { JobId = "eval-3", Kind = "evaluation", Status = "pending" });
        _server.Jobs.Summaries.Add(new JobSummary { JobId = "run-1", Kind = "train", Status = "pending" });

        var (code, console) = await InvokeAsync("list", "--json", "--kind", "evaluation");

        Assert.Equal(0, code);
        Assert.Equal(["evaluation"], _server.Jobs.ListedKinds);
        using var json = JsonDocument.Parse(console.StandardOutput);
        var job = Assert.Single(json.RootElement.GetProperty("jobs").EnumerateArray());
        Assert.Equal(("eval-3", "evaluation", ""), (job.GetProperty("job_id").GetString(), job.GetProperty("kind").GetString(), job.GetProperty("parent_job_id").GetString()));
    }

    [Theory]
    [InlineData("completed", 0)]
    [InlineData("failed", 1)]
    [InlineData("cancelled", 1)]
    public async Task Run_against_a_cluster_submits_watches_and_exits_by_the_final_status(string status, int expected)
    {
        var spec = _folder.Combine("eval.yaml");
        File.WriteAllText(spec, "kind: evaluation\nname: waterbirds-eval\n");
        var report = EvaluationReports.Completed();
        report.Status = status;
        _server.Jobs.Add(report, [new JobProgress { JobId = "eval-3", Kind = "evaluation", Status = "running", Evaluation = new EvaluationProgress { Phase = "scoring" } }]);
        _server.Jobs.SubmitReply = new SubmitJobReply { JobId = "eval-3", Kind = "evaluation" };

        var (code, console) = await InvokeAsync("run", spec, "--json");

        Assert.Equal(expected, code);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetString());
        Assert.Equal(expected == 0 ? [] : [$"evaluation eval-3 {status}"], console.ErrorLines);
    }

    [Fact]
    public async Task Run_of_a_sweep_spec_prints_its_table_and_writes_its_plot()
    {
        var spec = _folder.Combine("sweep.yaml");
        File.WriteAllText(spec, "kind: sweep\nname: sagawa-grid\nbase: groupdro.yaml\ngrid: { seed: [0, 1, 2] }\n");
        _server.Jobs.Add(JobReports.Sweep(SweepReports.Completed()), [JobReports.Progress(SweepReports.Running())]);
        _server.Jobs.SubmitReply = new SubmitJobReply { JobId = "sweep-7", Kind = "sweep" };

        var (code, console) = await InvokeAsync("run", spec, "--plots", _folder.Combine("plots"));

        Assert.Equal(0, code);
        Assert.Contains("selected: objective.kind=group_dro training.optimizer.weight_decay=1", console.StandardOutput);
        Assert.Contains($"plot: {_folder.Combine("plots/sweep.png")}", console.StandardOutput);
        Png.AssertValid(_folder.Combine("plots/sweep.png"));
    }

    [Fact]
    public async Task List_passes_kind_sweep_to_the_server()
    {
        _server.Jobs.Summaries.Add(new JobSummary { JobId = "sweep-7", Kind = "sweep", Name = "sagawa-grid", Status = "running" });
        _server.Jobs.Summaries.Add(new JobSummary { JobId = "run-s0", Kind = "train", Status = "running", ParentJobId = "sweep-7" });

        var (code, console) = await InvokeAsync("list", "--json", "--kind", "sweep");

        Assert.Equal(0, code);
        Assert.Equal(["sweep"], _server.Jobs.ListedKinds);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal("sweep-7", Assert.Single(json.RootElement.GetProperty("jobs").EnumerateArray()).GetProperty("job_id").GetString());
    }

    // A run's warnings on stderr, once each, as soon as a progress event or the report carries them; kept in --json.
    private const string Rare = "group 3 is expected 0.64 times per batch of 128 (batch_size x n_g / N under plain shuffling): batches without it count its loss as 0 and lower its weight; set objective.balanced_sampling: true or a larger training.batch_size";
    private const string Later = "group 2 is expected 0.8 times per batch of 128";

    private static RunProgress Step(int step, params string[] warnings)
    {
        var progress = new RunProgress { Step = step, TotalSteps = 2000, Status = "running" };
        progress.Warnings.AddRange(warnings);
        return progress;
    }

    // The first event carries the run's warning; the report keeps it and one that no event carried.
    private void AddWarnedRun()
    {
        var report = Reports.Completed();
        report.Warnings.AddRange([Rare, Later]);
        _server.Jobs.Add(JobReports.Train(report), [JobReports.Progress(report.RunId, Step(1, Rare)), JobReports.Progress(report.RunId, Step(2))]);
        _server.Jobs.SubmitReply = new SubmitJobReply { JobId = report.RunId, Kind = "train" };
    }

    [Fact]
    public async Task Run_json_prints_each_warning_once_on_stderr_and_keeps_them_in_the_json()
    {
        AddWarnedRun();
        var spec = _folder.Combine("groupdro.yaml");
        File.WriteAllText(spec, "name: spurious-groupdro\n");

        var (code, console) = await InvokeAsync("run", spec, "--json");

        Assert.Equal(0, code);
        Assert.Equal([$"warning: {Rare}", $"warning: {Later}"], console.ErrorLines);
        using var json = JsonDocument.Parse(console.StandardOutput);
        Assert.Equal([Rare, Later], json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Watch_prints_the_warning_of_a_progress_event_apart_from_the_report_on_stdout()
    {
        AddWarnedRun();

        var (code, console) = await InvokeAsync("watch", "run-42");

        Assert.Equal(0, code);
        Assert.Equal([$"warning: {Rare}", $"warning: {Later}"], console.ErrorLines);
        Assert.DoesNotContain("warning:", console.StandardOutput);
        Assert.Contains("spurious-groupdro (run-42): completed", console.StandardOutput);
    }

    [Fact]
    public async Task Get_prints_the_reports_warnings()
    {
        AddWarnedRun();

        var (code, console) = await InvokeAsync("get", "run-42", "--json");

        Assert.Equal(0, code);
        Assert.Equal([$"warning: {Rare}", $"warning: {Later}"], console.ErrorLines);
    }

    [Fact]
    public async Task A_run_without_warnings_prints_nothing_on_stderr()
    {
        _server.Jobs.Add(JobReports.Train(Reports.Completed()), [JobReports.Progress("run-42", Step(1))]);

        var (code, console) = await InvokeAsync("watch", "run-42", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
    }
}
