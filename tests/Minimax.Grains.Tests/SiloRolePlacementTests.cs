using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Cluster;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>
/// Silo:Role on a cluster of its own: the primary silo is a control silo, two more are worker silos. Job grains and
/// coordinators go to the control silo only, workers to the worker silos only (and not to a draining one while another
/// can take them), and a run trains to its end.
/// </summary>
public sealed class SiloRolePlacementTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly LocalCheckpointStore _checkpoints = new(Directory.CreateTempSubdirectory("minimax-roles-").FullName);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 3);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddMinimaxGrains(options.SiloName == "Silo_0" ? SiloRole.Control : SiloRole.Worker);
            silo.AddMemoryGrainStorage("runs");
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ICheckpointStore>(_checkpoints);
            silo.Services.AddSingleton(TestData.Roots(_checkpoints.Root));
            silo.Services.AddSingleton(new ParsedDataCache());
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Control => _cluster.Silos.Single(silo => silo.Name == "Silo_0").SiloAddress.Endpoint.ToString();

    private string[] Workers => _cluster.Silos.Where(silo => silo.Name != "Silo_0").Select(silo => silo.SiloAddress.Endpoint.ToString()).Order().ToArray();

    [Fact]
    public async Task The_coordinator_goes_to_the_control_silo_and_the_workers_to_the_worker_silos()
    {
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 8);
        var run = _cluster.Client.GetGrain<IRunGrain>($"roles-{Guid.NewGuid():N}");

        await run.SubmitAsync(spec, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, Timeout);

        Assert.True(snapshot.Status == JobStatus.Completed, $"{snapshot.Status}: {snapshot.Reason}");
        Assert.Equal(8, progress.Count);
        Assert.Equal(Control, snapshot.CoordinatorSilo);
        Assert.Equal(Workers, snapshot.WorkerSilos!.Order());
        // The job grain too (the filter on the JobGrain base holds for every job kind).
        var runSilo = await _cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(run);
        Assert.Equal(Control, runSilo?.Endpoint.ToString());
    }

    [Fact]
    public async Task Once_a_worker_silo_is_draining_new_workers_go_to_the_other_and_with_every_one_draining_still_somewhere()
    {
        var workerSilos = _cluster.Silos.Where(silo => silo.Name != "Silo_0").OrderBy(silo => silo.SiloAddress.Endpoint.ToString(), StringComparer.Ordinal).ToArray();
        await TellEverySiloAsync(workerSilos[0].SiloAddress);
        var spared = await TrainAsync();
        Assert.All(spared.WorkerSilos!, silo => Assert.Equal(workerSilos[1].SiloAddress.Endpoint.ToString(), silo));

        await TellEverySiloAsync(workerSilos[1].SiloAddress);
        var anywhere = await TrainAsync();
        Assert.Equal(Workers, anywhere.WorkerSilos!.Order());
    }

    private Task TellEverySiloAsync(SiloAddress draining) => Task.WhenAll(_cluster.Silos.Select(silo =>
        _cluster.Client.GetGrain<Minimax.Contracts.Grains.Cluster.IDrainNoticeGrain>(silo.SiloAddress.ToParsableString()).SiloDrainingAsync(draining)));

    private async Task<RunSnapshot> TrainAsync()
    {
        var run = _cluster.Client.GetGrain<IRunGrain>($"drain-{Guid.NewGuid():N}");
        await run.SubmitAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.GroupDro, workers: 2, steps: 4), "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        Assert.True(snapshot.Status == JobStatus.Completed, $"{snapshot.Status}: {snapshot.Reason}");
        return snapshot;
    }

    [Fact]
    public async Task Each_silo_reports_its_own_role()
    {
        var answers = await Task.WhenAll(_cluster.Silos.Select(silo =>
            _cluster.Client.GetGrain<Minimax.Contracts.Grains.Cluster.ISiloActivityGrain>(silo.SiloAddress.ToParsableString()).GetAsync()));

        Assert.Equal(["control", "worker", "worker"], answers.Select(answer => answer.Role).Order(StringComparer.Ordinal));
    }
}
