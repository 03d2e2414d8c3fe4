using System.Globalization;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Sweeps;

/// <summary>
/// A sweep's progress: one bar for the trials ended of all, and one per trial that has started, keyed by
/// its run id. A trial that ended is a full bar, so that its bar ends with it. Redirected, a trial
/// writes a line when it starts and when it ends, and the overall bar one when a trial ends.
/// </summary>
public static class SweepProgress
{
    public const string OverallKey = "sweep";

    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal) { "completed", "failed", "cancelled", "stopped" };

    public static IReadOnlyList<ProgressItem> Items(SweepReport report)
    {
        var trials = SweepTrials.All(report);
        var total = SweepTrials.Total(report);
        var ended = trials.Count(t => IsEnded(t.Trial));
        var running = trials.Count(t => t.Trial.Status == "running");
        var failed = trials.Count(t => t.Trial.Status == "failed");
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"trials {ended}/{total}{(failed > 0 ? $" ({failed} failed)" : "")}{(running > 0 ? $", {running} running" : "")}");
        List<ProgressItem> items = [new(OverallKey, text, ended, total, $"{report.Status}/{ended}")];
        foreach (var (index, (configuration, trial)) in trials.Index())
        {
            if (trial.Status == "pending" || trial.Status.Length == 0)
            {
                continue;
            }

            var done = IsEnded(trial);
            items.Add(new ProgressItem(
                trial.RunId.Length > 0 ? trial.RunId : $"trial {index}",
                Describe(configuration, trial),
                done ? Math.Max(1, trial.TotalSteps) : trial.Step,
                trial.TotalSteps,
                trial.Status));
        }

        return items;
    }

    /// <summary>One trial, for example "lr=0.01 weight_decay=1 seed=0  step 40/200", or "... completed" once it ended.</summary>
    public static string Describe(SweepConfiguration configuration, SweepTrial trial)
    {
        var state = trial.Status == "running" ? $"step {trial.Step}/{trial.TotalSteps}" : $"{trial.Status} at step {trial.Step}/{trial.TotalSteps}";
        return string.Create(CultureInfo.InvariantCulture, $"{SweepTrials.Label(configuration, trial)}  {state}");
    }

    public static bool IsEnded(SweepTrial trial) => Ended.Contains(trial.Status);
}
