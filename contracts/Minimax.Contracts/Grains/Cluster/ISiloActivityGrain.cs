namespace Minimax.Contracts.Grains.Cluster;

/// <summary>
/// What only a silo itself knows: the jobs its grains run and the step rate of the runs it coordinates. Key: the
/// silo's address (<c>SiloAddress.ToParsableString()</c>); the activation is placed on that silo and nowhere else.
/// </summary>
[Alias("minimax.ISiloActivityGrain")]
public interface ISiloActivityGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<SiloActivity> GetAsync();
}
