using Minimax.Contracts.Specs;
using Minimax.Grains.Tenants;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>Small generated CSV datasets and specs for grain tests (no downloads).</summary>
public static class TestData
{
    /// <summary>A folder outside every tenant's data roots in the test clusters.</summary>
    public static string OffLimits { get; } = Directory.CreateTempSubdirectory("minimax-off-limits-").FullName;

    /// <summary>The test clusters' data roots: anywhere but the checkpoint store and <see cref="OffLimits"/>.</summary>
    public static TenantDataRoots Roots(string checkpoints) => TenantDataRoots.Shared(["/"], checkpoints, OffLimits);

    /// <summary>Writes train/val/test CSVs (<see cref="SpuriousCsv"/>) into a new temporary folder.</summary>
    public static string WriteSpurious(int trainRows = 400, int seed = 1)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-grains-").FullName;
        SpuriousCsv.WriteSplits(directory, trainRows, evaluationRows: 120, seed);
        return directory;
    }

    /// <summary>Writes the three-domain text corpus (<see cref="DomainCorpus"/>) into a new temporary folder.</summary>
    public static string WriteCorpus()
    {
        var root = Directory.CreateTempSubdirectory("minimax-corpus-").FullName;
        DomainCorpus.Write(root);
        return root;
    }

    public static RunSpec Spec(string directory, ObjectiveKind objective, int workers, int steps, int batchSize = 64, int evalEvery = 5) => new()
    {
        Name = "grain-test",
        Seed = 3,
        Data = new DataSpec
        {
            Train = Path.Combine(directory, "train.csv"),
            Val = Path.Combine(directory, "val.csv"),
            Test = Path.Combine(directory, "test.csv"),
            Label = "y",
            GroupsBy = ["a"],
        },
        Model = new ModelSpec { Hidden = [16, 16] },
        Objective = new ObjectiveSpec { Kind = objective, StepSize = 0.5 },
        Training = new TrainingSpec
        {
            Workers = workers,
            Steps = steps,
            BatchSize = batchSize,
            EvalEvery = evalEvery,
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, Lr = 0.05, Momentum = 0.9, WeightDecay = 1e-4 },
        },
    };
}
