using System.CommandLine;
using Minimax.Client.Cli;

namespace Minimax.Client.Data;

/// <summary><c>minimax data synth-spurious</c>: writes the synthetic spurious-correlation dataset.</summary>
internal static class SynthSpuriousCommand
{
    public static Command Create()
    {
        var defaults = new SpuriousDatasetOptions();
        var output = new Option<string>("--out") { Description = "Folder to write train.csv, val.csv and test.csv into", Required = true, HelpName = "DIR" };
        var seed = Int("--seed", "Random seed", defaults.Seed);
        var train = Int("--train", "Train rows", defaults.TrainRows);
        var val = Int("--val", "Validation rows", defaults.ValRows);
        var test = Int("--test", "Test rows", defaults.TestRows);
        var coreDims = Int("--core-dims", "Weak core feature columns (predict y)", defaults.CoreDims);
        var spuriousDims = Int("--spurious-dims", "Strong spurious feature columns (predict a)", defaults.SpuriousDims);
        var noiseDims = Int("--noise-dims", "Pure noise columns", defaults.NoiseDims);
        var coreMean = Double("--core-mean", "Core feature mean is +/- this by label (unit noise)", defaults.CoreMean);
        var spuriousNoise = Double("--spurious-noise", "Noise std of the spurious features (mean +/-1 by a)", defaults.SpuriousNoise);
        var correlation = Double("--spurious-correlation", "P(a = y) in train", defaults.SpuriousCorrelation);

        var command = new Command(
            "synth-spurious",
            "Write a Waterbirds-like dataset: label y, spurious attribute a (= y in 95% of train, independent in val/test), groups g = 2y + a")
        {
            output, seed, train, val, test, coreDims, spuriousDims, noiseDims, coreMean, spuriousNoise, correlation,
        };
        command.SetAction(parse =>
        {
            var options = new SpuriousDatasetOptions
            {
                Seed = parse.GetValue(seed),
                TrainRows = parse.GetValue(train),
                ValRows = parse.GetValue(val),
                TestRows = parse.GetValue(test),
                CoreDims = parse.GetValue(coreDims),
                SpuriousDims = parse.GetValue(spuriousDims),
                NoiseDims = parse.GetValue(noiseDims),
                CoreMean = parse.GetValue(coreMean),
                SpuriousNoise = parse.GetValue(spuriousNoise),
                SpuriousCorrelation = parse.GetValue(correlation),
            };
            if (options.Validate() is { } problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            try
            {
                foreach (var split in SpuriousDatasetGenerator.Write(parse.GetRequiredValue(output), options))
                {
                    Console.WriteLine($"{split.Path}: {split.GroupCounts.Sum()} rows, groups (g = 2y + a) [{string.Join(", ", split.GroupCounts)}]");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Console.Error.WriteLine($"error: --out: {e.Message}");
                return ExitCodes.BadInput;
            }

            return ExitCodes.Completed;
        });
        return command;
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<double> Double(string name, string description, double defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
