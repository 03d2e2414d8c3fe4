namespace Minimax.Contracts.Specs.Objectives;

/// <summary>
/// <c>group_dro</c>: online Group DRO (Sagawa et al. 2020; ALGORITHMS.md 1c) and the reference code's
/// greedy <c>btl</c> variant, with the reference run_expt.py defaults.
/// </summary>
internal static class GroupDroSection
{
    public static ObjectiveSection Section { get; } = new(ObjectiveKind.GroupDro, "group_dro")
    {
        Fields = ["step_size", "generalization_adjustment", "normalize_loss", "btl", "alpha", "gamma"],
        Bind = Bind,
        Check = Check,
    };

    private static ObjectiveSpec Bind(IReadOnlyDictionary<string, SpecNode> fields, ObjectiveSpec spec) => spec with
    {
        StepSize = fields.TryGetValue("step_size", out var stepSize) ? stepSize.Double(0) : spec.StepSize,
        GeneralizationAdjustment = fields.TryGetValue("generalization_adjustment", out var adjustment)
            ? Adjustment(adjustment)
            : spec.GeneralizationAdjustment,
        NormalizeLoss = fields.TryGetValue("normalize_loss", out var normalize) ? normalize.Bool() : spec.NormalizeLoss,
        Btl = fields.TryGetValue("btl", out var btl) ? btl.Bool() : spec.Btl,
        Alpha = fields.TryGetValue("alpha", out var alpha) ? alpha.Double(0, minExclusive: true, max: 1) : spec.Alpha,
        Gamma = fields.TryGetValue("gamma", out var gamma) ? gamma.Double(0, minExclusive: true, max: 1) : spec.Gamma,
    };

    private static IReadOnlyList<double> Adjustment(SpecNode node)
    {
        var values = node.Items(allowScalar: true).Select(c => c.Double(0)).ToList();
        return values.Count > 0 ? values : throw node.Error("must be one number, or a list with one number per group");
    }

    private static void Check(IReadOnlyDictionary<string, SpecNode> fields, ObjectiveSpec spec)
    {
        if (spec.Btl)
        {
            if (spec.NormalizeLoss)
            {
                throw fields["normalize_loss"].Error("the greedy btl variant does not normalise losses; leave it false with btl: true");
            }

            return;
        }

        // The reference loss.py keeps the loss EMA for every objective but reads it only in btl.
        foreach (var btlOnly in (string[])["alpha", "gamma"])
        {
            if (fields.TryGetValue(btlOnly, out var node))
            {
                throw node.Error("is used only by the greedy variant: set objective.btl: true, or leave it out");
            }
        }
    }
}
