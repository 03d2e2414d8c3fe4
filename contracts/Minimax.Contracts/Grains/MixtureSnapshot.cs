using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>Everything GetMixture answers. <see cref="Version"/> grows with every change, for watchers.</summary>
[GenerateSerializer, Immutable, Alias("minimax.MixtureSnapshot")]
public sealed record MixtureSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] MixtureSpec? Spec,
    [property: Id(2)] string Tenant,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] string? Reason,
    [property: Id(5)] int Version,
    [property: Id(6)] IReadOnlyList<string> Domains,
    [property: Id(7)] IReadOnlyList<MixtureStageRecord> Stages,
    [property: Id(8)] IReadOnlyList<MixtureRoundRecord> Rounds,
    [property: Id(9)] MixtureComparison? Comparison,
    [property: Id(10)] double WallSeconds) : JobDetail;

/// <summary>One stage run: reference, proxy, main or baseline of a round.</summary>
[GenerateSerializer, Immutable, Alias("minimax.MixtureStageRecord")]
public sealed record MixtureStageRecord(
    [property: Id(0)] string Stage,
    [property: Id(1)] int Round,
    [property: Id(2)] string RunId,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] int Step,
    [property: Id(5)] int TotalSteps);

/// <summary>A finished DoReMi round: the reference weights it started from and the averaged proxy weights.</summary>
[GenerateSerializer, Immutable, Alias("minimax.MixtureRoundRecord")]
public sealed record MixtureRoundRecord(
    [property: Id(0)] int Round,
    [property: Id(1)] IReadOnlyList<double> ReferenceWeights,
    [property: Id(2)] IReadOnlyList<double> DomainWeights,
    [property: Id(3)] IReadOnlyList<WeightsAtStep> Trajectory);

[GenerateSerializer, Immutable, Alias("minimax.WeightsAtStep")]
public sealed record WeightsAtStep(
    [property: Id(0)] int Step,
    [property: Id(1)] IReadOnlyList<double> Weights);

/// <summary>
/// Held-out perplexity of one model per domain (domain order), with the worst and two averages over domains:
/// <see cref="Average"/> the geometric mean exp(mean_d log ppl_d) (the reference DoReMi's mean log-perplexity),
/// <see cref="ArithmeticAverage"/> the plain mean.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.PerplexityRecord")]
public sealed record PerplexityRecord(
    [property: Id(0)] IReadOnlyList<double> PerDomain,
    [property: Id(1)] double Average,
    [property: Id(2)] double Worst,
    [property: Id(3)] int WorstDomain,
    [property: Id(4)] double ArithmeticAverage = 0);

[GenerateSerializer, Immutable, Alias("minimax.PerplexityAtStep")]
public sealed record PerplexityAtStep(
    [property: Id(0)] int Step,
    [property: Id(1)] double Average);

/// <summary>Stage 3: the main model (new weights) against the baseline (reference weights), same steps.</summary>
[GenerateSerializer, Immutable, Alias("minimax.MixtureComparison")]
public sealed record MixtureComparison(
    [property: Id(0)] PerplexityRecord Main,
    [property: Id(1)] PerplexityRecord Baseline,
    [property: Id(2)] int? StepsToBaseline,
    [property: Id(3)] IReadOnlyList<PerplexityAtStep> MainCurve,
    [property: Id(4)] IReadOnlyList<PerplexityAtStep> BaselineCurve);
