using Minimax.Contracts.Grains;
using Orleans.Serialization;

namespace Minimax.Grains.Checkpoints;

/// <summary>Reads the parameters a completed run saved as its final model (<see cref="CheckpointNames.FinalModel"/>).</summary>
public static class FinalModels
{
    /// <summary>The run's final model; an <see cref="ArgumentException"/> naming <paramref name="field"/> when it has none.</summary>
    public static async Task<FlatTensor> ReadAsync(ICheckpointStore checkpoints, Serializer serializer, string runId, string field)
    {
        var bytes = await checkpoints.ReadAsync(CheckpointNames.FinalModel(runId), CancellationToken.None)
            ?? throw new ArgumentException($"{field}: run '{runId}' has saved no final model");
        return serializer.Deserialize<FlatTensor>(bytes)
            ?? throw new ArgumentException($"{field}: the final model of run '{runId}' is empty");
    }
}
