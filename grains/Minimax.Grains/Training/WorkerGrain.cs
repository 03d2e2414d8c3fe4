using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Models;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Placement;
using Minimax.Grains.Runtime;
using Minimax.Grains.Tenants;
using Minimax.Grains.Training.Objectives;
using Minimax.Grains.Training.Replicas;
using Orleans.Serialization;
using TorchSharp;

namespace Minimax.Grains.Training;

/// <summary>A model replica and optimizer over one shard of train, val and test. Holds no durable state.</summary>
[ShardSpreadPlacement]
public sealed class WorkerGrain(ILocalSiloDetails silo, ICheckpointStore checkpoints, Serializer serializer, TenantDataRoots dataRoots) : Grain, IWorkerGrain
{
    private Worker? _worker;

    public async Task<ShardInfo> InitializeAsync(RunSpec spec, string tenant, int shard, int shardCount)
    {
        await DisposeReplicaAsync();
        var objective = ObjectiveRegistry.For(spec.Objective.Kind);
        var reference = await ReadReferenceAsync(spec, objective);
        // Asked at every (re)initialisation, after a silo loss too: the roots are the configuration's now.
        var roots = dataRoots.For(tenant);
        var thread = new TensorThread($"worker {this.GetPrimaryKeyString()}");
        try
        {
            var (replica, info) = await thread.RunAsync(() => CreateReplica(spec, roots, shard, shardCount, reference, objective));
            _worker = new Worker(thread, replica, spec.Training.Optimizer, objective.ExtraStatistics);
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
        var worker = Ready();
        return worker.Thread.RunAsync(() => StatisticsWire.Pack(worker.Replica.Forward(localRows), worker.Statistics));
    }

    public Task<FlatTensor?> BackwardAsync(double[] groupCoefficients, bool returnGradient)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
        {
            worker.Replica.Backward(groupCoefficients);
            return returnGradient
                ? FlatTensor.Create(worker.Replica.ParameterCount, gradient => ParameterVector.ReadGradients(worker.Replica.Model, gradient))
                : null;
        });
    }

    public Task<bool> StepAsync(FlatTensor? summedGradient, int step)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
        {
            if (summedGradient is not null)
            {
                ParameterVector.WriteGradients(worker.Replica.Model, summedGradient.Span);
            }
            if (!ParameterVector.GradientsFinite(worker.Replica.Model))
            {
                return false;
            }
            LearningRate.Apply(worker.Replica.Optimizer, worker.Optimizer, step);
            using (torch.no_grad())
            {
                worker.Replica.Optimizer.step();
            }
            return true;
        });
    }

    public Task<GroupTallyRecord> EvaluateAsync(EvaluationSplit split)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
        {
            var tally = worker.Replica.Evaluate(split);
            return new GroupTallyRecord(tally.Counts, tally.Correct, tally.LossSums);
        });
    }

    public Task<FlatTensor> GetParametersAsync()
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
            FlatTensor.Create(worker.Replica.ParameterCount, values => ParameterVector.Read(worker.Replica.Model, values)));
    }

    public Task LoadParametersAsync(FlatTensor parameters)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() => ParameterVector.Write(worker.Replica.Model, parameters.Span));
    }

    public Task<ReplicaState> SaveAsync()
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
        {
            var parameters = FlatTensor.Create(worker.Replica.ParameterCount, values => ParameterVector.Read(worker.Replica.Model, values));
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                worker.Replica.Optimizer.save_state_dict(writer);
            }
            return new ReplicaState(parameters, buffer.ToArray());
        });
    }

    public Task RestoreAsync(ReplicaState state)
    {
        var worker = Ready();
        return worker.Thread.RunAsync(() =>
        {
            ParameterVector.Write(worker.Replica.Model, state.Parameters.Span);
            using var reader = new BinaryReader(new MemoryStream(state.OptimizerState));
            worker.Replica.Optimizer.load_state_dict(reader);
        });
    }

    public async Task ReleaseAsync()
    {
        await DisposeReplicaAsync();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => DisposeReplicaAsync();

    /// <summary>The frozen reference model an objective scores against: the final model the spec's reference run saved.</summary>
    private async Task<FlatTensor?> ReadReferenceAsync(RunSpec spec, IObjective objective)
    {
        var kind = SpecNames.Of(spec.Objective.Kind);
        if (!objective.UsesReferenceModel)
        {
            return spec.Reference is null
                ? null
                : throw new ArgumentException($"reference: objective {kind} uses no reference model");
        }
        var run = spec.Reference?.Run
            ?? throw new ArgumentException($"reference.run: objective {kind} scores against a frozen reference model; name the run that trained it");
        return await FinalModels.ReadAsync(checkpoints, serializer, run, "reference.run");
    }

    /// <summary>The replica for the spec's data, which must report every statistic the objective's rule reads.</summary>
    private static (IReplica Replica, ShardInfo Info) CreateReplica(RunSpec spec, DataRoots roots, int shard, int shardCount, FlatTensor? reference, IObjective objective)
    {
        if (!spec.Data.IsText && reference is not null)
        {
            throw new ArgumentException("reference: only language models are scored against a reference model");
        }
        IReplica replica;
        ShardInfo info;
        try
        {
            (replica, info) = spec.Data.IsText
                ? LanguageModelReplica.Create(spec, roots, shard, shardCount, reference)
                : TabularReplica.Create(spec, roots, shard, shardCount);
        }
        catch (DataException exception)
        {
            // The engine's exception has no Orleans codec; the message names the file and the problem.
            throw new ArgumentException($"data: {exception.Message}");
        }
        var missing = objective.ExtraStatistics.Except(replica.ExtraStatistics).ToArray();
        if (missing.Length > 0)
        {
            replica.Dispose();
            throw new ArgumentException(
                $"objective.kind: {SpecNames.Of(spec.Objective.Kind)} reads the workers' {string.Join(", ", missing)} sums, which this model and data do not give");
        }
        return (replica, info);
    }

    private Worker Ready() =>
        _worker ?? throw new ReplicaMissingException($"worker {this.GetPrimaryKeyString()} is not initialised (its activation was lost)");

    private async Task DisposeReplicaAsync()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.Thread.RunAsync(worker.Replica.Dispose);
            worker.Thread.Dispose();
        }
    }

    private sealed record Worker(TensorThread Thread, IReplica Replica, OptimizerSpec Optimizer, IReadOnlyList<string> Statistics);
}
