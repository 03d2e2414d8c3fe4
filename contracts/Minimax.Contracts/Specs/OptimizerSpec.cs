namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.OptimizerSpec")]
public sealed record OptimizerSpec
{
    [Id(0)] public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;
    [Id(1)] public double Lr { get; init; } = 0.01;
    [Id(2)] public double Momentum { get; init; }
    [Id(3)] public double WeightDecay { get; init; }
    [Id(4)] public double Beta1 { get; init; } = 0.9;
    [Id(5)] public double Beta2 { get; init; } = 0.999;
    [Id(6)] public double Eps { get; init; } = 1e-8;
    /// <summary>Steps of linear learning-rate warmup from 0 to <see cref="Lr"/>.</summary>
    [Id(7)] public int Warmup { get; init; }
    [Id(8)] public NoDecayMode NoDecay { get; init; } = NoDecayMode.Auto;

    /// <summary>Whether this optimizer leaves the parameters of fewer than two dimensions undecayed in a model of <paramref name="model"/>.</summary>
    public bool SparesBiasesAndNorms(ModelKind model) => NoDecay switch
    {
        NoDecayMode.On => true,
        NoDecayMode.Off => false,
        _ => model == ModelKind.Transformer,
    };
}

public enum OptimizerKind { Sgd, AdamW }
