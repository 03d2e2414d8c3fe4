using Minimax.Contracts.Grains;
using TorchSharp;

namespace Minimax.Grains.Evaluations;

/// <summary>A run model of an evaluation with its final parameters; <see cref="Index"/> is its place in the spec's models.</summary>
internal sealed record LoadedModel(int Index, ScoredModel Model, FlatTensor Parameters)
{
    public string Field => $"models[{Index}].run";

    /// <summary>
    /// Moves <paramref name="module"/>, built from the run's own model spec, to this worker's device (its silo's first GPU
    /// when it has one, else the CPU: checkpoints are device-free) and writes the final parameters into it.
    /// </summary>
    public void LoadInto(torch.nn.Module module)
    {
        module.to(Training.TrainingDevice.Resolve(Contracts.Specs.DeviceSpec.Auto));
        var expected = Engine.Models.ParameterVector.Count(module);
        if (Parameters.Length != expected)
        {
            throw new ArgumentException(
                $"{Field}: run '{Model.RunId}' saved {Parameters.Length} parameters, but its spec's model over this data has {expected}");
        }

        Engine.Models.ParameterVector.Write(module, Parameters.Span);
    }
}
