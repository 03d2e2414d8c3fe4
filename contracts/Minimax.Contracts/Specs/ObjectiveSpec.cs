namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.ObjectiveSpec")]
public sealed record ObjectiveSpec
{
    [Id(0)] public ObjectiveKind Kind { get; init; } = ObjectiveKind.Erm;
    /// <summary>Group DRO step size eta_q.</summary>
    [Id(1)] public double StepSize { get; init; } = 0.01;
    /// <summary>C, one value for every group or one per group (added as C_g / sqrt(n_g)).</summary>
    [Id(2)] public IReadOnlyList<double> GeneralizationAdjustment { get; init; } = [0.0];
    [Id(3)] public bool NormalizeLoss { get; init; }
    /// <summary>Draw batches with probability proportional to 1/n_g (reference --reweight_groups).</summary>
    [Id(4)] public bool BalancedSampling { get; init; }
    /// <summary>DoReMi smoothing c: alpha = (1 - c) alpha' + c/k. Set by the mixture grain for a proxy stage, never by a run spec.</summary>
    [Id(5)] public double Smoothing { get; init; } = 1e-3;
    /// <summary>DoReMi: the run whose final model is the frozen reference (same model spec). Set by the mixture grain, never by a run spec.</summary>
    [Id(6)] public string? ReferenceRun { get; init; }
}

public enum ObjectiveKind { Erm, Reweighted, GroupDro, DoReMi }
