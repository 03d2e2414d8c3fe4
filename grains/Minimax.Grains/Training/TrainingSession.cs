using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Metrics;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;
using Microsoft.Extensions.Logging;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Telemetry;
using Minimax.Grains.Training.Objectives;
using Orleans.Serialization;

namespace Minimax.Grains.Training;

/// <summary>
/// One attempt at training a run with one generation of workers: from the start or from a
/// checkpoint, to completion or cancellation. If a worker is lost the coordinator throws this
/// session away and starts a new one from the last checkpoint.
/// </summary>
public sealed partial class TrainingSession(
    string runId,
    RunSpec spec,
    string tenant,
    IGrainFactory grains,
    ICheckpointStore checkpoints,
    Serializer serializer,
    Func<string?> cancelReason,
    Func<bool> abandoned,
    ILogger logger,
    ActivityContext trace = default,
    int stepTraceEvery = 0,
    Func<bool>? drainRequested = null)
{
    private readonly IRunGrain _run = grains.GetGrain<IRunGrain>(runId);
    private readonly StepTimes _stepTimes = new();
    // The gradient exchange per step (its critical path); like the step times, a bounded sample kept in checkpoints.
    private readonly StepTimes _exchangeTimes = new();
    // The coordinator's own code per step, waits on workers and grains excluded; sampled as the step times are.
    private readonly CoordinatorClock _ownClock = new();
    private readonly StepTimes _coordinatorTimes = new();
    private long _gradientBytesPerStep;
    private int _intraOpThreads;
    // Checkpoints written but never recorded (the run grain could not write its pointer): deleted once
    // a later one is recorded, since the pointer only moves forward.
    private readonly List<string> _unrecorded = [];
    private IWorkerGrain[] _workers = [];
    private ShardInfo _shape = null!;
    private ShardLayout _layout = null!;
    private IObjective _objective = null!;
    private IGroupWeightRule _rule = null!;
    private BatchSampler _sampler = null!;
    private double[]? _samplingWeights;
    private ModelSelection _selection = null!;
    private SplitMetricsRecord? _latestVal;
    private int _step;
    private int _totalSteps;
    private RunSeries _series = null!;

    /// <summary>Steps this session has taken itself (not counting those restored from a checkpoint).</summary>
    public int StepsTaken { get; private set; }

    /// <summary>The last step taken (or restored from a checkpoint).</summary>
    public int Step => _step;

    /// <summary>The parameters when training stopped (null until it has).</summary>
    public FlatTensor? LastParameters { get; private set; }

    public async Task InitializeAsync(int generation, string? checkpoint, string coordinatorSilo)
    {
        using var span = MinimaxTracing.StartRunWork("initialize", trace, runId, _step);
        var count = spec.Training.Workers;
        _workers = Enumerable.Range(0, count)
            .Select(shard => grains.GetGrain<IWorkerGrain>(WorkerKeys.For(runId, generation, shard)))
            .ToArray();
        var shards = await Task.WhenAll(_workers.Select((worker, shard) => worker.InitializeAsync(spec, tenant, shard, count)));
        _layout = new ShardLayout(shards);
        _shape = shards[0];
        _objective = ObjectiveRegistry.For(spec.Objective.Kind);
        _rule = _objective.CreateRule(spec.Objective, _shape);
        (_sampler, _samplingWeights) = SessionSampling.Create(spec, _objective, _layout, _shape);
        var totalSteps = spec.Training.Steps ?? (long)spec.Training.Epochs!.Value * _sampler.StepsPerEpoch;
        _totalSteps = totalSteps <= int.MaxValue
            ? (int)totalSteps
            : throw new ArgumentException($"training.epochs: {spec.Training.Epochs} epochs of {_sampler.StepsPerEpoch} steps are more than {int.MaxValue} steps");
        _selection = new ModelSelection(spec.Training.SelectBy);
        _series = LiveRuns.Start(runId, _shape.GroupCount, _shape.GroupNames);
        if (checkpoint is not null)
        {
            await RestoreAsync(checkpoint);
        }
        // Informational writes: if they fail, the run trains on and a later transition is persisted.
        await RunStateCalls.TolerateAsync(
            () => _run.RecordPlacementAsync(coordinatorSilo, shards.Select(shard => shard.Silo).ToArray()), logger, runId, "placement");
        await RunStateCalls.TolerateAsync(() => _run.MarkRunningAsync(_shape.TrainGroupCounts), logger, runId, "running status");
    }

    /// <summary>Trains to the end (or until cancelled) and reports the outcome to the run.</summary>
    public async Task TrainAsync()
    {
        while (_step < _totalSteps && cancelReason() is null)
        {
            if (abandoned())
            {
                throw new OperationCanceledException("the coordinator activation ended");
            }
            if (drainRequested?.Invoke() == true)
            {
                await CheckpointForDrainAsync();
            }
            _step++;
            // Null unless the step is sampled: the other steps' calls then carry no trace context.
            using var stepSpan = MinimaxTracing.StartStep(trace, runId, tenant, _step, stepTraceEvery);
            var clock = Stopwatch.StartNew();
            _ownClock.Start();
            var started = Stopwatch.GetTimestamp();
            var rows = _layout.Split(_sampler.NextBatch());
            var active = Enumerable.Range(0, _workers.Length).Where(shard => rows[shard].Length > 0).ToArray();

            // Phase 1: forward; only per-group sums and counts (and the objective's extra per-group sums) come back.
            var phase = MinimaxTracing.StartPhase("forward", runId);
            var forwarding = Task.WhenAll(active.Select(shard => _workers[shard].ForwardAsync(rows[shard])));
            _ownClock.Pause();
            var statistics = await forwarding;
            _ownClock.Resume();
            phase?.Dispose();
            var forwarded = Stopwatch.GetTimestamp();
            phase = MinimaxTracing.StartPhase("weight_update", runId);
            // Phase 2: the weight rule sees the merged batch, exactly as a single process would.
            var merged = StatisticsWire.Merge(statistics, _shape.GroupCount, _objective.ExtraStatistics);
            CheckFinite(merged);
            var coefficients = _rule.LossCoefficients(merged);
            Divergence.Check(_step, "group weights", _rule.Weights);
            Divergence.Check(_step, "loss coefficients", coefficients);
            phase?.Dispose();
            var weighed = Stopwatch.GetTimestamp();
            // Phases 3 and 4: backward, sum the gradients, one identical optimizer step everywhere.
            phase = MinimaxTracing.StartPhase("backward_exchange_step", runId);
            await OptimizerStepAsync(coefficients);
            phase?.Dispose();
            _stepTimes.Add(clock.Elapsed.TotalSeconds);
            StepsTaken++;
            RecordStep(started, forwarded, weighed, Stopwatch.GetTimestamp());

            if (_step % spec.Training.EvalEvery == 0 || _step == _totalSteps)
            {
                _ownClock.Pause();
                _latestVal = await EvaluateAsync(EvaluationSplit.Val, _step);
                if (_selection.Improves(_latestVal))
                {
                    _selection.Keep(_step, await _workers[0].GetParametersAsync(), _latestVal);
                }
                _ownClock.Resume();
            }

            var groupLoss = GroupDro.GroupMeans(merged.LossSums, merged.Counts);
            var weights = (double[])_rule.Weights.Clone();
            _series.Step(groupLoss, weights);
            var progress = new ProgressRecord(
                _step,
                _totalSteps,
                _sampler.Epoch,
                RobustLoss(coefficients, merged.LossSums),
                groupLoss,
                weights,
                _latestVal,
                clock.Elapsed.TotalSeconds);
            // A failed write at an evaluation is made good by the next evaluation's.
            var reporting = RunStateCalls.TolerateAsync(() => _run.ReportProgressAsync(progress), logger, runId, $"progress at step {_step}");
            _coordinatorTimes.Add(_ownClock.StopSeconds());
            await reporting;

            if (_step % spec.Training.CheckpointEvery == 0 && _step < _totalSteps)
            {
                await CheckpointAsync();
            }
        }

        LastParameters = await _workers[0].GetParametersAsync();
        Divergence.Check(_step, "parameters", LastParameters.Span);
        if (cancelReason() is { } reason)
        {
            // Released before the run reads cancelled, so a terminal run holds no workers.
            await ReleaseAsync();
            LiveRuns.Remove(runId);
            await RunStateCalls.RetryAsync(() => _run.MarkCancelledAsync(reason), logger, runId, "cancellation");
            return;
        }

        var (bestStep, bestParameters, bestVal) = _selection.Selected(_step, LastParameters, _latestVal);
        if (!ReferenceEquals(bestParameters, LastParameters))
        {
            await Task.WhenAll(_workers.Select(worker => worker.LoadParametersAsync(bestParameters)));
        }
        // A language model's val and test splits are the same held-out text and it keeps its final
        // parameters, so its last evaluation already is the test result.
        var test = spec.Data.IsText && bestVal is { } evaluated && evaluated.Step == bestStep
            ? evaluated
            : await EvaluateAsync(EvaluationSplit.Test, bestStep);
        // Written before the run completes, so a completed run always has its final model to build on.
        await WriteFinalModelAsync(bestParameters);
        var result = new RunResult(
            _step,
            bestStep,
            bestVal,
            test,
            _rule.ReportedWeights,
            _shape.TrainGroupCounts,
            _stepTimes.Median,
            _shape.GroupNames,
            _samplingWeights,
            _exchangeTimes.Median,
            _gradientBytesPerStep,
            _intraOpThreads,
            _coordinatorTimes.Median);
        // The job's series end before it reads completed.
        LiveRuns.Remove(runId);
        await RunStateCalls.RetryAsync(() => _run.CompleteAsync(result), logger, runId, "completion");
    }

    /// <summary>Releases this generation's workers, best effort: a worker on a dead silo is simply gone.</summary>
    public async Task ReleaseAsync()
    {
        // Once only: a cancelled session releases before reporting, and the coordinator releases every
        // session when it ends; a second call would activate the released workers again.
        var workers = _workers;
        _workers = [];
        foreach (var worker in workers)
        {
            try
            {
                await worker.ReleaseAsync();
            }
            catch (Exception)
            {
                // An unreleased worker holds memory until idle collection; never a reason to fail the run.
            }
        }
    }

    // Every worker takes part in the exchange, also one without rows in this batch (its gradient is zero).
    private async Task OptimizerStepAsync(double[] coefficients)
    {
        var learningRate = LearningRate.At(spec.Training, _step, _totalSteps);
        var stepping = Task.WhenAll(_workers.Select(worker => worker.BackwardAndStepAsync(coefficients, _step, learningRate)));
        _ownClock.Pause();
        var outcomes = await stepping;
        _ownClock.Resume();
        RequireStepped(outcomes.Select(outcome => outcome.Stepped).ToArray());
        if (_workers.Length > 1)
        {
            // The quickest worker finished its backward pass last and waited least for its peers: its time is the
            // communication on the step's critical path, the others' add the skew of their backward passes.
            _exchangeTimes.Add(outcomes.Min(outcome => outcome.ExchangeSeconds));
            _gradientBytesPerStep = outcomes.Max(outcome => outcome.BytesSent);
            RecordGradientBytes(outcomes);
        }
        _intraOpThreads = outcomes[0].IntraOpThreads;
    }

    // Every replica sees the same summed gradient, so all of them step or none does.
    private void RequireStepped(bool[] stepped)
    {
        if (!stepped.All(done => done))
        {
            throw new TrainingDivergedException(_step, "gradient");
        }
    }

    private void CheckFinite(BatchStatistics merged)
    {
        Divergence.Check(_step, "loss", merged.LossSums);
        foreach (var name in _objective.ExtraStatistics)
        {
            Divergence.Check(_step, $"{name} sum", merged.Extra(name));
        }
    }

    private static double RobustLoss(double[] coefficients, double[] lossSums)
    {
        var loss = 0.0;
        for (var g = 0; g < coefficients.Length; g++)
        {
            loss += coefficients[g] * lossSums[g];
        }
        return loss;
    }
}
