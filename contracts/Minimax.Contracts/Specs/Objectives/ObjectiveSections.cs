namespace Minimax.Contracts.Specs.Objectives;

/// <summary>The registered objective kinds of the run spec reader, one entry each.</summary>
internal static class ObjectiveSections
{
    public static IReadOnlyList<ObjectiveSection> All { get; } =
    [
        new(ObjectiveKind.Erm, "erm"),
        new(ObjectiveKind.Reweighted, "reweighted"),
        GroupDroSection.Section,
        new(ObjectiveKind.DoReMi, "doremi")
        {
            RunSpecRefusal = "doremi trains the proxy stage of a mixture job; submit a kind: doremi spec",
        },
    ];

    /// <summary>The kinds a plain run spec may name.</summary>
    public static IReadOnlyList<ObjectiveSection> Usable { get; } = All.Where(section => section.RunSpecRefusal is null).ToList();

    public static ObjectiveSection For(ObjectiveKind kind) =>
        All.FirstOrDefault(section => section.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no objective section is registered for this kind");
}
