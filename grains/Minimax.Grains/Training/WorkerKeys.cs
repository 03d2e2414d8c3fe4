namespace Minimax.Grains.Training;

/// <summary>
/// Worker grain keys: "{runId}/g{generation}/{shard}". A new generation of workers (after a failure) gets new
/// grains, so nothing of a lost generation's steps, gradient slices included, reaches the next one.
/// </summary>
public static class WorkerKeys
{
    public static string For(string runId, int generation, int shard) => $"{runId}/g{generation}/{shard}";

    /// <summary>The run a worker key belongs to.</summary>
    public static string RunOf(string workerKey) => workerKey[..workerKey.LastIndexOf('/', workerKey.LastIndexOf('/') - 1)];

    /// <summary>The key of shard <paramref name="shard"/> of the same run and generation as <paramref name="workerKey"/>.</summary>
    public static string Peer(string workerKey, int shard) => $"{workerKey[..workerKey.LastIndexOf('/')]}/{shard}";
}
