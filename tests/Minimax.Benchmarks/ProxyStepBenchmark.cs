using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Minimax.Contracts.Specs;
using Minimax.Engine.Text;
using Minimax.Grains.Mixtures;
using Minimax.Grains.Training;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// DoReMi's proxy step (proxy forward and backward, reference forward, domain-weight update, across W
/// workers through grains) against a plain single-process LM training step of the same model and batch.
/// </summary>
public static class ProxyStepBenchmark
{
    private const int BatchSize = 40;

    public static async Task RunAsync(int steps, int rounds, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-bench-corpus-").FullName;
        DomainCorpus.Write(directory, trainChars: 64 << 10, heldoutChars: 4 << 10);
        // The example's model and batch, through the spec overrides a user would use.
        var job = MixtureSpecReader.Read(
            DomainCorpus.MixtureYaml(directory, steps, workers: 1),
            ["model.layers=2", "model.heads=4", "model.width=64", "model.ff=256", "model.context=64", $"training.batch_size={BatchSize}", $"training.eval_every={steps}"],
            directory);
        var corpus = TextCorpusReader.Read(job.Data.ToTextDataOptions(job.Model.Context, Minimax.Engine.Files.DataRoots.Everywhere));
        var options = job.Model.ToTransformerOptions(corpus.VocabularySize);

        using var host = await BenchmarkSilo.StartAsync(directory);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var reference = await InProcessSilo.RunToEndAsync(grains, MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform));

        var samples = new Dictionary<string, List<double>>
        {
            ["plain"] = [], ["+ref fwd"] = [], ["erm W=1"] = [], ["proxy W=1"] = [], ["proxy W=2"] = [],
        };
        for (var round = 0; round < rounds; round++)
        {
            // Interleaved so that machine noise hits every configuration alike.
            var (plain, withReference) = PlainLmLoop.MedianSeconds(corpus.Train, options, job.Training.Optimizer.ToOptimizerOptions(), BatchSize, steps);
            samples["plain"].Add(plain);
            samples["+ref fwd"].Add(withReference);
            samples["erm W=1"].Add(await InProcessSilo.MedianStepSecondsAsync(grains, MixtureStages.ComparisonRun(job, "erm", DomainWeightsSpec.Uniform)));
            var proxy = MixtureStages.ProxyRun(job, 1, reference.RunId);
            samples["proxy W=1"].Add(await InProcessSilo.MedianStepSecondsAsync(grains, proxy));
            samples["proxy W=2"].Add(await InProcessSilo.MedianStepSecondsAsync(grains, proxy with { Training = proxy.Training with { Workers = 2 } }));
        }
        await host.StopAsync();

        output.WriteLine(
            $"Transformer LM {job.Model.Layers} layers, width {job.Model.Width}, ff {job.Model.Ff}, context {job.Model.Context}, " +
            $"vocabulary {corpus.VocabularySize}, batch {BatchSize} windows, AdamW; {steps} steps x {rounds} rounds, medians");
        output.WriteLine("plain: single-process training step; +ref fwd: the same step plus an eval-mode forward of a frozen reference and the clipped excess (the expected proxy cost)");
        Stats.WriteRatioTable(output, samples, "plain");
    }
}
