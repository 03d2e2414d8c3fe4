using System.Diagnostics.Metrics;

namespace Minimax.Grains.Telemetry;

/// <summary>
/// The "Minimax" meter and its instruments (docs/operations.md lists them). Counters and histograms carry no
/// job tag, so they add no series per job; per-job values are observable gauges over <see cref="LiveJobs"/> and
/// <see cref="LiveRuns"/>, which a job leaves when it ends, so its series disappear with it.
/// </summary>
public static class MinimaxMetrics
{
    public const string MeterName = "Minimax";

    /// <summary>The default of Telemetry:MaxGroupsPerJob.</summary>
    public const int DefaultMaxGroupsPerJob = 64;

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> JobsCompleted = Meter.CreateCounter<long>(
        "minimax.jobs.completed", "{job}", "Jobs that reached a terminal status, by kind and outcome.");

    public static readonly Counter<long> RunSteps = Meter.CreateCounter<long>(
        "minimax.run.steps", "{step}", "Training steps taken by the runs this silo coordinates.");

    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "minimax.run.step.duration", "s", "Time of one phase of a training step, by phase.");

    public static readonly Counter<long> GradientBytes = Meter.CreateCounter<long>(
        "minimax.gradient.bytes", "By", "Bytes the workers sent in gradient exchanges.");

    public static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram<double>(
        "minimax.checkpoint.duration", "s", "Time to write one training checkpoint, recorded pointer included.");

    public static readonly Counter<long> CheckpointBytes = Meter.CreateCounter<long>(
        "minimax.checkpoint.bytes", "By", "Bytes the coordinator wrote to checkpoints and final models (its state, selected and final parameters; not the replica parameters and optimizer state worker 0 streams).");

    private static int _maxGroupsPerJob = DefaultMaxGroupsPerJob;

    static MinimaxMetrics()
    {
        Meter.CreateObservableUpDownCounter("minimax.jobs.active", () => LiveJobs.Count(Minimax.Contracts.Grains.JobStatus.Running),
            "{job}", "Running jobs, by kind and tenant.");
        Meter.CreateObservableUpDownCounter("minimax.jobs.pending", () => LiveJobs.Count(Minimax.Contracts.Grains.JobStatus.Pending),
            "{job}", "Submitted jobs not running yet, by kind and tenant.");
        Meter.CreateObservableGauge("minimax.group.loss", LiveRuns.GroupLosses, null, "Mean training loss of a group in the latest step, by job and group.");
        Meter.CreateObservableGauge("minimax.group.weight", LiveRuns.GroupWeights, null, "Weight of a group in the latest step, by job and group.");
        Meter.CreateObservableGauge("minimax.eval.accuracy", LiveRuns.Accuracies, null, "Accuracy of a group in the latest evaluation, by job, group and split.");
        Meter.CreateObservableGauge("minimax.eval.worst_group_accuracy", LiveRuns.WorstGroupAccuracies, null,
            "Lowest group accuracy in the latest evaluation, by job and split.");
    }

    /// <summary>
    /// Groups exported per job (Telemetry:MaxGroupsPerJob, set once by the silo at startup): the first ones in
    /// group order, so a job with thousands of groups does not flood the time-series database.
    /// </summary>
    public static int MaxGroupsPerJob
    {
        get => Volatile.Read(ref _maxGroupsPerJob);
        set => Volatile.Write(ref _maxGroupsPerJob, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Records one phase of a step; allocation-free (one tag, no array).</summary>
    public static void RecordPhase(string phase, long startTimestamp, long endTimestamp) =>
        StepDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("phase", phase));
}
