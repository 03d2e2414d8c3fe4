using Minimax.Engine.Data;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Randomness;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Minimax.Engine.Tests.Models;

/// <summary>
/// The estimate against the measured peak of one worker step (forward, backward, optimizer step, one
/// evaluation batch). Sizes put the step in the hundreds of MB so that the runtime's own noise does not
/// dominate; alone in its collection, so no other test allocates while it measures.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class WorkerMemoryEstimatorTests(ITestOutputHelper output)
{
    private static readonly OptimizerOptions AdamW = new(OptimizerKind.AdamW, 1e-3, 0, 0.01, 0.9, 0.999, 1e-8);

    [Theory]
    [InlineData(MlpActivation.Relu, 0.0)]
    [InlineData(MlpActivation.Gelu, 0.1)]
    public void Mlp_estimate_is_within_2x_of_the_measured_peak(MlpActivation activation, double dropout)
    {
        // Narrow layers and many rows: hundreds of MB of activations for few FLOPs.
        const int Inputs = 64, Rows = 65536, Classes = 4;
        int[] hidden = [128, 128, 128];
        var baseline = PeakResidentMemory.Reset();
        var rng = new SplitMix64(1);
        var features = new float[Rows * Inputs];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)rng.NextDouble();
        }
        var split = new TabularSplit(features, Inputs, [.. Enumerable.Range(0, Rows).Select(i => i % Classes)], new int[Rows]);
        using var model = new Mlp(Inputs, hidden, Classes, activation, dropout);
        ParameterVector.Initialize(model, 2);
        using var optimizer = OptimizerFactory.Create(AdamW, model.parameters());
        using (var step = new ShardStep(model, split, 1))
        {
            step.Forward([.. Enumerable.Range(0, Rows)]);
            step.Backward([1.0]);
        }
        optimizer.step();
        Evaluator.Tally(model, split, 1);
        var measured = PeakResidentMemory.Peak() - baseline;

        // The split in managed memory and its copy as a tensor.
        var estimate = WorkerMemoryEstimator.Mlp(Inputs, hidden, Classes, activation, dropout, AdamW, Rows, 4096, 1, 2L * features.Length * sizeof(float));
        AssertWithin2x(estimate, measured);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Transformer_estimate_is_within_2x_of_the_measured_peak(double dropout)
    {
        var options = new TransformerOptions(257, 128, Layers: 2, Heads: 4, Width: 64, Ff: 256, dropout);
        const int Windows = 128;
        var baseline = PeakResidentMemory.Reset();
        var rng = new SplitMix64(3);
        var tokens = new long[Windows * (options.Context + 1)];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = rng.NextInt(options.VocabularySize);
        }
        var windows = new TokenWindows(options.Context, tokens, new int[Windows]);
        using var model = new TransformerLm(options);
        ParameterVector.Initialize(model, 4);
        using var optimizer = OptimizerFactory.Create(AdamW, model.parameters());
        using (var step = new LmShardStep(model, null, windows, 1))
        {
            step.Forward([.. Enumerable.Range(0, Windows)]);
            step.Backward([1.0]);
        }
        optimizer.step();
        LmEvaluator.Tally(model, windows, 1, 32);
        var measured = PeakResidentMemory.Peak() - baseline;

        var estimate = WorkerMemoryEstimator.Transformer(options, AdamW, reference: false, Windows, 32, 1, 2L * tokens.Length * sizeof(long));
        AssertWithin2x(estimate, measured);
    }

    private void AssertWithin2x(WorkerMemory estimate, long measured)
    {
        var ratio = (double)estimate.Peak / measured;
        output.WriteLine($"estimate {estimate.Peak / 1e6:F1} MB, measured {measured / 1e6:F1} MB, ratio {ratio:F2}");
        foreach (var term in estimate.Terms)
        {
            output.WriteLine($"  {term.Part} {term.Name}: {term.Bytes / 1e6:F1} MB");
        }
        Assert.True(PeakResidentMemory.Supported, "peak resident memory is read from /proc/self");
        Assert.InRange(ratio, 0.5, 2.0);
    }
}
