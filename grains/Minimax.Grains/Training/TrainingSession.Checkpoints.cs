using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Engine.Sampling;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Telemetry;
using Orleans.Serialization;

namespace Minimax.Grains.Training;

/// <summary>A session's checkpoints: written streamed and complete before the run points to them, and read back on resume.</summary>
public sealed partial class TrainingSession
{
    private async Task CheckpointAsync()
    {
        var name = CheckpointNames.ForStep(runId, _step);
        using var span = MinimaxTracing.StartRunWork("checkpoint", trace, runId, _step);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long written = 0;
        // The large parts are streamed first (replicas are identical, so worker 0's is every worker's), the
        // small state last: all of it is complete before the run points to it (the run makes its history
        // durable up to here first).
        if (!await _workers[0].SaveAsync(CheckpointNames.ReplicaOf(name)))
        {
            throw new TrainingDivergedException(_step, "parameters");
        }
        var best = _selection.Best;
        if (best is { Parameters: var bestParameters })
        {
            await checkpoints.WriteAsync(
                CheckpointNames.BestParametersOf(name), stream => stream.WriteAsync(bestParameters.Bytes).AsTask(), CancellationToken.None);
            written += bestParameters.Bytes.Length;
        }
        var samplerState = _sampler.GetState();
        var checkpoint = new TrainingCheckpoint
        {
            Step = _step,
            RuleState = _rule.GetState(),
            Sampler = new SamplerCursor(samplerState.RngState, samplerState.Epoch, samplerState.Position, samplerState.Order),
            BestStep = best?.Step,
            BestVal = best?.Val,
            LatestVal = _latestVal,
            StepSeconds = _stepTimes.Sample,
            StepsTimed = _stepTimes.Count,
            ExchangeSeconds = _exchangeTimes.Sample,
            ExchangesTimed = _exchangeTimes.Count,
            CoordinatorSeconds = _coordinatorTimes.Sample,
            CoordinatorStepsTimed = _coordinatorTimes.Count,
            GradientBytesPerStep = _gradientBytesPerStep,
        };
        var state = serializer.SerializeToArray(checkpoint);
        await checkpoints.WriteAsync(name, state, CancellationToken.None);
        written += state.Length;
        string? previous;
        try
        {
            previous = await _run.RecordCheckpointAsync(name, _step);
            MinimaxMetrics.CheckpointDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            MinimaxMetrics.CheckpointBytes.Add(written);
        }
        catch (Exception exception) when (RunStateCalls.IsWriteFailure(exception))
        {
            // The run still points at its previous checkpoint, which stays complete and current.
            logger.LogWarning(exception, "Run {RunId}: checkpoint {Checkpoint} not recorded; the previous one stays current", runId, name);
            _unrecorded.Add(name);
            return;
        }
        _checkpointedStep = _step;
        if (previous is not null)
        {
            await checkpoints.DeleteAsync(previous, CancellationToken.None);
        }
        foreach (var orphan in _unrecorded)
        {
            await checkpoints.DeleteAsync(orphan, CancellationToken.None);
        }
        _unrecorded.Clear();
    }

    private async Task WriteFinalModelAsync(FlatTensor parameters)
    {
        using var span = MinimaxTracing.StartRunWork("checkpoint", trace, runId, _step);
        span?.SetTag("minimax.checkpoint", "final model");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var bytes = serializer.SerializeToArray(parameters);
        await checkpoints.WriteAsync(CheckpointNames.FinalModel(runId), bytes, CancellationToken.None);
        MinimaxMetrics.CheckpointDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        MinimaxMetrics.CheckpointBytes.Add(bytes.Length);
    }

    private async Task RestoreAsync(string name)
    {
        using var span = MinimaxTracing.StartRunWork("restore", trace, runId, _step);
        var bytes = await checkpoints.ReadAsync(name, CancellationToken.None)
            ?? throw new InvalidOperationException($"checkpoint {name} is missing from the checkpoint store");
        var checkpoint = serializer.Deserialize<TrainingCheckpoint>(bytes)
            ?? throw new InvalidOperationException($"checkpoint {name} is empty");
        await Task.WhenAll(_workers.Select(worker => worker.RestoreAsync(CheckpointNames.ReplicaOf(name))));
        _rule.RestoreState(checkpoint.RuleState);
        var cursor = checkpoint.Sampler;
        _sampler.Restore(new SamplerState(cursor.RngState, cursor.Epoch, cursor.Position, cursor.Order));
        if (checkpoint is { BestStep: { } bestStep, BestVal: { } bestVal })
        {
            var bestParameters = checkpoint.BestParameters
                ?? new FlatTensor(await checkpoints.ReadAsync(CheckpointNames.BestParametersOf(name), CancellationToken.None)
                    ?? throw new InvalidOperationException($"checkpoint {name} is missing its selected parameters"));
            _selection.Keep(bestStep, bestParameters, bestVal);
        }
        _latestVal = checkpoint.LatestVal;
        _stepTimes.Restore(checkpoint.StepSeconds, checkpoint.StepsTimed);
        _exchangeTimes.Restore(checkpoint.ExchangeSeconds, checkpoint.ExchangesTimed);
        _coordinatorTimes.Restore(checkpoint.CoordinatorSeconds, checkpoint.CoordinatorStepsTimed);
        _gradientBytesPerStep = checkpoint.GradientBytesPerStep;
        _step = _checkpointedStep = checkpoint.Step;
    }
}
