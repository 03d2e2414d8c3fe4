using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>
/// An evaluation job on a real silo process on Azurite, whose only silo is killed with SIGKILL while it
/// scores: after a restart the job resumes by its reminder and reports what an uninterrupted job reports.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EvaluationCrashTests(AzuriteFixture azurite) : IDisposable
{
    private const int Models = 32;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task Restarting_the_only_silo_while_an_evaluation_scores_it_resumes_and_reports_the_uninterrupted_result()
    {
        // A test file large enough that scoring 32 models takes a while.
        SpuriousCsv.Write(Path.Combine(_data.Directory, "large-test.csv"), 40_000, 0.5, new Random(3));
        var cluster = $"crash-evaluation-{Guid.NewGuid():N}";
        var endpoints = SiloProcess.Endpoints.Fresh();
        var silo = await StartAsync(cluster, endpoints);
        var run = await silo.Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = TrainingData.SpecYaml(steps: 10, workers: 1), SpecDirectory = _data.Directory });
        Assert.Equal("completed", (await UntilAsync(silo.Jobs, run.RunId, _ => false)).Status);
        var spec = EvaluationYaml.OfRun(run.RunId, "large-test.csv", Models);
        var reference = await UntilAsync(silo.Jobs, await SubmitAsync(silo.Jobs, spec), _ => false);
        Assert.True(reference.Status == "completed", reference.Reason);

        var jobId = await SubmitAsync(silo.Jobs, spec);
        var scoring = await UntilAsync(silo.Jobs, jobId, progress => progress.Evaluation?.ModelsDone >= 2);
        await silo.KillAsync();
        var restarted = await StartAsync(cluster, endpoints);
        var report = await UntilAsync(restarted.Jobs, jobId, _ => false);

        Assert.Equal("running", scoring.Status);
        Assert.True(report.Status == "completed", report.Reason);
        Assert.Equal(Models, report.Evaluation.Models.Count);
        Assert.Equal(reference.Evaluation.Models, report.Evaluation.Models);
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _data.Dispose();
    }

    private async Task<SiloProcess> StartAsync(string cluster, SiloProcess.Endpoints endpoints)
    {
        var silo = await SiloProcess.StartAsync(azurite.Server.ConnectionString, cluster, endpoints, _data.Directory, RealSiloRuns.FastRecovery);
        _silos.Add(silo);
        return silo;
    }

    private async Task<string> SubmitAsync(Jobs.JobsClient client, string yaml) =>
        (await client.SubmitJobAsync(new SubmitJobRequest { SpecYaml = yaml, SpecDirectory = _data.Directory })).JobId;

    /// <summary>The final report, or the first progress <paramref name="until"/> accepts (as a report of its status).</summary>
    private static async Task<JobReport> UntilAsync(Jobs.JobsClient client, string jobId, Func<JobProgress, bool> until)
    {
        var update = await JobEvents.UntilAsync(client, jobId, update => until(update.Progress), Timeout);
        return update.Report ?? new JobReport { JobId = jobId, Status = update.Progress.Status };
    }
}
