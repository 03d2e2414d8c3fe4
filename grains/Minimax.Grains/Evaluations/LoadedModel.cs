using Minimax.Contracts.Grains;
using TorchSharp;

namespace Minimax.Grains.Evaluations;

/// <summary>A run model of an evaluation with its final parameters; <see cref="Index"/> is its place in the spec's models.</summary>
internal sealed record LoadedModel(int Index, ScoredModel Model, FlatTensor Parameters)
{
    public string Field => $"models[{Index}].run";

    /// <summary>Writes the final parameters into <paramref name="module"/>, built from the run's own model spec.</summary>
    public void LoadInto(torch.nn.Module module)
    {
        var expected = Engine.Models.ParameterVector.Count(module);
        if (Parameters.Length != expected)
        {
            throw new ArgumentException(
                $"{Field}: run '{Model.RunId}' saved {Parameters.Length} parameters, but its spec's model over this data has {expected}");
        }

        Engine.Models.ParameterVector.Write(module, Parameters.Span);
    }
}
