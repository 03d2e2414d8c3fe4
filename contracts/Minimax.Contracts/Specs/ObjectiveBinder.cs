using Minimax.Contracts.Specs.Objectives;

namespace Minimax.Contracts.Specs;

/// <summary>Binds a run spec's objective section through the registered <see cref="ObjectiveSections"/>.</summary>
internal static class ObjectiveBinder
{
    private static readonly string[] GeneralFields = ["kind", "balanced_sampling"];

    private static readonly string[] KnownFields =
        [.. GeneralFields, .. ObjectiveSections.Usable.SelectMany(section => section.Fields).Distinct(StringComparer.Ordinal)];

    public static ObjectiveSpec Bind(SpecNode node)
    {
        var fields = node.Fields(KnownFields);
        var spec = new ObjectiveSpec();
        foreach (var section in ObjectiveSections.Usable)
        {
            spec = section.Bind(fields, spec);
        }

        spec = spec with { Kind = fields.TryGetValue("kind", out var kind) ? kind.Enum<ObjectiveKind>() : spec.Kind };
        spec = spec with
        {
            BalancedSampling = fields.TryGetValue("balanced_sampling", out var balanced) ? balanced.Bool() : BalancedSamplingDefault(spec.Kind),
        };
        var chosen = ObjectiveSections.For(spec.Kind);
        if (chosen.RunSpecRefusal is { } refusal)
        {
            throw new SpecException("objective.kind", refusal);
        }

        chosen.Check(fields, spec);
        return spec;
    }

    /// <summary>
    /// group_dro draws group-balanced batches unless told otherwise: every command of the reference README runs it
    /// with --reweight_groups, and under plain shuffling a small group is often absent from a batch (loss 0, weight falls).
    /// </summary>
    public static bool BalancedSamplingDefault(ObjectiveKind kind) => kind == ObjectiveKind.GroupDro;
}
