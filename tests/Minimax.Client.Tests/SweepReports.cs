using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Sweep reports as the cluster would send them: issue 11's grid of objective and weight decay over three seeds.</summary>
internal static class SweepReports
{
    public const string Kind = "objective.kind";
    public const string WeightDecay = "training.optimizer.weight_decay";
    public const string Seed = "seed";

    /// <summary>Three configurations of three seeds, all completed; group_dro with weight decay 1 selected.</summary>
    public static SweepReport Completed()
    {
        var report = Report("sweep-7", "completed");
        report.WallSeconds = 95.5;
        report.Configurations.Add(Configuration("erm", 0.0001, 0, [0.61, 0.63, 0.62], [0.97, 0.96, 0.97]));
        report.Configurations.Add(Configuration("group_dro", 0.0001, 3, [0.70, 0.72, 0.74], [0.93, 0.94, 0.95]));
        var selected = Configuration("group_dro", 1.0, 6, [0.84, 0.85, 0.83], [0.86, 0.87, 0.85]);
        selected.Selected = true;
        report.Configurations.Add(selected);
        report.Selected.Add([Text(Kind, "group_dro"), Number(WeightDecay, 1.0)]);
        report.TrialsCompleted = 9;
        return report;
    }

    /// <summary>The first configuration's trials done, the second's running or pending, nothing selected.</summary>
    public static SweepReport Running()
    {
        var report = Report("sweep-8", "running");
        report.WallSeconds = 12;
        report.Trials = 6;
        report.Configurations.Add(Configuration("erm", 0.0001, 0, [0.61, 0.63], [0.97, 0.96]));
        var second = new SweepConfiguration { Values = { Text(Kind, "group_dro"), Number(WeightDecay, 1.0) } };
        second.Trials.Add(Trial("run-s2", 0, "running", step: 40));
        second.Trials.Add(Trial("run-s3", 1, "failed", step: 12, reason: "worker lost"));
        second.Trials.Add(Trial("", 2, "pending", step: 0));
        report.Configurations.Add(second);
        var third = new SweepConfiguration { Values = { Text(Kind, "group_dro"), Number(WeightDecay, 0.0001) } };
        third.Trials.Add(Trial("run-s4", 0, "running", step: 190));
        report.Configurations.Add(third);
        report.TrialsCompleted = 2;
        report.TrialsFailed = 1;
        return report;
    }

    public static SweepValue Number(string path, double value) => new() { Path = path, Number = value };

    public static SweepValue Text(string path, string value) => new() { Path = path, Text = value };

    public static SweepTrial Trial(string runId, int seed, string status, int step, string reason = "") => new()
    {
        RunId = runId,
        Values = { Number(Seed, seed) },
        Status = status,
        Step = step,
        TotalSteps = 200,
        Reason = reason,
    };

    private static SweepReport Report(string jobId, string status) => new()
    {
        JobId = jobId,
        Name = "sagawa-grid",
        Status = status,
        Keys = { Kind, WeightDecay, Seed },
        Over = { Seed },
        SelectMetric = "val_worst_group_accuracy",
        Trials = 9,
        Parallel = 4,
    };

    /// <summary>A configuration with one completed trial per validation worst-group accuracy, run ids from <paramref name="firstRun"/>.</summary>
    private static SweepConfiguration Configuration(string kind, double weightDecay, int firstRun, double[] valWorst, double[] testAverage)
    {
        var configuration = new SweepConfiguration { Values = { Text(Kind, kind), Number(WeightDecay, weightDecay) } };
        foreach (var (seed, worst) in valWorst.Index())
        {
            var trial = Trial($"run-s{firstRun + seed}", seed, "completed", 200);
            trial.Metrics = new SweepTrialMetrics
            {
                ValWorstGroupAccuracy = worst,
                ValAverageAccuracy = worst + 0.1,
                TestAverageAccuracy = testAverage[seed],
                TestTrainWeightedAccuracy = testAverage[seed] + 0.01,
                TestWorstGroupAccuracy = worst - 0.02,
                ValAverageLoss = 0.5,
            };
            configuration.Trials.Add(trial);
        }

        var metrics = configuration.Trials.Select(t => t.Metrics).ToList();
        configuration.ValWorstGroupAccuracy = MeanSd(metrics.Select(m => m.ValWorstGroupAccuracy));
        configuration.ValAverageAccuracy = MeanSd(metrics.Select(m => m.ValAverageAccuracy));
        configuration.TestAverageAccuracy = MeanSd(metrics.Select(m => m.TestAverageAccuracy));
        configuration.TestTrainWeightedAccuracy = MeanSd(metrics.Select(m => m.TestTrainWeightedAccuracy));
        configuration.TestWorstGroupAccuracy = MeanSd(metrics.Select(m => m.TestWorstGroupAccuracy));
        configuration.ValAverageLoss = MeanSd(metrics.Select(m => m.ValAverageLoss));
        return configuration;
    }

    /// <summary>Mean and sample standard deviation (n - 1), as the cluster aggregates.</summary>
    private static MeanSd MeanSd(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        var sd = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new MeanSd { Mean = mean, Sd = sd, N = list.Count };
    }
}
