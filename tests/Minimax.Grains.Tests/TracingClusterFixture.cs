using Minimax.Grains.Jobs;
using Orleans.Configuration;

namespace Minimax.Grains.Tests;

/// <summary>An in-process cluster whose jobs' resume reminders tick every second, so a job resumes within the test.</summary>
public sealed class TracingClusterFixture : ClusterFixture
{
    protected override void Configure(ISiloBuilder silo)
    {
        silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<JobRecoveryOptions>(recovery => recovery.ResumeCheckPeriod = TimeSpan.FromSeconds(1));
    }
}

[CollectionDefinition(Name)]
public sealed class TracingClusterCollection : ICollectionFixture<TracingClusterFixture>
{
    public const string Name = "tracing-cluster";
}
