namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.ModelSpec")]
public sealed record ModelSpec
{
    [Id(0)] public ModelKind Kind { get; init; } = ModelKind.Mlp;
    [Id(1)] public IReadOnlyList<int> Hidden { get; init; } = [256, 256];
    [Id(2)] public Activation Activation { get; init; } = Activation.Relu;
    [Id(3)] public double Dropout { get; init; }
}

public enum ModelKind { Mlp }

public enum Activation { Relu, Tanh, Gelu }
