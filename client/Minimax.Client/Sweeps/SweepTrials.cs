using Minimax.Contracts.Api;

namespace Minimax.Client.Sweeps;

/// <summary>A sweep's trials in report order, each with its configuration, and how many the sweep has in all.</summary>
internal static class SweepTrials
{
    public static List<(SweepConfiguration Configuration, SweepTrial Trial)> All(SweepReport report) =>
        [.. report.Configurations.SelectMany(c => c.Trials.Select(t => (c, t)))];

    /// <summary>The sweep's count of trials, or those listed when a partial report has no count.</summary>
    public static int Total(SweepReport report) => Math.Max(report.Trials, report.Configurations.Sum(c => c.Trials.Count));

    /// <summary>"kind=group_dro weight_decay=1 seed=0": the configuration's values and the trial's own.</summary>
    public static string Label(SweepConfiguration configuration, SweepTrial trial) =>
        SweepValues.Short([.. configuration.Values, .. trial.Values]);
}
