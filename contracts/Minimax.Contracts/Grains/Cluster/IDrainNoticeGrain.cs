namespace Minimax.Contracts.Grains.Cluster;

/// <summary>
/// Tells one silo that another is draining (shutting down gracefully), so that silo places no new grain there. Key: the
/// told silo's address (<c>SiloAddress.ToParsableString()</c>); the activation lives on that silo and nowhere else.
/// </summary>
[Alias("minimax.IDrainNoticeGrain")]
public interface IDrainNoticeGrain : IGrainWithStringKey
{
    [Alias("SiloDraining")] Task SiloDrainingAsync(SiloAddress silo);
}
