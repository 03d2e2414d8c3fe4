using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Grains.Training.Replicas;

/// <summary>An MLP classifier over one shard of a tabular dataset (CSV or Parquet).</summary>
internal sealed class TabularReplica : IReplica
{
    private readonly Mlp model;
    private readonly ShardStep step;
    private readonly TabularSplit val;
    private readonly TabularSplit test;
    private readonly int groupCount;

    private TabularReplica(Mlp model, OptimizerHelper optimizer, ShardStep step, TabularSplit val, TabularSplit test, int groupCount)
    {
        this.model = model;
        Optimizer = optimizer;
        this.step = step;
        this.val = val;
        this.test = test;
        this.groupCount = groupCount;
        ParameterCount = ParameterVector.Count(model);
    }

    public torch.nn.Module Model => model;

    public OptimizerHelper Optimizer { get; }

    public int ParameterCount { get; }

    public IReadOnlyList<string> ExtraStatistics => [];

    public static (IReplica Replica, ShardInfo Info) Create(RunSpec spec, ReplicaData data, int shard, int shardCount, torch.Device device)
    {
        // Held only while this shard is copied out: the other workers starting now share the one parse.
        using var shared = TabularDatasetReader.ReadShared(spec.Data.ToDataOptions(data.Roots), data.Parsed);
        var dataset = shared.Value;
        var (trainStart, trainCount) = EngineOptions.ShardRange(dataset.Train.Count, shard, shardCount);
        if (trainCount == 0)
        {
            throw new ArgumentException(
                $"training.workers: {shardCount} workers leave shard {shard} without training rows ({dataset.Train.Count} rows)");
        }
        var train = dataset.Train.Slice(trainStart, trainCount);
        var (valStart, valCount) = EngineOptions.ShardRange(dataset.Val.Count, shard, shardCount);
        var (testStart, testCount) = EngineOptions.ShardRange(dataset.Test.Count, shard, shardCount);

        // Same seed on every worker: identical initial replicas without shipping parameters.
        var model = spec.Model.CreateModel(dataset.Train.FeatureCount, dataset.ClassCount);
        // Initialised on the CPU, then moved: the same seed gives the same replica on every device.
        ParameterVector.Initialize(model, (ulong)spec.Seed);
        model.to(device);
        var replica = new TabularReplica(
            model,
            EngineOptions.CreateOptimizer(spec, model),
            new ShardStep(model, train, dataset.GroupCount),
            dataset.Val.Slice(valStart, valCount),
            dataset.Test.Slice(testStart, testCount),
            dataset.GroupCount);
        var info = new ShardInfo(
            trainStart,
            trainCount,
            train.Groups,
            dataset.GroupCount,
            dataset.ClassCount,
            dataset.Train.FeatureCount,
            dataset.TrainGroupCounts.ToArray(),
            replica.ParameterCount,
            "");
        return (replica, info);
    }

    public BatchStatistics Forward(int[] localRows)
    {
        var (sums, counts) = step.Forward(localRows);
        return new BatchStatistics(sums, counts);
    }

    public void Backward(double[] groupCoefficients) => step.Backward(groupCoefficients);

    public GroupTally Evaluate(EvaluationSplit split)
    {
        var rows = split == EvaluationSplit.Test ? test : val;
        return rows.Count == 0 ? new GroupTally(groupCount) : Evaluator.Tally(model, rows, groupCount);
    }

    public void Dispose()
    {
        step.Dispose();
        Optimizer.Dispose();
        model.Dispose();
    }
}
