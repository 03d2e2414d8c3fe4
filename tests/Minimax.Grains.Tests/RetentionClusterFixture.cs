using Minimax.Grains.Jobs;
using Orleans.Configuration;

namespace Minimax.Grains.Tests;

/// <summary>
/// An in-process cluster with a short Jobs:Retention, checked every second. Its own cluster, so that the other
/// grain tests' finished jobs are not deleted under them.
/// </summary>
public sealed class RetentionClusterFixture : ClusterFixture
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(3);

    protected override void Configure(ISiloBuilder silo)
    {
        silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<JobRegistryOptions>(jobs =>
        {
            jobs.Retention = Retention;
            jobs.RetentionCheckPeriod = TimeSpan.FromSeconds(1);
        });
    }
}

[CollectionDefinition(Name)]
public sealed class RetentionClusterCollection : ICollectionFixture<RetentionClusterFixture>
{
    public const string Name = "retention-cluster";
}
