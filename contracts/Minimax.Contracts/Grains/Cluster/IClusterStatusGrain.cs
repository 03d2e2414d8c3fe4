namespace Minimax.Contracts.Grains.Cluster;

/// <summary>The cluster's silos, each with its membership entry and its own figures. Key: 0 (a stateless worker).</summary>
[Alias("minimax.IClusterStatusGrain")]
public interface IClusterStatusGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<ClusterSnapshot> GetAsync();
}
