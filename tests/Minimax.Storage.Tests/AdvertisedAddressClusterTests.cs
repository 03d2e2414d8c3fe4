using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Storage.Tests;

/// <summary>
/// Issue 9 item 7: silos that advertise (and listen on) addresses other than 127.0.0.1 form one
/// cluster. 127.0.0.2 and 127.0.0.3 are distinct addresses on Linux loopback, so a silo that still
/// listened on 127.0.0.1, or advertised it, would not be reachable by the other.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdvertisedAddressClusterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private readonly TrainingData _data = new();
    private readonly List<SiloProcess> _silos = [];

    [Fact]
    public async Task Two_silos_on_127_0_0_2_and_127_0_0_3_form_one_cluster_and_a_two_worker_run_spans_both()
    {
        var cluster = $"addresses-{Guid.NewGuid():N}";
        var a = await StartAsync(cluster, SiloProcess.Endpoints.Fresh("127.0.0.2"));
        var b = await StartAsync(cluster, SiloProcess.Endpoints.Fresh("127.0.0.3"));

        // Submitted through the silo that joined last, which knew the first one when it joined.
        var runId = (await b.Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = TrainingData.SpecYaml(steps: 20, workers: 2), SpecDirectory = _data.Directory })).RunId;
        var final = await JobEvents.UntilAsync(a.Jobs, runId, _ => false, RunTimeout);
        var report = await a.Client.GetRunAsync(new GetRunRequest { RunId = runId });

        Assert.True(final.Report.Status == "completed", $"run {runId} ended {final.Report.Status}: {final.Report.Reason}");
        Assert.Equal(20, report.Steps);
        Assert.Equal(new[] { a.Ports.SiloEndpoint, b.Ports.SiloEndpoint }.Order(), report.WorkerSilos.Order());
        Assert.Contains(report.CoordinatorSilo, new[] { a.Ports.SiloEndpoint, b.Ports.SiloEndpoint });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        _data.Dispose();
    }

    private async Task<SiloProcess> StartAsync(string cluster, SiloProcess.Endpoints endpoints)
    {
        var silo = await SiloProcess.StartAsync(azurite.Server.ConnectionString, cluster, endpoints, _data.Directory);
        _silos.Add(silo);
        return silo;
    }
}
