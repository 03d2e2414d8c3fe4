using Google.Protobuf.WellKnownTypes;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains.Cluster;
using GrainKindCount = Minimax.Contracts.Grains.Cluster.JobKindCount;
using WireKindCount = Minimax.Contracts.Api.JobKindCount;

namespace Minimax.Silo.Services;

/// <summary>Maps a <see cref="ClusterSnapshot"/> onto minimax.v1.ClusterStatus, with the cluster's sums.</summary>
public static class ClusterStatusMapper
{
    /// <param name="kinds">Every kind the cluster serves: each silo lists them all, zeros included, so the shape is stable.</param>
    public static ClusterStatus ToStatus(ClusterSnapshot snapshot, IReadOnlyList<string> kinds)
    {
        var status = new ClusterStatus
        {
            ClusterId = snapshot.ClusterId,
            SiloCount = snapshot.Silos.Count(silo => silo.Status == "active"),
            StepsPerSecond = snapshot.Silos.Sum(silo => silo.StepsPerSecond),
            Activations = snapshot.Silos.Sum(silo => silo.Activations),
        };
        status.Jobs.AddRange(Counts(kinds, snapshot.Silos.SelectMany(silo => silo.Jobs)));
        status.Silos.AddRange(snapshot.Silos.Select(silo => ToStatus(silo, kinds)));
        return status;
    }

    private static ClusterSilo ToStatus(SiloSnapshot silo, IReadOnlyList<string> kinds)
    {
        var status = new ClusterSilo
        {
            Address = silo.Address,
            Name = silo.Name,
            Host = silo.Host,
            Status = silo.Status,
            Role = silo.Role,
            StartTime = Timestamp.FromDateTime(DateTime.SpecifyKind(silo.StartTime, DateTimeKind.Utc)),
            Activations = silo.Activations,
            StepsPerSecond = silo.StepsPerSecond,
            Error = silo.Error ?? "",
        };
        status.Jobs.AddRange(Counts(kinds, silo.Jobs));
        return status;
    }

    /// <summary>Summed per kind: the known kinds in table order, then any other kind a silo reported.</summary>
    private static IEnumerable<WireKindCount> Counts(IReadOnlyList<string> kinds, IEnumerable<GrainKindCount> counts)
    {
        var byKind = counts.GroupBy(count => count.Kind).ToDictionary(
            group => group.Key, group => (Active: group.Sum(count => count.Active), Pending: group.Sum(count => count.Pending)));
        return kinds.Concat(byKind.Keys.Except(kinds).Order(StringComparer.Ordinal)).Select(kind =>
        {
            var (active, pending) = byKind.GetValueOrDefault(kind);
            return new WireKindCount { Kind = kind, Active = active, Pending = pending };
        });
    }
}
