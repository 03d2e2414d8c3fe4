using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Checkpoints;
using Minimax.Grains.Training.Objectives;
using Orleans.Serialization;

namespace Minimax.Grains.Training.Replicas;

/// <summary>What a worker builds at its start: the replica for the spec's data and device, and the reference model it scores against.</summary>
internal static class ReplicaFactory
{
    /// <summary>The frozen reference model an objective scores against: the final model the spec's reference run saved.</summary>
    public static async Task<FlatTensor?> ReadReferenceAsync(ICheckpointStore checkpoints, Serializer serializer, RunSpec spec, IObjective objective)
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
    public static (IReplica Replica, ShardInfo Info) Create(RunSpec spec, ReplicaData data, int shard, int shardCount, FlatTensor? reference, IObjective objective)
    {
        if (!spec.Data.IsText && reference is not null)
        {
            throw new ArgumentException("reference: only language models are scored against a reference model");
        }
        IReplica replica;
        ShardInfo info;
        try
        {
            var device = TrainingDevice.Resolve(spec.Training.Device);
            (replica, info) = spec.Data.IsText
                ? LanguageModelReplica.Create(spec, data, shard, shardCount, reference, device)
                : TabularReplica.Create(spec, data, shard, shardCount, device);
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
}
