namespace Minimax.Engine.Training;

/// <summary>Optimiser settings; SGD uses Momentum and WeightDecay, AdamW uses Beta1, Beta2, Eps and WeightDecay.</summary>
public sealed record OptimizerOptions(
    OptimizerKind Kind,
    double Lr,
    double Momentum,
    double WeightDecay,
    double Beta1,
    double Beta2,
    double Eps)
{
    /// <summary>
    /// Leaves biases and normalisation weights (every parameter of fewer than two dimensions) out of the weight
    /// decay, in a second parameter group, as the DoReMi and Hugging Face training scripts do.
    /// </summary>
    public bool SpareBiasesAndNorms { get; init; }
}
