using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
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
public sealed class WorkerGrain(ILocalSiloDetails silo, ICheckpointStore checkpoints, Serializer serializer, TenantDataRoots dataRoots, ParsedDataCache parsedData) : Grain, IWorkerGrain
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
            var (replica, info) = await thread.RunAsync(() => CreateReplica(spec, new ReplicaData(roots, parsedData), shard, shardCount, reference, objective));
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

    public async Task<bool> SaveAsync(string checkpoint)
    {
        var worker = Ready();
        // Only finite parameters become a checkpoint, so the last one a diverged run leaves is finite.
        if (!await worker.Thread.RunAsync(() => ParameterVector.ParametersFinite(worker.Replica.Model)))
        {
            return false;
        }
        // The tensor thread writes straight into the store's stream, parameter by parameter.
        await checkpoints.WriteAsync(checkpoint, stream => worker.Thread.RunAsync(() =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write((long)worker.Replica.ParameterCount);
            writer.Flush();
            ParameterVector.Save(worker.Replica.Model, stream);
            worker.Replica.Optimizer.save_state_dict(writer);
            writer.Flush();
        }), CancellationToken.None);
        return true;
    }

    public async Task RestoreAsync(string checkpoint)
    {
        var worker = Ready();
        await using var stream = await checkpoints.OpenReadAsync(checkpoint, CancellationToken.None)
            ?? throw new InvalidOperationException($"checkpoint {checkpoint} is missing from the checkpoint store");
        await worker.Thread.RunAsync(() =>
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            var count = reader.ReadInt64();
            if (count != worker.Replica.ParameterCount)
            {
                throw new InvalidOperationException($"checkpoint {checkpoint} holds {count} parameters, the replica {worker.Replica.ParameterCount}");
            }
            ParameterVector.Load(worker.Replica.Model, stream);
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
    private static (IReplica Replica, ShardInfo Info) CreateReplica(RunSpec spec, ReplicaData data, int shard, int shardCount, FlatTensor? reference, IObjective objective)
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
                ? LanguageModelReplica.Create(spec, data, shard, shardCount, reference)
                : TabularReplica.Create(spec, data, shard, shardCount);
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
