namespace Minimax.Contracts.Specs;

/// <summary>Every other model is compared with <see cref="Base"/>, over all examples and per group (ALGORITHMS.md 6c).</summary>
[GenerateSerializer, Immutable, Alias("minimax.ComparisonSpec")]
public sealed record ComparisonSpec
{
    /// <summary>The name of one of the evaluation's models.</summary>
    [Id(0)] public required string Base { get; init; }
    [Id(1)] public SignificanceTest Test { get; init; } = SignificanceTest.McNemar;
    [Id(2)] public MultipleTestingCorrection Correction { get; init; } = MultipleTestingCorrection.Holm;
    /// <summary>Significance level, in (0, 0.5].</summary>
    [Id(3)] public double Alpha { get; init; } = 0.05;
}

/// <summary>McNemar's paired test (exact below 25 discordant pairs, else chi-squared), or non-overlapping Wilson intervals.</summary>
public enum SignificanceTest { McNemar, Wilson }

public enum MultipleTestingCorrection { Holm, BenjaminiHochberg, None }
