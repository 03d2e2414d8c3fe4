using Minimax.Contracts.Specs;

namespace Minimax.Benchmarks;

/// <summary>The foundation benchmark's run: MLP 100-512-512-2, batch 256, ERM, on <see cref="BenchmarkData"/>.</summary>
public static class BenchmarkSpecs
{
    public const int BatchSize = 256;

    public static OptimizerSpec SgdMomentum { get; } = new() { Kind = OptimizerKind.Sgd, Lr = 0.01, Momentum = 0.9, WeightDecay = 1e-4 };

    public static OptimizerSpec AdamW { get; } = new() { Kind = OptimizerKind.AdamW, Lr = 1e-3, WeightDecay = 1e-2 };

    public static RunSpec Mlp(string directory, int steps, OptimizerSpec optimizer, int checkpointEvery, int evalEvery) => new()
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
        Model = new ModelSpec { Hidden = [512, 512] },
        Objective = new ObjectiveSpec { Kind = ObjectiveKind.Erm },
        Training = new TrainingSpec
        {
            Workers = 1,
            Steps = steps,
            BatchSize = BatchSize,
            EvalEvery = evalEvery,
            CheckpointEvery = checkpointEvery,
            Optimizer = optimizer,
        },
    };
}
