using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Cluster;
using Minimax.Grains.Cluster;

namespace Minimax.Grains.Drain;

/// <summary>
/// The graceful drain of a stopping silo (SIGTERM), run first in the silo's shutdown, while it is still an active
/// member: every silo is told it drains, so no new grain comes here; every run with a coordinator or a worker here
/// checkpoints after its step in progress and moves (<see cref="ICoordinatorGrain.DrainAsync"/>); a run whose coordinator
/// was here is resumed elsewhere from that checkpoint. Only then, or after Silo:DrainTimeoutSeconds, does Orleans go
/// on to deactivate the silo's grains and leave the cluster.
/// </summary>
public sealed class SiloDrain(
    IGrainFactory grains,
    ILocalSiloDetails local,
    IClusterMembershipService membership,
    DrainingSilos draining,
    LocalTraining training,
    IOptions<DrainOptions> options,
    ILogger<SiloDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken stopping)
    {
        var timeout = options.Value.Timeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        draining.Add(local.SiloAddress);
        await TellEverySiloAsync();
        var coordinated = training.CoordinatedRuns;
        var runs = training.Runs;
        logger.LogInformation("Draining: {Runs} runs train here ({Coordinated} coordinated here); each checkpoints after its step in progress and moves", runs.Count, coordinated.Count);
        await Task.WhenAll(runs.Select(run => BestEffortAsync(grains.GetGrain<ICoordinatorGrain>(run).DrainAsync(), run, "drain request")));
        var moved = await training.WhenEmptyAsync(timeout);
        if (draining.SpareHostFor(SiloRole.Control))
        {
            // Their coordinators stopped after checkpointing; placement now picks a silo that is not draining.
            await Task.WhenAll(coordinated.Select(run => BestEffortAsync(grains.GetGrain<IRunGrain>(run).ResumeAsync(), run, "resume")));
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (moved)
        {
            logger.LogInformation("Drained: {Runs} runs moved in {Seconds:F2} s; the silo leaves the cluster", runs.Count, seconds);
        }
        else
        {
            logger.LogWarning("Drain timed out after {Seconds} s (Silo:DrainTimeoutSeconds) with {Runs} runs still here; they resume from their last checkpoints", timeout.TotalSeconds, training.Runs.Count);
        }
    }

    private Task TellEverySiloAsync() =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(local.SiloAddress))
            .Select(member => BestEffortAsync(
                grains.GetGrain<IDrainNoticeGrain>(member.SiloAddress.ToParsableString()).SiloDrainingAsync(local.SiloAddress).WaitAsync(NoticeTimeout),
                member.SiloAddress.ToString(), "drain notice")));

    // A silo or run that cannot be told is handled as after a crash: membership and the resume reminder.
    private async Task BestEffortAsync(Task call, string subject, string what)
    {
        try
        {
            await call;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Draining: {What} for {Subject} failed", what, subject);
        }
    }
}
