using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Models;
using Minimax.Engine.Training;

namespace Minimax.Grains.Training;

/// <summary>Maps the wire spec onto the engine's own option types (the engine knows no contracts).</summary>
public static class EngineOptions
{
    public static TabularDataOptions ToDataOptions(this DataSpec data) => new(
        data.Format == DataFormat.Parquet ? DataFileFormat.Parquet : DataFileFormat.Csv,
        data.Train,
        data.Val,
        data.Test,
        data.Label,
        data.Group,
        data.GroupsBy,
        data.Features,
        data.Standardize);

    public static OptimizerOptions ToOptimizerOptions(this OptimizerSpec optimizer) => new(
        optimizer.Kind == Contracts.Specs.OptimizerKind.AdamW ? Engine.Training.OptimizerKind.AdamW : Engine.Training.OptimizerKind.Sgd,
        optimizer.Lr,
        optimizer.Momentum,
        optimizer.WeightDecay,
        optimizer.Beta1,
        optimizer.Beta2,
        optimizer.Eps);

    public static Mlp CreateModel(this ModelSpec model, int inputs, int outputs) => new(
        inputs,
        model.Hidden,
        outputs,
        model.Activation switch
        {
            Activation.Tanh => MlpActivation.Tanh,
            Activation.Gelu => MlpActivation.Gelu,
            _ => MlpActivation.Relu,
        },
        model.Dropout);

    /// <summary>Rows [start, start + count) of shard <paramref name="shard"/> when <paramref name="rows"/> are split contiguously.</summary>
    public static (int Start, int Count) ShardRange(int rows, int shard, int shardCount)
    {
        var start = (int)((long)rows * shard / shardCount);
        var end = (int)((long)rows * (shard + 1) / shardCount);
        return (start, end - start);
    }
}
