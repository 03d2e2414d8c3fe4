namespace Minimax.Cli.Data;

/// <summary>Shape of the Waterbirds-like synthetic dataset; see <see cref="SpuriousDatasetGenerator"/>.</summary>
internal sealed record SpuriousDatasetOptions
{
    public int Seed { get; init; }
    public int TrainRows { get; init; } = 4000;
    public int ValRows { get; init; } = 1000;
    public int TestRows { get; init; } = 2000;

    /// <summary>Weak features: mean +/-CoreMean by label, unit noise.</summary>
    public int CoreDims { get; init; } = 5;

    /// <summary>Phi(CoreMean * sqrt(CoreDims)) is the best accuracy from the core block: Phi(0.5 * sqrt 5) = 0.87.</summary>
    public double CoreMean { get; init; } = 0.5;

    /// <summary>Strong features: mean +/-1 by the spurious attribute, small noise.</summary>
    public int SpuriousDims { get; init; } = 5;

    public double SpuriousNoise { get; init; } = 0.25;

    /// <summary>Pure N(0, 1) columns that give an MLP room to memorise the minority groups.</summary>
    public int NoiseDims { get; init; } = 90;

    /// <summary>P(a = y) in train; val and test draw a independently of y.</summary>
    public double SpuriousCorrelation { get; init; } = 0.95;

    /// <summary>The first problem with these options, as "--option: reason", or null.</summary>
    public string? Validate()
    {
        if (TrainRows < 4 || ValRows < 4 || TestRows < 4)
        {
            return $"--{(TrainRows < 4 ? "train" : ValRows < 4 ? "val" : "test")}: must be at least 4 (one row per group)";
        }

        if (CoreDims < 1)
        {
            return "--core-dims: must be at least 1";
        }

        if (SpuriousDims < 0 || NoiseDims < 0)
        {
            return $"--{(SpuriousDims < 0 ? "spurious-dims" : "noise-dims")}: must be at least 0";
        }

        if (!double.IsFinite(CoreMean) || CoreMean < 0)
        {
            return "--core-mean: must be a finite number >= 0";
        }

        if (!double.IsFinite(SpuriousNoise) || SpuriousNoise < 0)
        {
            return "--spurious-noise: must be a finite number >= 0";
        }

        if (!(SpuriousCorrelation >= 0 && SpuriousCorrelation <= 1))
        {
            return "--spurious-correlation: must be between 0 and 1";
        }

        return null;
    }
}
