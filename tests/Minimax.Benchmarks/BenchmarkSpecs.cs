using Minimax.Contracts.Specs;

namespace Minimax.Benchmarks;

/// <summary>An MLP's hidden layers and the batch it trains on.</summary>
public sealed record MlpShape(int[] Hidden, int BatchSize)
{
    /// <summary>The foundation benchmark: MLP 100-512-512-2, batch 256.</summary>
    public static MlpShape Foundation { get; } = new([512, 512], 256);

    /// <summary>Compute dominates: MLP 100-1024-1024-2, batch 1024.</summary>
    public static MlpShape Heavy { get; } = new([1024, 1024], 1024);

    public string Describe() => $"MLP {BenchmarkData.Features}-{string.Join('-', Hidden)}-2, batch {BatchSize}";
}

/// <summary>The benchmarks' runs on <see cref="BenchmarkData"/>.</summary>
public static class BenchmarkSpecs
{
    public static OptimizerSpec SgdMomentum { get; } = new() { Kind = OptimizerKind.Sgd, Lr = 0.01, Momentum = 0.9, WeightDecay = 1e-4 };

    public static OptimizerSpec AdamW { get; } = new() { Kind = OptimizerKind.AdamW, Lr = 1e-3, WeightDecay = 1e-2 };

    /// <summary>Sagawa et al.'s strong-L2 Group DRO recipe: SGD lr 1e-3, momentum 0.9, weight decay 1.0.</summary>
    public static OptimizerSpec StrongL2 { get; } = new() { Kind = OptimizerKind.Sgd, Lr = 1e-3, Momentum = 0.9, WeightDecay = 1.0 };

    /// <summary>ERM on the MLP of <paramref name="shape"/> (the foundation MLP by default).</summary>
    public static RunSpec Mlp(string directory, int steps, OptimizerSpec optimizer, int checkpointEvery, int evalEvery, MlpShape? shape = null)
    {
        shape ??= MlpShape.Foundation;
        return Splits(directory) with
        {
            Model = new ModelSpec { Hidden = shape.Hidden },
            Objective = new ObjectiveSpec { Kind = ObjectiveKind.Erm },
            Training = new TrainingSpec
            {
                Workers = 1,
                Steps = steps,
                BatchSize = shape.BatchSize,
                EvalEvery = evalEvery,
                CheckpointEvery = checkpointEvery,
                Optimizer = optimizer,
            },
        };
    }

    /// <summary>
    /// The e2e run: Group DRO (step size 0.01) with strong L2 on MLP 100-512-2, batch 128, <paramref name="epochs"/>
    /// epochs, val evaluated every epoch; no checkpoint (checkpoint_every is the run's length), as the PyTorch
    /// script it is compared with writes none.
    /// </summary>
    public static RunSpec GroupDroRecipe(string directory, int epochs, int workers, int batchSize, int stepsPerEpoch) => Splits(directory) with
    {
        Model = new ModelSpec { Hidden = [512] },
        Objective = new ObjectiveSpec { Kind = ObjectiveKind.GroupDro, StepSize = 0.01 },
        Training = new TrainingSpec
        {
            Workers = workers,
            Epochs = epochs,
            BatchSize = batchSize,
            EvalEvery = stepsPerEpoch,
            CheckpointEvery = epochs * stepsPerEpoch,
            Optimizer = StrongL2,
            SelectBy = SelectBy.ValWorstGroupAccuracy,
        },
    };

    private static RunSpec Splits(string directory) => new()
    {
        Name = "bench",
        Seed = 1,
        Data = new DataSpec
        {
            Train = Path.Combine(directory, "train.csv"),
            Val = Path.Combine(directory, "val.csv"),
            Test = Path.Combine(directory, "test.csv"),
            Label = "y",
            GroupsBy = ["a"],
        },
        Model = new ModelSpec(),
        Objective = new ObjectiveSpec(),
        Training = new TrainingSpec { Optimizer = new() },
    };
}
