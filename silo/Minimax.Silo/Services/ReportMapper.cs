using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;

namespace Minimax.Silo.Services;

/// <summary>Maps grain records onto the minimax.v1 messages.</summary>
public static class ReportMapper
{
    public static RunReport ToReport(RunSnapshot snapshot)
    {
        var report = new RunReport
        {
            RunId = snapshot.RunId,
            Name = snapshot.Spec?.Name ?? "",
            Status = snapshot.Status.ToWire(),
            Reason = snapshot.Reason ?? "",
            WallSeconds = snapshot.WallSeconds,
            Objective = snapshot.Spec is { } spec ? Wire(spec.Objective.Kind.ToString()) : "",
            Workers = snapshot.Spec?.Training.Workers ?? 0,
            Seed = snapshot.Spec?.Seed ?? 0,
            Recoveries = snapshot.Recoveries,
            CoordinatorSilo = snapshot.CoordinatorSilo ?? "",
            Steps = snapshot.LastProgress?.Step ?? 0,
            TotalSteps = snapshot.LastProgress?.TotalSteps ?? 0,
        };
        report.TrainGroupCounts.AddRange(snapshot.TrainGroupCounts.Select(count => (int)count));
        report.WorkerSilos.AddRange(snapshot.WorkerSilos ?? []);
        if (snapshot.LastProgress is { } progress)
        {
            report.GroupWeights.AddRange(progress.GroupWeights);
            if (progress.Val is { } val)
            {
                report.Val = ToMetrics(val);
            }
        }
        if (snapshot.Result is { } result)
        {
            report.Steps = result.Steps;
            report.BestStep = result.BestStep;
            report.MedianStepSeconds = result.MedianStepSeconds;
            report.GroupWeights.Clear();
            report.GroupWeights.AddRange(result.GroupWeights);
            report.Val = result.Val is null ? null : ToMetrics(result.Val);
            report.Test = result.Test is null ? null : ToMetrics(result.Test);
        }
        return report;
    }

    public static RunProgress ToProgress(ProgressRecord progress, RunStatus status)
    {
        var message = new RunProgress
        {
            Step = progress.Step,
            TotalSteps = progress.TotalSteps,
            Epoch = progress.Epoch,
            TrainLoss = progress.TrainLoss,
            Status = status.ToWire(),
            StepSeconds = progress.StepSeconds,
            Val = progress.Val is null ? null : ToMetrics(progress.Val),
        };
        message.GroupTrainLoss.AddRange(progress.GroupTrainLoss);
        message.GroupWeights.AddRange(progress.GroupWeights);
        return message;
    }

    public static SplitMetrics ToMetrics(SplitMetricsRecord record)
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
        }));
        return metrics;
    }

    // GroupDro -> group_dro
    private static string Wire(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
