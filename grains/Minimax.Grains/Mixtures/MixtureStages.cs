using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Mixtures;

/// <summary>The run ids and run specs of a mixture job's stages (ALGORITHMS.md §2c).</summary>
public static class MixtureStages
{
    public const string Reference = "reference";
    public const string Proxy = "proxy";
    public const string Main = "main";
    public const string Baseline = "baseline";

    /// <summary>Deterministic, so a resumed pipeline finds the runs it already started.</summary>
    public static string RunId(string jobId, string stage, int round) => $"{jobId}-r{round}-{stage}";

    /// <summary>Stage 1: the reference model, trained with ERM on the reference weights.</summary>
    public static RunSpec ReferenceRun(MixtureSpec job, int round, DomainWeightsSpec referenceWeights) =>
        Stage(job, $"{job.Name} round {round} reference", referenceWeights, new ObjectiveSpec());

    /// <summary>Stage 2: the proxy, trained with the DoReMi rule against the round's reference model.</summary>
    public static RunSpec ProxyRun(MixtureSpec job, int round, string referenceRunId) =>
        Stage(job, $"{job.Name} round {round} proxy", DomainWeightsSpec.Uniform, new ObjectiveSpec
        {
            Kind = ObjectiveKind.DoReMi,
            StepSize = job.DoReMi.StepSize,
            Smoothing = job.DoReMi.Smoothing,
        }) with { Reference = new ReferenceModelSpec { Run = referenceRunId }, Memory = job.Memory };

    /// <summary>Stage 3: main (new weights) or baseline (reference weights), the same steps and seed.</summary>
    public static RunSpec ComparisonRun(MixtureSpec job, string stage, DomainWeightsSpec weights) =>
        Stage(job, $"{job.Name} {stage}", weights, new ObjectiveSpec());

    /// <summary>Named weights in domain order, for the next stage's mixture.</summary>
    public static DomainWeightsSpec Named(IReadOnlyList<string> domains, IReadOnlyList<double> weights) =>
        DomainWeightsSpec.Explicit(domains.Select((domain, d) => (domain, weight: weights[d])).ToDictionary(p => p.domain, p => p.weight, StringComparer.Ordinal));

    private static RunSpec Stage(MixtureSpec job, string name, DomainWeightsSpec mixture, ObjectiveSpec objective) => new()
    {
        Name = name,
        Seed = job.Seed,
        Data = job.Data with { Mixture = mixture },
        Model = job.Model,
        Objective = objective,
        Training = job.Training,
        Memory = job.Memory?.WithoutReference(),
    };
}
