using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Sweeps;

/// <summary>The trials of a sweep in spec order, with their deterministic run ids.</summary>
public static class SweepTrials
{
    /// <summary>Deterministic, so a sweep resumed after a silo loss finds the trials it started.</summary>
    public static string RunId(string jobId, int configuration, int trial) => $"{jobId}-c{configuration}-t{trial}";

    public static IEnumerable<(int Configuration, int Trial, SweepTrialSpec Spec)> All(SweepSpec spec) =>
        spec.Configurations.SelectMany((configuration, c) => configuration.Trials.Select((trial, t) => (c, t, trial)));

    /// <summary>Every trial's record: the recorded one, else a pending one.</summary>
    public static IReadOnlyList<SweepTrialRecord> Records(string jobId, SweepSpec spec, IReadOnlyList<SweepTrialRecord> recorded)
    {
        var byRun = recorded.ToDictionary(record => record.RunId, StringComparer.Ordinal);
        return [.. All(spec).Select(trial =>
        {
            var runId = RunId(jobId, trial.Configuration, trial.Trial);
            return byRun.GetValueOrDefault(runId) ?? new SweepTrialRecord(trial.Configuration, trial.Trial, runId, JobStatus.Pending, 0, trial.Spec.Run.Training.Steps ?? 0);
        })];
    }
}
