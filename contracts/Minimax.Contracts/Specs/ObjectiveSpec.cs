namespace Minimax.Contracts.Specs;

/// <summary>
/// The objective section of a run spec: its kind and the fields of every kind (each kind's spec section in
/// Specs/Objectives reads its own); a run uses its kind's fields and ignores the others.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.ObjectiveSpec")]
public sealed record ObjectiveSpec
{
    [Id(0)] public ObjectiveKind Kind { get; init; } = ObjectiveKind.Erm;
    /// <summary>Step size of the exponentiated-gradient weight update: Group DRO's eta_q, DoReMi's eta.</summary>
    [Id(1)] public double StepSize { get; init; } = 0.01;
    /// <summary>C, one value for every group or one per group (added as C_g / sqrt(n_g)).</summary>
    [Id(2)] public IReadOnlyList<double> GeneralizationAdjustment { get; init; } = [0.0];
    [Id(3)] public bool NormalizeLoss { get; init; }
    /// <summary>
    /// Draw batches with probability proportional to 1/n_g (reference --reweight_groups). The spec reader defaults it
    /// to true for group_dro and false for the other kinds; a record built in code starts false.
    /// </summary>
    [Id(4)] public bool BalancedSampling { get; init; }
    /// <summary>
    /// DoReMi smoothing c: alpha = (1 - c) alpha' + c/k. doremi is only ever a mixture job's proxy stage, so the
    /// mixture sets it from <see cref="DoReMiSpec.Smoothing"/>.
    /// </summary>
    [Id(5)] public double Smoothing { get; init; } = 1e-3;
    // Id 6 was the DoReMi reference run, now RunSpec.Reference; never reuse it.
    /// <summary>Group DRO's greedy variant (reference loss.py btl): weights from the loss EMA instead of q.</summary>
    [Id(7)] public bool Btl { get; init; }
    /// <summary>btl: the fraction of the training set the greedy weights cover (reference --alpha).</summary>
    [Id(8)] public double Alpha { get; init; } = 0.2;
    /// <summary>btl: the rate of the EMA of group losses, E_g = (1 - gamma) E_g + gamma L_g (reference --gamma).</summary>
    [Id(9)] public double Gamma { get; init; } = 0.1;
}

public enum ObjectiveKind { Erm, Reweighted, GroupDro, DoReMi }
