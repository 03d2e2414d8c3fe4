using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Telemetry;
using Orleans.Core.Internal;

namespace Minimax.Grains.Tests;

/// <summary>A job's trace outlives its activation: the row keeps the job span's context, and resumed work continues it.</summary>
[Collection(TracingClusterCollection.Name)]
public sealed class JobTraceResumeTests(TracingClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_run_resumed_by_a_new_activation_continues_its_trace_under_the_stored_job_span()
    {
        using var spans = new SpanRecorder();
        var runId = $"traced-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 100_000), "tracing");
        var job = await spans.StartedAsync(span => IsOf(span, "job", runId), $"job of {runId}", Timeout);
        await RunWatcher.UntilAsync(run, (_, progress) => progress.Count > 0, Timeout, "a first step of the long run");
        var traceId = (await run.GetInfoAsync()).TraceId;

        await run.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await spans.StoppedAsync(span => span == job, $"job of {runId} ended by the deactivation", Timeout);
        // The next resume check, on a new activation, finds the run unfinished and continues its trace.
        var resumed = await spans.StartedAsync(span => IsOf(span, "job.resume", runId), $"job.resume of {runId}", Timeout);
        await run.CancelAsync();
        await spans.StoppedAsync(span => span == resumed, $"job.resume of {runId} ended by the cancel", Timeout);

        Assert.Equal(job.TraceId.ToHexString(), traceId);
        Assert.Equal("deactivated", job.GetTagItem("minimax.job.outcome"));
        Assert.Equal((job.TraceId, job.SpanId), (resumed.TraceId, resumed.ParentSpanId));
        Assert.Equal(["tracing", "train"], new[] { resumed.GetTagItem(MinimaxTracing.TenantTag), resumed.GetTagItem(MinimaxTracing.JobKindTag) });
        Assert.Equal("cancelled", resumed.GetTagItem("minimax.job.outcome"));
        Assert.Equal(traceId, (await run.GetInfoAsync()).TraceId);
    }

    private static bool IsOf(Activity span, string name, string jobId) =>
        span.OperationName == name && Equals(span.GetTagItem(MinimaxTracing.JobIdTag), jobId);
}
