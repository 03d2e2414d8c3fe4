namespace Minimax.Contracts.Specs;

/// <summary>
/// A validated <c>kind: sweep</c> job spec (docs/run-spec.md, "Sweeps"): every combination of the grid's
/// values as one run spec, grouped into configurations (the values of the fields not in
/// <see cref="Over"/>) whose trials differ only in the <see cref="Over"/> fields (the seed).
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepSpec")]
public sealed record SweepSpec
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>The grid's dotted run-spec fields, in spec order.</summary>
    [Id(1)] public required IReadOnlyList<string> Keys { get; init; }
    /// <summary>The grid fields a configuration is averaged over (select.over).</summary>
    [Id(2)] public required IReadOnlyList<string> Over { get; init; }
    [Id(3)] public SweepMetric Metric { get; init; } = SweepMetric.ValWorstGroupAccuracy;
    /// <summary>Trials that train at once.</summary>
    [Id(4)] public int Parallel { get; init; } = 1;
    [Id(5)] public required IReadOnlyList<SweepConfigurationSpec> Configurations { get; init; }
    /// <summary>Asynchronous successive halving of the trials (Ray Tune's ASHA); null trains every trial to its end.</summary>
    [Id(6)] public SweepEarlyStop? EarlyStop { get; init; }

    public int TrialCount => Configurations.Sum(configuration => configuration.Trials.Count);
}

/// <summary>One configuration: its grid values (without the <c>over</c> fields) and its trials.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepConfigurationSpec")]
public sealed record SweepConfigurationSpec(
    [property: Id(0)] IReadOnlyList<SweepValueSpec> Values,
    [property: Id(1)] IReadOnlyList<SweepTrialSpec> Trials);

/// <summary>One trial: its <c>over</c> values and the complete run spec it trains.</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepTrialSpec")]
public sealed record SweepTrialSpec(
    [property: Id(0)] IReadOnlyList<SweepValueSpec> Values,
    [property: Id(1)] RunSpec Run);

/// <summary>A grid value as written: a number, a string, a boolean, or a list or mapping (as JSON).</summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepValueSpec")]
public sealed record SweepValueSpec(
    [property: Id(0)] string Path,
    [property: Id(1)] SweepValueKind Kind,
    [property: Id(2)] string Text)
{
    /// <summary>"training.optimizer.lr=0.1", for names and messages.</summary>
    public override string ToString() => $"{Path}={Text}";
}

/// <summary>
/// Rungs at <see cref="GraceSteps"/> times powers of <see cref="Reduction"/>: a trial whose metric at a rung
/// is worse than the (1 - 1/reduction) quantile of the trials recorded there before it is stopped.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.SweepEarlyStop")]
public sealed record SweepEarlyStop(
    [property: Id(0)] int GraceSteps,
    [property: Id(1)] int Reduction);

public enum SweepValueKind { Number, Text, Flag, Json }

/// <summary>What selects the best configuration: its mean over its completed trials (higher accuracy, lower loss).</summary>
public enum SweepMetric { ValWorstGroupAccuracy, ValAverageAccuracy, ValAverageLoss }
