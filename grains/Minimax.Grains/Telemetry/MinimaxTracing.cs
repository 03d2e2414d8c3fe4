using System.Diagnostics;

namespace Minimax.Grains.Telemetry;

/// <summary>
/// The "Minimax" activity source and its spans (docs/operations.md, Traces): one <c>job</c> span per job, and in a
/// run sampled <c>step</c> spans with phase children on the coordinator and the workers, <c>evaluate</c> and
/// <c>checkpoint</c>. Without a listener <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns
/// null before anything is allocated, and every method here checks that first, so an untraced step pays a branch.
/// </summary>
public static class MinimaxTracing
{
    public const string SourceName = "Minimax";

    public const string JobIdTag = "minimax.job.id";
    public const string JobKindTag = "minimax.job.kind";
    public const string TenantTag = "minimax.tenant";
    public const string StepTag = "minimax.step";
    public const string PhaseTag = "minimax.phase";
    public const string ShardTag = "minimax.shard";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A job's span, under <paramref name="parent"/> (or the current activity when it is default).</summary>
    public static Activity? StartJob(string name, string jobId, string kind, string tenant, ActivityContext parent = default)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        // Given at creation, so samplers and listeners see which job a span is of when it starts.
        return Source.StartActivity(name, ActivityKind.Internal, parent, [new(JobIdTag, jobId), new(JobKindTag, kind), new(TenantTag, tenant)]);
    }

    /// <summary>Whether step <paramref name="step"/> (1-based) is traced when one in <paramref name="every"/> is (steps 1, every + 1, ...; none for 0).</summary>
    public static bool Samples(int step, int every) => every > 0 && (step - 1) % every == 0;

    /// <summary>A sampled step's span under the run's context; null for the other steps, or when nothing listens.</summary>
    public static Activity? StartStep(ActivityContext run, string jobId, string tenant, int step, int every)
    {
        if (run == default || !Samples(step, every) || !Source.HasListeners())
        {
            return null;
        }
        var activity = Source.StartActivity("step", ActivityKind.Internal, run);
        if (activity is not null)
        {
            activity.SetTag(JobIdTag, jobId).SetTag(JobKindTag, Contracts.Grains.Jobs.JobKinds.Train).SetTag(TenantTag, tenant).SetTag(StepTag, step);
            // Carried to the workers with the trace context, so their phase spans name the step too.
            activity.AddBaggage(StepTag, step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return activity;
    }

    /// <summary>
    /// A span of one phase (forward, weight_update, backward, gradient_exchange, optimizer, evaluate, checkpoint)
    /// under the current activity, only while that one is recorded: calls outside a traced step start no trace.
    /// </summary>
    public static Activity? StartPhase(string phase, string jobId)
    {
        if (Activity.Current is not { Recorded: true } parent)
        {
            return null;
        }
        var activity = Source.StartActivity(phase, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(JobIdTag, jobId).SetTag(PhaseTag, phase);
            if (parent.GetBaggageItem(StepTag) is { } step)
            {
                activity.SetTag(StepTag, int.Parse(step, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return activity;
    }

    /// <summary>
    /// A span of the run's work at <paramref name="step"/> (an evaluation, a checkpoint), sampled step or not: under
    /// the traced step when there is one, else under the run's context.
    /// </summary>
    public static Activity? StartRunWork(string name, ActivityContext run, string jobId, int step)
    {
        if (run == default || !Source.HasListeners())
        {
            return null;
        }
        // A child of the current activity restores it when it stops; one with an explicit parent would clear it.
        var activity = Activity.Current is { Recorded: true }
            ? Source.StartActivity(name, ActivityKind.Internal)
            : Source.StartActivity(name, ActivityKind.Internal, run);
        activity?.SetTag(JobIdTag, jobId).SetTag(JobKindTag, Contracts.Grains.Jobs.JobKinds.Train).SetTag(StepTag, step).SetTag(PhaseTag, name);
        return activity;
    }

    /// <summary>
    /// A phase span of a worker that already ran (its start and end are <see cref="Stopwatch"/> timestamps), under the
    /// current activity while that one is recorded; the current activity stays what it was.
    /// </summary>
    public static void RecordPhase(string phase, string jobId, int shard, long started, long ended)
    {
        if (Activity.Current is not { Recorded: true } parent)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        var utcNow = DateTimeOffset.UtcNow;
        var activity = Source.StartActivity(phase, ActivityKind.Internal, parent.Context, startTime: utcNow - Stopwatch.GetElapsedTime(started, now));
        if (activity is null)
        {
            return;
        }
        activity.SetTag(JobIdTag, jobId).SetTag(PhaseTag, phase).SetTag(ShardTag, shard);
        if (parent.GetBaggageItem(StepTag) is { } step)
        {
            activity.SetTag(StepTag, int.Parse(step, System.Globalization.CultureInfo.InvariantCulture));
        }
        activity.SetEndTime((utcNow - Stopwatch.GetElapsedTime(ended, now)).UtcDateTime);
        activity.Stop();
        Activity.Current = parent;
    }

    /// <summary>Ends <paramref name="span"/> when <paramref name="work"/> ends; the work itself when there is no span (no allocation).</summary>
    public static Task<T> EndWith<T>(Activity? span, Task<T> work) => span is null ? work : Ending(span, work);

    /// <summary>The trace id of a W3C traceparent ("00-trace-span-flags"), or "" when there is none.</summary>
    public static string TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : "";

    /// <summary>The context a stored traceparent names; default when there is none.</summary>
    public static ActivityContext ContextOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    private static async Task<T> Ending<T>(Activity span, Task<T> work)
    {
        try
        {
            return await work;
        }
        catch (Exception exception)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        finally
        {
            span.Dispose();
        }
    }
}
