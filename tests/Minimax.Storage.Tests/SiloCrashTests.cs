using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>
/// Issue 3 section 3: real silo processes on Azurite, killed with SIGKILL mid-run. Every interrupted
/// run must complete with the report of an uninterrupted run of the same spec.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiloCrashTests(AzuriteFixture azurite) : IDisposable
{
        private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task Killing_the_coordinators_silo_the_run_completes_on_the_survivor_as_if_uninterrupted()
    {
        var cluster = $"crash-coordinator-{Guid.NewGuid():N}";
        var a = await StartAsync(cluster, SiloProcess.Endpoints.Fresh());
        var b = await StartAsync(cluster, SiloProcess.Endpoints.Fresh());
        var reference = await RealSiloRuns.RunToEndAsync(a.Client, await SubmitAsync(a.Client));

        var runId = await SubmitAsync(a.Client);
        var running = await RealSiloRuns.UntilStepAsync(a.Client, runId, 60);
        var (victim, survivor) = running.CoordinatorSilo == a.Ports.SiloEndpoint ? (a, b) : (b, a);
        Assert.Equal(victim.Ports.SiloEndpoint, running.CoordinatorSilo);
        await victim.KillAsync();

        var report = await RealSiloRuns.RunToEndAsync(survivor.Client, runId);

        RealSiloRuns.AssertSameResult(reference, report);
        Assert.True(report.Recoveries >= 1, "the run should have been resumed from a checkpoint");
        Assert.Equal(survivor.Ports.SiloEndpoint, report.CoordinatorSilo);
    }

    [Fact]
    public async Task Killing_a_workers_silo_the_coordinator_recreates_the_workers_and_the_run_ends_as_if_uninterrupted()
    {
        var cluster = $"crash-worker-{Guid.NewGuid():N}";
        var a = await StartAsync(cluster, SiloProcess.Endpoints.Fresh());
        var b = await StartAsync(cluster, SiloProcess.Endpoints.Fresh());
        var reference = await RealSiloRuns.RunToEndAsync(a.Client, await SubmitAsync(a.Client));

        var runId = await SubmitAsync(a.Client);
        var running = await RealSiloRuns.UntilStepAsync(a.Client, runId, 60);
        // Shards are spread over both silos, so one worker lives where the coordinator does not.
        var (victim, survivor) = running.CoordinatorSilo == a.Ports.SiloEndpoint ? (b, a) : (a, b);
        Assert.Contains(victim.Ports.SiloEndpoint, running.WorkerSilos);
        await victim.KillAsync();

        var report = await RealSiloRuns.RunToEndAsync(survivor.Client, runId);

        RealSiloRuns.AssertSameResult(reference, report);
        Assert.True(report.Recoveries >= 1, "the workers should have been re-created");
        Assert.All(report.WorkerSilos, silo => Assert.Equal(survivor.Ports.SiloEndpoint, silo));
    }

    [Fact]
    public async Task With_a_control_silo_and_two_worker_silos_killing_a_worker_silo_the_run_ends_on_the_other_as_if_uninterrupted()
    {
        var cluster = $"crash-roles-{Guid.NewGuid():N}";
        var control = await StartAsync(cluster, SiloProcess.Endpoints.Fresh(), role: "control");
        var first = await StartAsync(cluster, SiloProcess.Endpoints.Fresh(), role: "worker");
        var second = await StartAsync(cluster, SiloProcess.Endpoints.Fresh(), role: "worker");
        var reference = await RealSiloRuns.RunToEndAsync(control.Client, await SubmitAsync(control.Client));
        Assert.Equal(control.Ports.SiloEndpoint, reference.CoordinatorSilo);
        Assert.Equal(new[] { first.Ports.SiloEndpoint, second.Ports.SiloEndpoint }.Order(), reference.WorkerSilos.Order());

        var runId = await SubmitAsync(control.Client);
        await RealSiloRuns.UntilStepAsync(control.Client, runId, 60);
        await first.KillAsync();

        var report = await RealSiloRuns.RunToEndAsync(control.Client, runId);

        RealSiloRuns.AssertSameResult(reference, report);
        Assert.True(report.Recoveries >= 1, "the workers should have been re-created");
        Assert.Equal(control.Ports.SiloEndpoint, report.CoordinatorSilo);
        Assert.All(report.WorkerSilos, silo => Assert.Equal(second.Ports.SiloEndpoint, silo));
    }

    [Fact]
    public async Task Restarting_the_only_silo_the_run_resumes_by_itself_and_ends_as_if_uninterrupted()
    {
        var cluster = $"crash-restart-{Guid.NewGuid():N}";
        var endpoints = SiloProcess.Endpoints.Fresh();
        var silo = await StartAsync(cluster, endpoints);
        var reference = await RealSiloRuns.RunToEndAsync(silo.Client, await SubmitAsync(silo.Client));

        var runId = await SubmitAsync(silo.Client);
        await RealSiloRuns.UntilStepAsync(silo.Client, runId, 60);
        await silo.KillAsync();
        // Same cluster id and endpoints: the new silo replaces the dead one's membership row at once.
        var restarted = await StartAsync(cluster, endpoints);

        var report = await RealSiloRuns.RunToEndAsync(restarted.Client, runId);

        RealSiloRuns.AssertSameResult(reference, report);
        Assert.True(report.Recoveries >= 1, "the run should have been resumed from a checkpoint");
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _data.Dispose();
    }

    private async Task<SiloProcess> StartAsync(string cluster, SiloProcess.Endpoints endpoints, string role = "all")
    {
        var silo = await SiloProcess.StartAsync(azurite.Server.ConnectionString, cluster, endpoints, _data.Directory, [.. RealSiloRuns.FastRecovery, ("Silo:Role", role)]);
        _silos.Add(silo);
        return silo;
    }

    private async Task<string> SubmitAsync(Runs.RunsClient client)
    {
        var request = new SubmitRunRequest { SpecYaml = TrainingData.SpecYaml(steps: 400, workers: 2), SpecDirectory = _data.Directory };
        request.Overrides.Add("training.checkpoint_every=20");
        return (await client.SubmitRunAsync(request)).RunId;
    }
}
