using Google.Protobuf.Collections;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;

namespace Minimax.Silo.Services;

/// <summary>Maps a mixture job's snapshot onto the minimax.v1 MixtureReport, naming every weight by its domain.</summary>
public static class MixtureMapper
{
    public static MixtureReport ToReport(MixtureSnapshot snapshot)
    {
        var domains = snapshot.Domains;
        var report = new MixtureReport
        {
            JobId = snapshot.JobId,
            Name = snapshot.Spec?.Name ?? "",
            Status = snapshot.Status.ToWire(),
            Reason = snapshot.Reason ?? "",
            Rounds = snapshot.Spec?.DoReMi.Rounds ?? 0,
            WallSeconds = snapshot.WallSeconds,
            MemoryEstimateBytes = snapshot.Spec?.Memory?.PeakBytes ?? 0,
        };
        report.Domains.AddRange(domains);
        report.Stages.AddRange(snapshot.Stages.Select(stage => new MixtureStage
        {
            Stage = stage.Stage,
            Round = stage.Round,
            RunId = stage.RunId,
            Status = stage.Status.ToWire(),
            Step = stage.Step,
            TotalSteps = stage.TotalSteps,
        }));
        foreach (var round in snapshot.Rounds)
        {
            var weights = new RoundWeights { Round = round.Round };
            Fill(weights.ReferenceWeights, domains, round.ReferenceWeights);
            Fill(weights.DomainWeights, domains, round.DomainWeights);
            report.RoundWeights.Add(weights);
        }
        if (snapshot.Rounds.Count > 0)
        {
            Fill(report.ReferenceWeights, domains, snapshot.Rounds[0].ReferenceWeights);
            var last = snapshot.Rounds[^1];
            Fill(report.DomainWeights, domains, last.DomainWeights);
            foreach (var point in last.Trajectory)
            {
                var step = new DomainWeightsAtStep { Step = point.Step };
                Fill(step.Weights, domains, point.Weights);
                report.WeightTrajectory.Add(step);
            }
        }
        if (snapshot.Comparison is { } comparison)
        {
            report.Main = Perplexity(comparison.Main, domains);
            report.Baseline = Perplexity(comparison.Baseline, domains);
            if (comparison.StepsToBaseline is { } steps)
            {
                report.StepsToBaseline = steps;
            }
            report.MainCurve.AddRange(comparison.MainCurve.Select(point => new Contracts.Api.PerplexityAtStep { Step = point.Step, Average = point.Average }));
            report.BaselineCurve.AddRange(comparison.BaselineCurve.Select(point => new Contracts.Api.PerplexityAtStep { Step = point.Step, Average = point.Average }));
        }
        return report;
    }

    private static PerplexityReport Perplexity(PerplexityRecord record, IReadOnlyList<string> domains)
    {
        var report = new PerplexityReport
        {
            Average = record.Average,
            ArithmeticAverage = record.ArithmeticAverage,
            Worst = record.Worst,
            WorstDomain = record.WorstDomain < domains.Count ? domains[record.WorstDomain] : "",
        };
        Fill(report.PerDomain, domains, record.PerDomain);
        return report;
    }

    private static void Fill(MapField<string, double> map, IReadOnlyList<string> domains, IReadOnlyList<double> values)
    {
        for (var d = 0; d < Math.Min(domains.Count, values.Count); d++)
        {
            map[domains[d]] = values[d];
        }
    }
}
