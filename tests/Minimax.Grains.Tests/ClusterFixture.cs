using Microsoft.Extensions.DependencyInjection;
using Minimax.Engine.Data;
using Minimax.Grains.Checkpoints;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>One in-process Orleans cluster shared by the grain tests, with the `runs` storage provider.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's cache of parsed data, for tests that count parses.</summary>
    public ParsedDataCache ParsedData { get; } = new();

    public LocalCheckpointStore Checkpoints { get; } = new(Directory.CreateTempSubdirectory("minimax-checkpoints-").FullName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMinimaxGrains();
            silo.AddMemoryGrainStorage("runs");
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ICheckpointStore>(Checkpoints);
            silo.Services.AddSingleton(TestData.Roots(Checkpoints.Root));
            silo.Services.AddSingleton(ParsedData);
            Configure(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>What a cluster of its own for some tests sets besides.</summary>
    protected virtual void Configure(ISiloBuilder silo)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
