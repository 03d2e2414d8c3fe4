using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Jobs;
using Minimax.Grains.Telemetry;
using Orleans.Serialization;
using Minimax.Grains.Cluster;
using Minimax.Grains.Placement;
using Minimax.Grains.Drain;

namespace Minimax.Grains.Training;

/// <summary>
/// Drives a run's two-phase step (ARCHITECTURE.md) through a <see cref="TrainingSession"/>, and
/// recovers: when a worker or its silo is lost it starts a new generation of workers from the last
/// checkpoint, and when a silo it or a worker is on drains, checkpoints and moves (<see cref="SiloDrain"/>). The loop
/// runs as a background task on this activation, so Cancel and Drain interleave between awaits.
/// </summary>
[SiloRolePlacement(SiloRole.ControlName)]
public sealed class CoordinatorGrain(
    ICheckpointStore checkpoints,
    Serializer serializer,
    ILocalSiloDetails silo,
    IOptions<StepTracingOptions> tracing,
    LocalTraining localTraining,
    DrainingSilos draining,
    ILogger<CoordinatorGrain> logger)
    : Grain, ICoordinatorGrain
{
    // Consecutive recoveries without a single step of progress before the run is declared failed; the
    // back-off between them (1, 2, 4, ... s) lets membership declare a dead silo dead, so new workers
    // are not placed on it again.
    private const int MaxRecoveriesWithoutProgress = 8;
    private Task? _loop;
    private string? _cancelReason;
    private bool _deactivated;
    private volatile bool _drainRequested;
    // Stopped by a drain: the activation goes, and the run continues on another silo.
    private bool _drained;
    private TrainingSession? _session;

    public Task EnsureRunningAsync(RunSpec spec, string tenant, string? checkpoint)
    {
        if (_loop is null)
        {
            // Keep the activation while the loop runs; it receives no calls of its own meanwhile.
            DelayDeactivation(TimeSpan.FromDays(30));
            localTraining.CoordinatorStarted(this.GetPrimaryKeyString());
            // The caller's context (the job's span, through Orleans' activity propagation) parents the run's spans.
            _loop = RunAsync(spec, tenant, checkpoint, Activity.Current?.Context ?? default);
        }
        return Task.CompletedTask;
    }

    public Task<bool> CancelAsync()
    {
        _cancelReason ??= "cancelled by request";
        return Task.FromResult(_loop is not null);
    }

    public Task<FlatTensor?> GetParametersAsync() => Task.FromResult(_session?.LastParameters);

    public Task DrainAsync()
    {
        _drainRequested = true;
        if (_loop is null)
        {
            // Nothing to checkpoint: the idle activation leaves the draining silo now.
            DeactivateOnIdle();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The runtime can take an activation away (for example when the grain directory lost its
        // entry with a dead silo). The loop then stops without touching the run, and the run's resume
        // reminder continues it from the last checkpoint on a new activation.
        _deactivated = true;
        localTraining.CoordinatorEnded(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task RunAsync(RunSpec spec, string tenant, string? checkpoint, ActivityContext trace)
    {
        // Only sampled steps and the run's evaluations and checkpoints join the trace (MinimaxTracing); the loop's
        // other grain calls, thousands of them, must not.
        Activity.Current = null;
        var runId = this.GetPrimaryKeyString();
        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        var failures = 0;
        var moving = false;
        try
        {
            while (true)
            {
                var session = _session = new TrainingSession(runId, spec, tenant, GrainFactory, checkpoints, serializer, () => _cancelReason, () => _deactivated, logger,
                    trace, tracing.Value.StepTraceEvery, () => _drainRequested);
                try
                {
                    if (failures > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << (failures - 1))));
                    }
                    if (failures > 0 || moving)
                    {
                        checkpoint = await run.GetCheckpointAsync();
                    }
                    var generation = await RunStateCalls.RetryAsync(run.NextGenerationAsync, logger, runId, "worker generation");
                    await session.InitializeAsync(generation, checkpoint, silo.SiloAddress.Endpoint.ToString());
                    logger.LogInformation("Run {RunId}: worker generation {Generation} trains from step {Step}", runId, generation, session.Step);
                    await session.TrainAsync();
                    return;
                }
                catch (RunDrainingException drained) when (_cancelReason is null && !_deactivated)
                {
                    _drainRequested = false;
                    if (draining.LocalIsDraining || !draining.SpareHostFor(SiloRole.Worker))
                    {
                        // The run continues where a coordinator or its workers can stay: resumed by the draining silo, or by the reminder.
                        logger.LogInformation("Run {RunId}: checkpointed at step {Step} for a drain; it continues on another silo", runId, drained.Step);
                        _drained = true;
                        return;
                    }
                    logger.LogInformation("Run {RunId}: checkpointed at step {Step} for a drain; new workers continue from it", runId, drained.Step);
                    (failures, moving) = (0, true);
                }
                catch (Exception exception) when (RecoverableFailure.Is(exception) && _cancelReason is null && !_deactivated)
                {
                    failures = session.StepsTaken > 0 ? 1 : failures + 1;
                    if (failures > MaxRecoveriesWithoutProgress)
                    {
                        throw;
                    }
                    logger.LogWarning(exception, "Run {RunId}: lost a worker or a silo; resuming from the last checkpoint (attempt {Attempt})",
                        runId, failures);
                }
                finally
                {
                    await session.ReleaseAsync();
                }
            }
        }
        catch (Exception exception) when (_deactivated)
        {
            logger.LogWarning(exception, "Run {RunId}: coordinator activation ended; the resume reminder continues the run", runId);
        }
        catch (Exception exception) when (RunStateCalls.IsTransientWriteFailure(exception))
        {
            // Storage trouble is no reason to fail a run: it stays unfinished and its resume reminder
            // continues it from the last recorded checkpoint (the same result, by replay).
            logger.LogWarning(exception, "Run {RunId}: its state could not be written; the resume reminder continues the run", runId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Run {RunId} failed", runId);
            try
            {
                await RunStateCalls.RetryAsync(() => run.FailAsync(FailureReason.Describe(exception)), logger, runId, "failure");
            }
            catch (Exception failure) when (RunStateCalls.IsTransientWriteFailure(failure))
            {
                logger.LogWarning(failure, "Run {RunId}: failure not persisted; the resume reminder tries the run again", runId);
            }
        }
        finally
        {
            _loop = null;
            LiveRuns.Remove(runId);
            // Back to normal idle collection; the last parameters stay readable until then.
            DelayDeactivation(TimeSpan.Zero);
            if (_drained)
            {
                DeactivateOnIdle();
            }
        }
    }
}
