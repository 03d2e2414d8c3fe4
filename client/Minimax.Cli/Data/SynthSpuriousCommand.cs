using System.CommandLine;

namespace Minimax.Cli.Data;

/// <summary><c>minimax data synth-spurious</c>: writes the synthetic spurious-correlation dataset.</summary>
internal static class SynthSpuriousCommand
{
    public static Command Create()
    {
        var defaults = new SpuriousDatasetOptions();
        var output = new Option<string>("--out") { Description = "Folder to write train.csv, val.csv and test.csv into", Required = true, HelpName = "DIR" };
        var seed = DataCommand.WithDefault("--seed", "Random seed", defaults.Seed);
        var train = DataCommand.WithDefault("--train", "Train rows", defaults.TrainRows);
        var val = DataCommand.WithDefault("--val", "Validation rows", defaults.ValRows);
        var test = DataCommand.WithDefault("--test", "Test rows", defaults.TestRows);
        var coreDims = DataCommand.WithDefault("--core-dims", "Weak core feature columns (predict y)", defaults.CoreDims);
        var spuriousDims = DataCommand.WithDefault("--spurious-dims", "Strong spurious feature columns (predict a)", defaults.SpuriousDims);
        var noiseDims = DataCommand.WithDefault("--noise-dims", "Pure noise columns", defaults.NoiseDims);
        var coreMean = DataCommand.WithDefault("--core-mean", "Core feature mean is +/- this by label (unit noise)", defaults.CoreMean);
        var spuriousNoise = DataCommand.WithDefault("--spurious-noise", "Noise std of the spurious features (mean +/-1 by a)", defaults.SpuriousNoise);
        var correlation = DataCommand.WithDefault("--spurious-correlation", "P(a = y) in train", defaults.SpuriousCorrelation);

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
            return DataCommand.Generate(options.Validate(), () =>
            {
                foreach (var split in SpuriousDatasetGenerator.Write(parse.GetRequiredValue(output), options))
                {
                    Console.WriteLine($"{split.Path}: {split.GroupCounts.Sum()} rows, groups (g = 2y + a) [{string.Join(", ", split.GroupCounts)}]");
                }
            });
        });
        return command;
    }
}
