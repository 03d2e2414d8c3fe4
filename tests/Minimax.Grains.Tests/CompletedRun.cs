using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>Trains a run to completion on the test cluster and returns what a comparison needs.</summary>
public static class CompletedRun
{
    public static async Task<(RunResult Result, List<ProgressRecord> Progress, float[] Parameters)> TrainAsync(
        IGrainFactory grains, string runId, RunSpec spec, TimeSpan timeout)
    {
        var run = grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, timeout);
        Assert.True(snapshot.Status == JobStatus.Completed, $"run {runId} ended {snapshot.Status}: {snapshot.Reason}");
        var parameters = await grains.GetGrain<ICoordinatorGrain>(runId).GetParametersAsync();
        return (Assert.IsType<RunResult>(snapshot.Result), progress, parameters!.Span.ToArray());
    }
}
