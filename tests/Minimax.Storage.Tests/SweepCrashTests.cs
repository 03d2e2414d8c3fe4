using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>
/// A sweep on a real silo process on Azurite, whose only silo is killed with SIGKILL while its second
/// trial trains: after a restart the sweep resumes by itself, keeps its finished trial, resumes the
/// interrupted one from its checkpoint, starts the last, and reports what an uninterrupted sweep reports.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SweepCrashTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task Restarting_the_only_silo_during_a_trial_the_sweep_resumes_and_reports_the_uninterrupted_table()
    {
        File.WriteAllText(Path.Combine(_data.Directory, "base.yaml"), SpuriousCsv.SpecYaml("sweep-base", steps: 60, workers: 1, evalEvery: 10, checkpointEvery: 10));
        var cluster = $"crash-sweep-{Guid.NewGuid():N}";
        var endpoints = SiloProcess.Endpoints.Fresh();
        var silo = await StartAsync(cluster, endpoints);
        var reference = await UntilAsync(silo.Jobs, await SubmitAsync(silo.Jobs), Terminal);
        Assert.True(reference.Status == "completed", reference.Reason);

        var jobId = await SubmitAsync(silo.Jobs);
        await UntilAsync(silo.Jobs, jobId, report => report.Configurations[0].Trials[1].Step >= 25);
        await silo.KillAsync();
        var restarted = await StartAsync(cluster, endpoints);
        var report = await UntilAsync(restarted.Jobs, jobId, Terminal);

        Assert.True(report.Status == "completed", report.Reason);
        var trials = report.Configurations[0].Trials;
        var expected = reference.Configurations[0].Trials;
        Assert.Equal(3, trials.Count);
        for (var t = 0; t < trials.Count; t++)
        {
            Assert.Equal("completed", trials[t].Status);
            Assert.Equal(expected[t].Metrics.TestWorstGroupAccuracy, trials[t].Metrics.TestWorstGroupAccuracy, 1e-9);
            Assert.Equal(expected[t].Metrics.ValAverageLoss, trials[t].Metrics.ValAverageLoss, 1e-9);
        }
        Assert.Equal(reference.Configurations[0].TestWorstGroupAccuracy.Mean, report.Configurations[0].TestWorstGroupAccuracy.Mean, 1e-9);
        var runs = restarted.Client;
        Assert.Equal(0, (await runs.GetRunAsync(new GetRunRequest { RunId = trials[0].RunId })).Recoveries);
        Assert.True((await runs.GetRunAsync(new GetRunRequest { RunId = trials[1].RunId })).Recoveries >= 1, "the interrupted trial should have resumed from a checkpoint");
    }

    private static bool Terminal(SweepReport report) => report.Status is "completed" or "failed" or "cancelled";

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

    private async Task<string> SubmitAsync(Jobs.JobsClient client)
    {
        var request = new SubmitJobRequest
        {
            SpecYaml = "kind: sweep\nname: crash-sweep\nbase: base.yaml\ngrid: { seed: [0, 1, 2] }\nparallel: 1\n",
            SpecDirectory = _data.Directory,
        };
        return (await client.SubmitJobAsync(request)).JobId;
    }

    private static async Task<SweepReport> UntilAsync(Jobs.JobsClient client, string jobId, Func<SweepReport, bool> done)
    {
        var update = await JobEvents.UntilAsync(client, jobId, update => done(update.Progress?.Sweep ?? update.Report.Sweep), Timeout);
        return update.Report?.Sweep ?? update.Progress.Sweep;
    }
}
