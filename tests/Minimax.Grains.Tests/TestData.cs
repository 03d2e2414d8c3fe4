using System.Globalization;
using System.Text;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>Small generated CSV datasets and specs for grain tests (no downloads).</summary>
public static class TestData
{
    /// <summary>Writes train/val/test CSVs: label y, attribute a (matches y in 90% of train), 6 features.</summary>
    public static string WriteSpurious(int trainRows = 400, int seed = 1)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-grains-").FullName;
        var random = new Random(seed);
        Write(Path.Combine(directory, "train.csv"), trainRows, 0.9, random);
        Write(Path.Combine(directory, "val.csv"), 120, 0.5, random);
        Write(Path.Combine(directory, "test.csv"), 120, 0.5, random);
        return directory;
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

    private static void Write(string path, int rows, double agreement, Random random)
    {
        var text = new StringBuilder("y,a,f0,f1,f2,f3,f4,f5\n");
        for (var i = 0; i < rows; i++)
        {
            var y = random.Next(2);
            var a = random.NextDouble() < agreement ? y : 1 - y;
            text.Append(CultureInfo.InvariantCulture, $"{y},{a}");
            for (var f = 0; f < 6; f++)
            {
                var signal = f < 2 ? (y * 2 - 1) * 0.8 : f < 4 ? (a * 2 - 1) * 1.5 : 0;
                text.Append(CultureInfo.InvariantCulture, $",{signal + Gaussian(random):R}");
            }
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
