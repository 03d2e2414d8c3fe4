namespace Minimax.Client.Jobs;

/// <summary>
/// One bar of a job's progress. <paramref name="Key"/> identifies the bar across events; with output
/// redirected a line is written only when <paramref name="Milestone"/> changes, so logs stay short.
/// </summary>
public sealed record ProgressItem(string Key, string Text, double Value, double Max, string Milestone)
{
    /// <summary>The common fields of any kind's progress, for an event without the kind's detail.</summary>
    public static ProgressItem Generic(Minimax.Contracts.Api.JobProgress progress) => new(
        "job",
        $"{progress.Status} step {progress.Step}/{progress.TotalSteps}",
        progress.Step,
        progress.TotalSteps,
        $"{progress.Status}/{Tenth(progress.Step, progress.TotalSteps)}");

    /// <summary>Which tenth of <paramref name="total"/> <paramref name="done"/> is in: 0 to 10.</summary>
    public static int Tenth(int done, int total) => total > 0 ? 10 * done / total : 0;
}
