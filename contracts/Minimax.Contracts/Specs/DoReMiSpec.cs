namespace Minimax.Contracts.Specs;

/// <summary>The doremi section of a mixture spec (docs/run-spec.md).</summary>
[GenerateSerializer, Immutable, Alias("minimax.DoReMiSpec")]
public sealed record DoReMiSpec
{
    /// <summary>The mixture the first round's reference model trains on.</summary>
    [Id(0)] public DomainWeightsSpec ReferenceWeights { get; init; } = DomainWeightsSpec.Uniform;
    /// <summary>eta, the exponentiated-gradient step size.</summary>
    [Id(1)] public double StepSize { get; init; } = 1.0;
    /// <summary>c: alpha = (1 - c) alpha' + c/k (the paper's 1e-3, not the reference repo's 1e-4 default).</summary>
    [Id(2)] public double Smoothing { get; init; } = 1e-3;
    /// <summary>Iterated DoReMi: each round's averaged weights become the next round's reference weights.</summary>
    [Id(3)] public int Rounds { get; init; } = 1;
    /// <summary>Also train a main model on the new weights and a baseline on the reference weights, and compare them.</summary>
    [Id(4)] public bool Main { get; init; } = true;
}
