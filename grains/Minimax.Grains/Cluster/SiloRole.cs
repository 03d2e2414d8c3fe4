namespace Minimax.Grains.Cluster;

/// <summary>
/// The part a silo plays (Silo:Role): <see cref="All"/> hosts everything; <see cref="Control"/> the job grains and
/// coordinators (and the API its process serves); <see cref="Worker"/> the training and evaluation workers. Each silo
/// publishes its role in Orleans' silo metadata, which <see cref="Placement.SiloRolePlacementDirector"/> reads.
/// </summary>
public sealed record SiloRole(string Name)
{
    /// <summary>The silo metadata key the role is published under.</summary>
    public const string MetadataKey = "minimax.role";

    /// <summary>The names, for the grain classes' <see cref="Placement.SiloRolePlacementAttribute"/>.</summary>
    public const string ControlName = "control";

    public const string WorkerName = "worker";

    public static readonly SiloRole All = new("all");

    public static readonly SiloRole Control = new(ControlName);

    public static readonly SiloRole Worker = new(WorkerName);

    public static IReadOnlyList<SiloRole> Known { get; } = [All, Control, Worker];

    /// <summary>all, control or worker (case-insensitive); null for anything else.</summary>
    public static SiloRole? Parse(string text) =>
        Known.FirstOrDefault(role => string.Equals(role.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a silo of this role hosts grains meant for <paramref name="needed"/> (control or worker).</summary>
    public bool Hosts(SiloRole needed) => this == All || this == needed;
}
