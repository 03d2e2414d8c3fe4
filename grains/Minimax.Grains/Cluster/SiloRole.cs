namespace Minimax.Grains.Cluster;

/// <summary>
/// The part a silo plays: today every silo is <see cref="All"/>, hosting control grains (jobs, coordinators) and
/// workers alike. This is the one place the role comes from; issue 13 adds control and worker, read from Silo:Role.
/// </summary>
public sealed record SiloRole(string Name)
{
    public static readonly SiloRole All = new("all");
}
