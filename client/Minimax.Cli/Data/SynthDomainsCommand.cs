using System.CommandLine;
using System.Globalization;

namespace Minimax.Cli.Data;

/// <summary><c>minimax data synth-domains</c>: writes the synthetic multi-domain text corpus for DoReMi.</summary>
internal static class SynthDomainsCommand
{
    public static Command Create()
    {
        var defaults = new DomainCorpusOptions();
        var output = new Option<string>("--out") { Description = "Folder to write train/<domain>/part-0.txt and heldout/<domain>/part-0.txt into", Required = true, HelpName = "DIR" };
        var seed = DataCommand.WithDefault("--seed", "Random seed", defaults.Seed);
        var trainKib = DataCommand.WithDefault("--train-kib", "Training text per domain, in KiB", defaults.TrainKib);
        var heldoutKib = DataCommand.WithDefault("--heldout-kib", "Held-out text per domain, in KiB", defaults.HeldoutKib);

        var command = new Command(
            "synth-domains",
            $"Write a text corpus with domains of very different learnability: {string.Join(", ", DomainTexts.Names)}")
        {
            output, seed, trainKib, heldoutKib,
        };
        command.SetAction(parse =>
        {
            var options = new DomainCorpusOptions
            {
                Seed = parse.GetValue(seed),
                TrainKib = parse.GetValue(trainKib),
                HeldoutKib = parse.GetValue(heldoutKib),
            };
            return DataCommand.Generate(options.Validate(), () =>
            {
                foreach (var domain in DomainCorpusGenerator.Write(parse.GetRequiredValue(output), options))
                {
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{domain.Domain}: train {domain.TrainPath} ({domain.TrainBytes} bytes), heldout {domain.HeldoutPath} ({domain.HeldoutBytes} bytes), gzip ratio {domain.TrainGzipRatio:F3}"));
                }
            });
        });
        return command;
    }
}
