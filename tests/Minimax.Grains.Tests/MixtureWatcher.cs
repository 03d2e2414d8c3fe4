using Minimax.Contracts.Grains;

namespace Minimax.Grains.Tests;

/// <summary>Follows a mixture job through its pushed watch events: waits on changes, never sleeps.</summary>
public static class MixtureWatcher
{
    public static Task<MixtureSnapshot> UntilAsync(IMixtureGrain job, Func<MixtureSnapshot, bool> done, TimeSpan timeout, string awaited) =>
        JobDetailWatcher.UntilAsync(job, job.GetSnapshotAsync, done, timeout, awaited);
}
