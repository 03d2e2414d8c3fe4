using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Mixture reports as the cluster would send them.</summary>
internal static class MixtureReports
{
    public static readonly string[] Domains = ["arithmetic", "markov", "noise", "prose", "repeat"];

    public static MixtureReport Completed()
    {
        var report = new MixtureReport
        {
            JobId = "mix-7",
            Name = "synth-doremi",
            Status = "completed",
            Domains = { Domains },
            DomainWeights = { Weights(0.25, 0.25, 0.125, 0.25, 0.125) },
            ReferenceWeights = { Weights(0.2, 0.2, 0.2, 0.2, 0.2) },
            Main = Perplexity([4.0, 3.0, 90.0, 2.0, 1.0]),
            Baseline = Perplexity([5.0, 3.5, 92.0, 2.5, 1.0]),
            StepsToBaseline = 120,
            Rounds = 2,
            WallSeconds = 42.5,
        };
        for (var step = 0; step <= 200; step += 50)
        {
            var shift = step / 2000.0;
            report.WeightTrajectory.Add(new DomainWeightsAtStep
            {
                Step = step,
                Weights = { Weights(0.2 + shift, 0.2 + shift, 0.2 - shift, 0.2, 0.2 - shift) },
            });
        }

        foreach (var round in new[] { 1, 2 })
        {
            report.Stages.Add(Stage("reference", round, $"run-r{round}", "completed", 200));
            report.Stages.Add(Stage("proxy", round, $"run-p{round}", "completed", 200));
            report.RoundWeights.Add(new RoundWeights
            {
                Round = round,
                ReferenceWeights = { Weights(0.2, 0.2, 0.2, 0.2, 0.2) },
                DomainWeights = { Weights(0.25, 0.25, 0.125, 0.25, 0.125) },
            });
        }

        report.Stages.Add(Stage("main", 2, "run-m", "completed", 400));
        report.Stages.Add(Stage("baseline", 2, "run-b", "completed", 400));
        return report;
    }

    /// <summary>A job in its first proxy stage: no models evaluated, no steps to baseline.</summary>
    public static MixtureReport Running()
    {
        var report = new MixtureReport
        {
            JobId = "mix-8",
            Name = "synth-doremi",
            Status = "running",
            Domains = { Domains },
            ReferenceWeights = { Weights(0.2, 0.2, 0.2, 0.2, 0.2) },
            Rounds = 1,
            WallSeconds = 3,
        };
        report.Stages.Add(Stage("reference", 1, "run-r1", "completed", 200));
        report.Stages.Add(Stage("proxy", 1, "run-p1", "running", 200, step: 40));
        return report;
    }

    public static MixtureStage Stage(string stage, int round, string runId, string status, int total, int? step = null) => new()
    {
        Stage = stage,
        Round = round,
        RunId = runId,
        Status = status,
        Step = step ?? (status == "completed" ? total : 0),
        TotalSteps = total,
    };

    private static Dictionary<string, double> Weights(params double[] values) =>
        Domains.Zip(values).ToDictionary(p => p.First, p => p.Second);

    private static PerplexityReport Perplexity(double[] perDomain)
    {
        var report = new PerplexityReport
        {
            PerDomain = { Weights(perDomain) },
            Average = Math.Exp(perDomain.Average(Math.Log)),
            ArithmeticAverage = perDomain.Average(),
            Worst = perDomain.Max(),
        };
        report.WorstDomain = Domains[Array.IndexOf(perDomain, report.Worst)];
        return report;
    }
}
