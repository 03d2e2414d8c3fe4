using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>
/// A DoReMi mixture job on a real silo process on Azurite, whose only silo is killed with SIGKILL while
/// the proxy stage trains: after a restart the job must resume by itself (the mixture grain's reminder
/// and the proxy run's) and report the domain weights of an uninterrupted job.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MixtureCrashTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task Restarting_the_only_silo_during_the_proxy_stage_the_job_resumes_and_reports_the_uninterrupted_weights()
    {
        var corpus = Path.Combine(_data.Directory, "corpus");
        DomainCorpus.Write(corpus);
        var cluster = $"crash-mixture-{Guid.NewGuid():N}";
        var endpoints = SiloProcess.Endpoints.Fresh();
        var silo = await StartAsync(cluster, endpoints);
        var reference = await UntilAsync(silo.Jobs, await SubmitAsync(silo.Jobs, corpus), Terminal);
        Assert.True(reference.Status == "completed", reference.Reason);

        var jobId = await SubmitAsync(silo.Jobs, corpus);
        await UntilAsync(silo.Jobs, jobId, report => report.Stages.Any(stage => stage is { Stage: "proxy", Step: >= 25 }));
        await silo.KillAsync();
        var restarted = await StartAsync(cluster, endpoints);
        var report = await UntilAsync(restarted.Jobs, jobId, Terminal);

        Assert.True(report.Status == "completed", report.Reason);
        Assert.Equal(reference.Domains, report.Domains);
        foreach (var domain in reference.Domains)
        {
            Assert.Equal(reference.DomainWeights[domain], report.DomainWeights[domain], 1e-6);
        }
        Assert.Equal(reference.WeightTrajectory.Select(p => p.Step), report.WeightTrajectory.Select(p => p.Step));
        var proxy = report.Stages.Single(stage => stage.Stage == "proxy");
        var proxyRun = await restarted.Client.GetRunAsync(new GetRunRequest { RunId = proxy.RunId });
        Assert.True(proxyRun.Recoveries >= 1, "the proxy run should have resumed from a checkpoint");
    }

    private static bool Terminal(MixtureReport report) => report.Status is "completed" or "failed" or "cancelled";

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

    private static async Task<string> SubmitAsync(Jobs.JobsClient client, string corpus)
    {
        var request = new SubmitJobRequest { SpecYaml = DomainCorpus.MixtureYaml(corpus, steps: 60, workers: 1, main: false), SpecDirectory = corpus };
        request.Overrides.Add("training.checkpoint_every=10");
        return (await client.SubmitJobAsync(request)).JobId;
    }

    private static async Task<MixtureReport> UntilAsync(Jobs.JobsClient client, string jobId, Func<MixtureReport, bool> done)
    {
        var update = await JobEvents.UntilAsync(client, jobId, update => done(update.Progress.Mixture), Timeout);
        return update.Report?.Mixture ?? update.Progress.Mixture;
    }
}
