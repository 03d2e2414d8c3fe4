using Minimax.Contracts.Specs;
using Minimax.Engine.Text;
using Minimax.Grains.Mixtures;
using Minimax.Grains.Training;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// DoReMi's proxy step (proxy forward and backward, reference forward, domain-weight update, across W
/// workers through grains) against a plain single-process LM training step of the same model and batch,
/// with and without the reference forward the proxy does.
/// </summary>
public static class ProxyStepBenchmark
{
    private const int BatchSize = 40;
    private const string Baseline = "plain+ref";

    public static async Task RunAsync(int steps, int rounds, BenchmarkThreads threads, TextWriter output)
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
        var optimizer = job.Training.Optimizer.ToOptimizerOptions();

        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting);
        var reference = await silo.RunToEndAsync(MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform));
        var proxy = MixtureStages.ProxyRun(job, 1, reference.RunId);

        var measured = new Rounds(
            $"Transformer LM {job.Model.Layers} layers, width {job.Model.Width}, ff {job.Model.Ff}, context {job.Model.Context}, " +
            $"vocabulary {corpus.VocabularySize}, batch {BatchSize} windows, AdamW; {steps} steps per round; a round's figure is its median step",
            threads, RoundUnit.StepMilliseconds);
        measured.Note("plain: single-process training step; plain+ref: the same step plus an eval-mode forward of a frozen reference " +
            "and the clipped excess, the work of a proxy step (the baseline); erm W=1: an LM run through grains; proxy W=n: DoReMi proxy runs");
        measured.Add("plain", threads.Plain, () => Task.FromResult(PlainLmLoop.MedianStepSeconds(corpus.Train, options, optimizer, BatchSize, steps, threads.Plain, withReference: false)));
        measured.Add(Baseline, threads.Plain, () => Task.FromResult(PlainLmLoop.MedianStepSeconds(corpus.Train, options, optimizer, BatchSize, steps, threads.Plain, withReference: true)));
        measured.Add("erm W=1", threads.Worker(1), () => silo.MedianStepSecondsAsync(MixtureStages.ComparisonRun(job, "erm", DomainWeightsSpec.Uniform)));
        measured.Add("proxy W=1", threads.Worker(1), () => silo.MedianStepSecondsAsync(proxy));
        measured.Add("proxy W=2", threads.Worker(2), () => silo.MedianStepSecondsAsync(proxy with { Training = proxy.Training with { Workers = 2 } }));
        await measured.RunAsync(rounds, Baseline, output);
    }
}
