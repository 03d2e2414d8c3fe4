using Microsoft.Extensions.DependencyInjection;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Jobs;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Minimax.Grains.Tests;

/// <summary>
/// An in-process cluster with a short Jobs:Retention, checked every second. Its own cluster, so that the other
/// grain tests' finished jobs are not deleted under them.
/// </summary>
public sealed class RetentionClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public LocalCheckpointStore Checkpoints { get; } = new(Directory.CreateTempSubdirectory("minimax-checkpoints-").FullName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMinimaxGrains();
            silo.AddMemoryGrainStorage("runs");
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<JobRegistryOptions>(jobs =>
            {
                jobs.Retention = Retention;
                jobs.RetentionCheckPeriod = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<ICheckpointStore>(Checkpoints);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RetentionClusterCollection : ICollectionFixture<RetentionClusterFixture>
{
    public const string Name = "retention-cluster";
}
