namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.ModelSpec")]
public sealed record ModelSpec
{
    [Id(0)] public ModelKind Kind { get; init; } = ModelKind.Mlp;
    [Id(1)] public IReadOnlyList<int> Hidden { get; init; } = [256, 256];
    [Id(2)] public Activation Activation { get; init; } = Activation.Relu;
    [Id(3)] public double Dropout { get; init; }

    // Transformer language model (kind transformer).
    [Id(4)] public int Layers { get; init; } = 2;
    [Id(5)] public int Heads { get; init; } = 4;
    [Id(6)] public int Width { get; init; } = 64;
    [Id(7)] public int Ff { get; init; } = 256;
    [Id(8)] public int Context { get; init; } = 64;
}

public enum ModelKind { Mlp, Transformer }

public enum Activation { Relu, Tanh, Gelu }
