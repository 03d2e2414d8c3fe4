using Microsoft.Extensions.DependencyInjection;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Runs;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>
/// An in-process cluster whose `runs` storage is Orleans' fault-injecting memory storage
/// (AddFaultInjectionMemoryStorage), with <see cref="StorageFaultPlan"/> to arm faults on chosen calls.
/// </summary>
public sealed class FaultyClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public StorageFaultPlan Faults { get; } = new();

    public LocalCheckpointStore Checkpoints { get; } = new(Directory.CreateTempSubdirectory("minimax-checkpoints-").FullName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMinimaxGrains();
            // Orleans' binary state format, as the silo configures it (JSON cannot read every spec back).
            silo.AddFaultInjectionMemoryStorage(
                "runs",
                storage => storage.Configure<Serializer>((memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)),
                faults => faults.Configure(options => options.Latency = TimeSpan.Zero));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ICheckpointStore>(Checkpoints);
            silo.Services.AddSingleton(TestData.Roots(Checkpoints.Root));
            silo.Services.AddSingleton(Faults);
            silo.AddIncomingGrainCallFilter<StorageFaultFilter>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The run's row as stored, read past the grain.</summary>
    public async Task<RunState> StoredRunAsync(string runId)
    {
        var services = Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services;
        var row = new GrainState<RunState>();
        await services.GetRequiredKeyedService<IGrainStorage>("runs").ReadStateAsync("run", Grains.GetGrain<Contracts.Grains.IRunGrain>(runId).GetGrainId(), row);
        return row.State ?? new RunState();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
