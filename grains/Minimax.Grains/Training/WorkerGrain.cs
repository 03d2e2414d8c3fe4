using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using Minimax.Grains.Runtime;

namespace Minimax.Grains.Training;

/// <summary>A model replica over one shard of train, val and test. Holds no durable state.</summary>
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private TensorThread? _thread;
    private Mlp? _model;
    private ShardStep? _step;
    private TabularSplit? _val;
    private TabularSplit? _test;
    private int _groupCount;
    private FlatTensor? _loadedParameters;

    public async Task<ShardInfo> InitializeAsync(RunSpec spec, int shard, int shardCount)
    {
        await DisposeModelAsync();
        _thread = new TensorThread($"worker {this.GetPrimaryKeyString()}");
        return await _thread.RunAsync(() =>
        {
            var dataset = TabularDatasetReader.Read(spec.Data.ToDataOptions());
            var (trainStart, trainCount) = EngineOptions.ShardRange(dataset.Train.Count, shard, shardCount);
            if (trainCount == 0)
            {
                throw new ArgumentException(
                    $"training.workers: {shardCount} workers leave shard {shard} without training rows ({dataset.Train.Count} rows)");
            }
            var train = dataset.Train.Slice(trainStart, trainCount);
            var (valStart, valCount) = EngineOptions.ShardRange(dataset.Val.Count, shard, shardCount);
            var (testStart, testCount) = EngineOptions.ShardRange(dataset.Test.Count, shard, shardCount);
            _val = dataset.Val.Slice(valStart, valCount);
            _test = dataset.Test.Slice(testStart, testCount);
            _groupCount = dataset.GroupCount;
            _model = spec.Model.CreateModel(dataset.Train.FeatureCount, dataset.ClassCount);
            _step = new ShardStep(_model, train, _groupCount);
            return new ShardInfo(
                trainStart,
                trainCount,
                train.Groups,
                dataset.GroupCount,
                dataset.ClassCount,
                dataset.Train.FeatureCount,
                dataset.TrainGroupCounts,
                ParameterVector.Count(_model));
        });
    }

    public Task<GroupLossStatistics> ForwardAsync(FlatTensor parameters, int[] localRows)
    {
        var (thread, model, step) = Ready();
        return thread.RunAsync(() =>
        {
            Load(model, parameters);
            var (sums, counts) = step.Forward(localRows);
            return new GroupLossStatistics(sums, counts);
        });
    }

    public Task<FlatTensor> BackwardAsync(double[] groupCoefficients)
    {
        var (thread, _, step) = Ready();
        return thread.RunAsync(() => FlatTensor.From(step.Backward(groupCoefficients)));
    }

    public Task<GroupTallyRecord> EvaluateAsync(FlatTensor parameters, EvaluationSplit split)
    {
        var (thread, model, _) = Ready();
        var rows = (split == EvaluationSplit.Test ? _test : _val)!;
        return thread.RunAsync(() =>
        {
            Load(model, parameters);
            var tally = rows.Count == 0 ? new GroupTally(_groupCount) : Evaluator.Tally(model, rows, _groupCount);
            return new GroupTallyRecord(tally.Counts, tally.Correct, tally.LossSums);
        });
    }

    public async Task ReleaseAsync()
    {
        await DisposeModelAsync();
        DeactivateOnIdle();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await DisposeModelAsync();

    // Runs on the tensor thread. The coordinator sends the same immutable object until it steps, so
    // reference equality skips the copy for evaluations between steps.
    private void Load(Mlp model, FlatTensor parameters)
    {
        if (!ReferenceEquals(parameters, _loadedParameters))
        {
            ParameterVector.Write(model, parameters.Span);
            _loadedParameters = parameters;
        }
    }

    private (TensorThread Thread, Mlp Model, ShardStep Step) Ready() =>
        _thread is not null && _model is not null && _step is not null
            ? (_thread, _model, _step)
            : throw new InvalidOperationException($"worker {this.GetPrimaryKeyString()} is not initialised");

    private async Task DisposeModelAsync()
    {
        if (_thread is null)
        {
            return;
        }
        var model = _model;
        var step = _step;
        var thread = _thread;
        _model = null;
        _step = null;
        _thread = null;
        _loadedParameters = null;
        await thread.RunAsync(() =>
        {
            step?.Dispose();
            model?.Dispose();
        });
        thread.Dispose();
    }
}
