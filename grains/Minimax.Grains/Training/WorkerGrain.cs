using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using Minimax.Grains.Placement;
using Minimax.Grains.Runtime;
using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Grains.Training;

/// <summary>A model replica and optimizer over one shard of train, val and test. Holds no durable state.</summary>
[ShardSpreadPlacement]
public sealed class WorkerGrain(ILocalSiloDetails silo) : Grain, IWorkerGrain
{
    private Replica? _replica;

    public async Task<ShardInfo> InitializeAsync(RunSpec spec, int shard, int shardCount)
    {
        await DisposeReplicaAsync();
        var thread = new TensorThread($"worker {this.GetPrimaryKeyString()}");
        try
        {
            var (replica, info) = await thread.RunAsync(() => Replica.Create(thread, spec, shard, shardCount));
            _replica = replica;
            return info with { Silo = silo.SiloAddress.Endpoint.ToString() };
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    public Task<GroupLossStatistics> ForwardAsync(int[] localRows)
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
        {
            var (sums, counts) = replica.Step.Forward(localRows);
            return new GroupLossStatistics(sums, counts);
        });
    }

    public Task<FlatTensor?> BackwardAsync(double[] groupCoefficients, bool returnGradient)
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
        {
            replica.Step.Backward(groupCoefficients);
            return returnGradient
                ? FlatTensor.Create(replica.ParameterCount, gradient => ParameterVector.ReadGradients(replica.Model, gradient))
                : null;
        });
    }

    public Task StepAsync(FlatTensor? summedGradient)
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
        {
            if (summedGradient is not null)
            {
                ParameterVector.WriteGradients(replica.Model, summedGradient.Span);
            }
            using (torch.no_grad())
            {
                replica.Optimizer.step();
            }
        });
    }

    public Task<GroupTallyRecord> EvaluateAsync(EvaluationSplit split)
    {
        var replica = Ready();
        var rows = split == EvaluationSplit.Test ? replica.Test : replica.Val;
        return replica.Thread.RunAsync(() =>
        {
            var tally = rows.Count == 0 ? new GroupTally(replica.GroupCount) : Evaluator.Tally(replica.Model, rows, replica.GroupCount);
            return new GroupTallyRecord(tally.Counts, tally.Correct, tally.LossSums);
        });
    }

    public Task<FlatTensor> GetParametersAsync()
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
            FlatTensor.Create(replica.ParameterCount, values => ParameterVector.Read(replica.Model, values)));
    }

    public Task LoadParametersAsync(FlatTensor parameters)
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() => ParameterVector.Write(replica.Model, parameters.Span));
    }

    public Task<ReplicaState> SaveAsync()
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
        {
            var parameters = FlatTensor.Create(replica.ParameterCount, values => ParameterVector.Read(replica.Model, values));
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                replica.Optimizer.save_state_dict(writer);
            }
            return new ReplicaState(parameters, buffer.ToArray());
        });
    }

    public Task RestoreAsync(ReplicaState state)
    {
        var replica = Ready();
        return replica.Thread.RunAsync(() =>
        {
            ParameterVector.Write(replica.Model, state.Parameters.Span);
            using var reader = new BinaryReader(new MemoryStream(state.OptimizerState));
            replica.Optimizer.load_state_dict(reader);
        });
    }

    public async Task ReleaseAsync()
    {
        await DisposeReplicaAsync();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => DisposeReplicaAsync();

    private Replica Ready() =>
        _replica ?? throw new ReplicaMissingException($"worker {this.GetPrimaryKeyString()} is not initialised (its activation was lost)");

    private async Task DisposeReplicaAsync()
    {
        if (_replica is { } replica)
        {
            _replica = null;
            await replica.Thread.RunAsync(replica.Dispose);
            replica.Thread.Dispose();
        }
    }

    /// <summary>Everything a worker holds; created and used only on its tensor thread.</summary>
    private sealed class Replica(TensorThread thread, Mlp model, OptimizerHelper optimizer, ShardStep step, TabularSplit val, TabularSplit test, int groupCount)
        : IDisposable
    {
        public TensorThread Thread { get; } = thread;
        public Mlp Model { get; } = model;
        public OptimizerHelper Optimizer { get; } = optimizer;
        public ShardStep Step { get; } = step;
        public TabularSplit Val { get; } = val;
        public TabularSplit Test { get; } = test;
        public int GroupCount { get; } = groupCount;
        public int ParameterCount { get; } = ParameterVector.Count(model);

        public static (Replica Replica, ShardInfo Info) Create(TensorThread thread, RunSpec spec, int shard, int shardCount)
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

            // Same seed on every worker: identical initial replicas without shipping parameters.
            var model = spec.Model.CreateModel(dataset.Train.FeatureCount, dataset.ClassCount);
            ParameterVector.Initialize(model, (ulong)spec.Seed);
            // SGD and AdamW both derive from OptimizerHelper, which can save and load its state.
            var optimizer = (OptimizerHelper)OptimizerFactory.Create(spec.Training.Optimizer.ToOptimizerOptions(), model.parameters());
            var replica = new Replica(
                thread,
                model,
                optimizer,
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
                dataset.TrainGroupCounts,
                replica.ParameterCount,
                "");
            return (replica, info);
        }

        public void Dispose()
        {
            Step.Dispose();
            Optimizer.Dispose();
            Model.Dispose();
        }
    }
}
