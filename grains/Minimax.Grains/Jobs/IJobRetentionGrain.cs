using Orleans.Concurrency;

namespace Minimax.Grains.Jobs;

/// <summary>Deletes one tenant's finished jobs once they are older than Jobs:Retention (<see cref="JobRetentionGrain"/>). Key: the tenant.</summary>
[Alias("minimax.IJobRetentionGrain")]
public interface IJobRetentionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the tenant's durable retention reminder unless it is registered already. Sent by the tenant's
    /// registry when it activates; one-way, so the registry never waits on a sweep that is waiting on it.
    /// </summary>
    [Alias("Start"), OneWay] Task StartAsync();
}
