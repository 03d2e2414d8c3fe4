using Minimax.Contracts.Grains;

namespace Minimax.Grains.Training.Exchange;

/// <summary>The other workers of a run's generation, reached by grain calls (the slices are Immutable, so within one silo they are not copied).</summary>
internal sealed class WorkerGrainPeers(IGrainFactory grains, string workerKey) : IGradientPeers
{
    public Task ContributeAsync(int owner, GradientSlice slice) => Peer(owner).ReduceSliceAsync(slice);

    public Task ShareSumAsync(int shard, GradientSlice slice) => Peer(shard).GatherSliceAsync(slice);

    private IWorkerGrain Peer(int shard) => grains.GetGrain<IWorkerGrain>(WorkerKeys.Peer(workerKey, shard));
}
