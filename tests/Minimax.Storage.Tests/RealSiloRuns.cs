using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.Storage.Tests;

/// <summary>Following a run on a cluster of real silo processes that lose or drain a silo, and comparing it with an uninterrupted one.</summary>
public static class RealSiloRuns
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    // Resume checks every 2 s instead of every minute, and a killed silo declared dead within seconds.
    public static readonly (string Key, string Value)[] FastRecovery =
    [
        ("Reminders:MinimumPeriod", "00:00:02"),
        ("Runs:ResumeCheckPeriod", "00:00:02"),
        ("Cluster:Membership:ProbeTimeout", "00:00:01"),
        ("Cluster:Membership:NumMissedProbesLimit", "2"),
        ("Cluster:Membership:NumVotesForDeathDeclaration", "1"),
        ("Cluster:Membership:TableRefreshTimeout", "00:00:02"),
        ("Cluster:Membership:IAmAliveTablePublishTimeout", "00:00:02"),
    ];

    /// <summary>Waits on the watch stream until the run has taken <paramref name="step"/> steps.</summary>
    public static async Task<RunReport> UntilStepAsync(Runs.RunsClient client, string runId, int step)
    {
        using var deadline = new CancellationTokenSource(RunTimeout);
        using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: deadline.Token);
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (item.EventCase == WatchRunEvent.EventOneofCase.Progress && item.Progress.Step >= step)
            {
                return await client.GetRunAsync(new GetRunRequest { RunId = runId });
            }
            Assert.NotEqual(WatchRunEvent.EventOneofCase.Report, item.EventCase);
        }
        throw new InvalidOperationException($"the watch of {runId} ended before step {step}");
    }

    /// <summary>
    /// Follows the run to its final report. A watch served through a silo that loses the run's grain
    /// breaks with UNAVAILABLE/INTERNAL while the cluster heals; it is then opened again.
    /// </summary>
    public static async Task<RunReport> RunToEndAsync(Runs.RunsClient client, string runId)
    {
        using var deadline = new CancellationTokenSource(RunTimeout);
        while (true)
        {
            try
            {
                using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: deadline.Token);
                await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
                {
                    if (item.EventCase == WatchRunEvent.EventOneofCase.Report)
                    {
                        return item.Report;
                    }
                }
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
                && !deadline.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"run {runId} sent no final report within {RunTimeout}");
            }
        }
    }

    public static void AssertSameResult(RunReport expected, RunReport actual)
    {
        Assert.True(actual.Status == "completed", $"run {actual.RunId} ended {actual.Status}: {actual.Reason}");
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.BestStep, actual.BestStep);
        Assert.Equal(expected.GroupWeights.Count, actual.GroupWeights.Count);
        for (var g = 0; g < expected.GroupWeights.Count; g++)
        {
            Assert.Equal(expected.GroupWeights[g], actual.GroupWeights[g], 1e-6);
        }
        foreach (var (want, got) in new[] { (expected.Val, actual.Val), (expected.Test, actual.Test) })
        {
            Assert.Equal(want.Groups.Select(g => (g.Group, g.Count, g.Accuracy)), got.Groups.Select(g => (g.Group, g.Count, g.Accuracy)));
            for (var g = 0; g < want.Groups.Count; g++)
            {
                Assert.Equal(want.Groups[g].Loss, got.Groups[g].Loss, 1e-6);
            }
        }
    }
}
