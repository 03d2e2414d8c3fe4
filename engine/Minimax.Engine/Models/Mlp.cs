using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Minimax.Engine.Models;

/// <summary>A multilayer perceptron: Linear, activation and (optionally) dropout per hidden layer, then a Linear head.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, MlpActivation activation, double dropout)
        : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(hidden);
        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        }

        Inputs = inputs;
        Outputs = outputs;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputs;
        for (var i = 0; i < hidden.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden[i]);
            modules.Add(($"linear{i}", nn.Linear(width, hidden[i])));
            modules.Add(($"activation{i}", Activation(activation)));
            if (dropout > 0)
            {
                modules.Add(($"dropout{i}", nn.Dropout(dropout)));
            }

            width = hidden[i];
        }

        modules.Add(("head", nn.Linear(width, outputs)));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
        }

        base.Dispose(disposing);
    }

    private static nn.Module<Tensor, Tensor> Activation(MlpActivation activation) => activation switch
    {
        MlpActivation.Relu => nn.ReLU(),
        MlpActivation.Tanh => nn.Tanh(),
        MlpActivation.Gelu => nn.GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
