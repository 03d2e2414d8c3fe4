using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;

namespace Minimax.Silo.Services;

/// <summary>Maps grain records onto the minimax.v1 messages.</summary>
public static class ReportMapper
{
    public static RunReport ToReport(RunSnapshot snapshot)
    {
        var languageModel = IsLanguageModel(snapshot);
        var report = new RunReport
        {
            RunId = snapshot.RunId,
            Name = snapshot.Spec?.Name ?? "",
            Status = snapshot.Status.ToWire(),
            Reason = snapshot.Reason ?? "",
            WallSeconds = snapshot.WallSeconds,
            Objective = snapshot.Spec is { } spec ? SpecNames.Of(spec.Objective.Kind) : "",
            Workers = snapshot.Spec?.Training.Workers ?? 0,
            Seed = snapshot.Spec?.Seed ?? 0,
            Recoveries = snapshot.Recoveries,
            CoordinatorSilo = snapshot.CoordinatorSilo ?? "",
            Steps = snapshot.LastProgress?.Step ?? 0,
            TotalSteps = snapshot.LastProgress?.TotalSteps ?? 0,
            MemoryEstimateBytes = snapshot.Spec?.Memory?.PeakBytes ?? 0,
        };
        report.TrainGroupCounts.AddRange(snapshot.TrainGroupCounts.Select(count => (int)count));
        report.WorkerSilos.AddRange(snapshot.WorkerSilos ?? []);
        report.Warnings.AddRange(snapshot.Warnings ?? []);
        if (snapshot.LastProgress is { } progress)
        {
            report.GroupWeights.AddRange(progress.GroupWeights);
            if (progress.Val is { } val)
            {
                report.Val = ToMetrics(val, languageModel);
            }
        }
        if (snapshot.Result is { } result)
        {
            report.Steps = result.Steps;
            report.BestStep = result.BestStep;
            report.MedianStepSeconds = result.MedianStepSeconds;
            report.MedianExchangeSeconds = result.MedianExchangeSeconds;
            report.GradientBytesPerStep = result.GradientBytesPerStep;
            report.IntraOpThreads = result.IntraOpThreads;
            report.MedianCoordinatorSeconds = result.MedianCoordinatorSeconds;
            report.GroupWeights.Clear();
            report.GroupWeights.AddRange(result.GroupWeights);
            report.Val = result.Val is null ? null : ToMetrics(result.Val, languageModel);
            report.Test = result.Test is null ? null : ToMetrics(result.Test, languageModel);
            report.GroupNames.AddRange(result.GroupNames ?? []);
        }
        return report;
    }

    public static bool IsLanguageModel(RunSnapshot snapshot) => snapshot.Spec?.Data.IsText == true;

    public static RunProgress ToProgress(ProgressRecord progress, JobStatus status, bool languageModel)
    {
        var message = new RunProgress
        {
            Step = progress.Step,
            TotalSteps = progress.TotalSteps,
            Epoch = progress.Epoch,
            TrainLoss = progress.TrainLoss,
            Status = status.ToWire(),
            StepSeconds = progress.StepSeconds,
            Val = progress.Val is null ? null : ToMetrics(progress.Val, languageModel),
        };
        message.GroupTrainLoss.AddRange(progress.GroupTrainLoss);
        message.GroupWeights.AddRange(progress.GroupWeights);
        message.Warnings.AddRange(progress.Warnings ?? []);
        return message;
    }

    /// <summary>The split's metrics; for a language model also per-domain perplexity, its geometric and arithmetic averages and the worst domain.</summary>
    public static SplitMetrics ToMetrics(SplitMetricsRecord record, bool languageModel)
    {
        var metrics = new SplitMetrics
        {
            Step = record.Step,
            AverageAccuracy = record.AverageAccuracy,
            MacroAccuracy = record.MacroAccuracy,
            TrainWeightedAccuracy = record.TrainWeightedAccuracy,
            WorstGroupAccuracy = record.WorstGroupAccuracy,
            WorstGroup = record.WorstGroup,
            AverageLoss = record.AverageLoss,
        };
        metrics.Groups.AddRange(record.Groups.Select(group => new GroupMetrics
        {
            Group = group.Group,
            Count = (int)group.Count,
            Accuracy = group.Accuracy,
            Loss = group.Loss,
            Perplexity = languageModel ? Math.Exp(group.Loss) : 0,
        }));
        if (languageModel && record.Groups.Count > 0)
        {
            var perplexity = MixtureResults.Perplexity(record, record.Groups.Max(group => group.Group) + 1);
            metrics.AveragePerplexity = perplexity.Average;
            metrics.ArithmeticAveragePerplexity = perplexity.ArithmeticAverage;
            metrics.WorstPerplexity = perplexity.Worst;
            metrics.WorstPerplexityGroup = perplexity.WorstDomain;
        }
        return metrics;
    }
}
