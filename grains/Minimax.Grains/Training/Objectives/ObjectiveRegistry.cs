using Minimax.Contracts.Specs;

namespace Minimax.Grains.Training.Objectives;

/// <summary>The registered objectives, one entry each; the training loop finds a run's objective here by kind.</summary>
public static class ObjectiveRegistry
{
    public static IReadOnlyList<IObjective> All { get; } =
        [new ErmObjective(), new ReweightedObjective(), new GroupDroObjective(), new DoReMiObjective()];

    public static IObjective For(ObjectiveKind kind) =>
        All.FirstOrDefault(objective => objective.Kind == kind)
        ?? throw new ArgumentException($"objective.kind: {SpecNames.Of(kind)} has no registered weight rule");
}
