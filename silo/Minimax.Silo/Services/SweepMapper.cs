using System.Globalization;
using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Sweeps;
using Api = Minimax.Contracts.Api;

namespace Minimax.Silo.Services;

/// <summary>Maps a sweep's snapshot onto the minimax.v1 SweepReport: every configuration of the grid with its trials and aggregates.</summary>
public static class SweepMapper
{
    public static SweepReport ToReport(SweepSnapshot snapshot)
    {
        var report = new SweepReport
        {
            JobId = snapshot.JobId,
            Name = snapshot.Spec?.Name ?? "",
            Status = snapshot.Status.ToWire(),
            Reason = snapshot.Reason ?? "",
            WallSeconds = snapshot.WallSeconds,
        };
        if (snapshot.Spec is not { } spec)
        {
            return report;
        }
        report.Keys.AddRange(spec.Keys);
        report.Over.AddRange(spec.Over);
        report.SelectMetric = SpecNames.Of(spec.Metric);
        report.Parallel = spec.Parallel;
        report.Trials = spec.TrialCount;
        report.TrialsCompleted = snapshot.Trials.Count(trial => trial.Status == JobStatus.Completed);
        report.TrialsFailed = snapshot.Trials.Count(trial => trial.Status == JobStatus.Failed);
        report.TrialsStopped = snapshot.Trials.Count(trial => trial.Stopped);
        foreach (var row in SweepTable.Build(snapshot.JobId, spec, snapshot.Trials))
        {
            var configuration = new SweepConfiguration
            {
                ValWorstGroupAccuracy = Wire(row.Aggregates.ValWorstGroupAccuracy),
                ValAverageAccuracy = Wire(row.Aggregates.ValAverageAccuracy),
                TestAverageAccuracy = Wire(row.Aggregates.TestAverageAccuracy),
                TestTrainWeightedAccuracy = Wire(row.Aggregates.TestTrainWeightedAccuracy),
                TestWorstGroupAccuracy = Wire(row.Aggregates.TestWorstGroupAccuracy),
                ValAverageLoss = Wire(row.Aggregates.ValAverageLoss),
                Selected = row.Selected,
            };
            configuration.Values.AddRange(row.Configuration.Values.Select(Wire));
            configuration.Trials.AddRange(row.Trials.Select(trial => Wire(trial, row.Configuration.Trials[trial.Trial])));
            report.Configurations.Add(configuration);
            if (row.Selected)
            {
                report.Selected.AddRange(row.Configuration.Values.Select(Wire));
            }
        }
        return report;
    }

    private static SweepTrial Wire(SweepTrialRecord trial, SweepTrialSpec spec)
    {
        var wire = new SweepTrial
        {
            RunId = trial.RunId,
            Status = trial.Stopped ? "stopped" : trial.Status.ToWire(),
            Step = trial.Step,
            TotalSteps = trial.TotalSteps,
            Reason = trial.Reason ?? "",
        };
        wire.Values.AddRange(spec.Values.Select(Wire));
        if (trial.Metrics is { } metrics)
        {
            wire.Metrics = new Api.SweepTrialMetrics
            {
                ValWorstGroupAccuracy = metrics.ValWorstGroupAccuracy,
                ValAverageAccuracy = metrics.ValAverageAccuracy,
                TestAverageAccuracy = metrics.TestAverageAccuracy,
                TestTrainWeightedAccuracy = metrics.TestTrainWeightedAccuracy,
                TestWorstGroupAccuracy = metrics.TestWorstGroupAccuracy,
                ValAverageLoss = metrics.ValAverageLoss,
            };
        }
        return wire;
    }

    private static SweepValue Wire(SweepValueSpec value)
    {
        var wire = new SweepValue { Path = value.Path };
        switch (value.Kind)
        {
            case SweepValueKind.Number:
                wire.Number = double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            case SweepValueKind.Flag:
                wire.Flag = value.Text == "true";
                break;
            case SweepValueKind.Json:
                wire.Json = value.Text;
                break;
            default:
                wire.Text = value.Text;
                break;
        }
        return wire;
    }

    private static Api.MeanSd? Wire(Grains.Sweeps.MeanSd? value) =>
        value is null ? null : new Api.MeanSd { Mean = value.Mean, Sd = value.Sd, N = value.N };
}
