using System.Diagnostics;
using Minimax.Engine.Models;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using static TorchSharp.torch;

namespace Minimax.Benchmarks;

/// <summary>
/// The baseline for the proxy step: an ordinary single-process TorchSharp language-model training loop
/// (mean token loss, AdamW), and the cost of one extra eval-mode forward of a second model on the same
/// batch, which is what DoReMi's frozen reference adds to every proxy step.
/// </summary>
public static class PlainLmLoop
{
    public static (double StepSeconds, double WithReferenceSeconds) MedianSeconds(
        TokenWindows train, TransformerOptions options, OptimizerOptions optimizerOptions, int batchSize, int steps)
    {
        using var model = new TransformerLm(options);
        using var reference = new TransformerLm(options);
        ParameterVector.Initialize(model, 1);
        ParameterVector.Initialize(reference, 2);
        reference.eval();
        using var optimizer = OptimizerFactory.Create(optimizerOptions, model.parameters());
        using var windows = tensor(train.Tokens, [train.Count, train.WindowLength]);
        var random = new Random(5);
        var plainTimes = new List<double>(steps);
        var withReferenceTimes = new List<double>(steps);
        for (var step = 0; step < 2 * steps; step++)
        {
            // Alternating, so both kinds of step see the same machine.
            var withReference = step % 2 == 1;
            using var scope = NewDisposeScope();
            var batch = windows.index_select(0, tensor(Enumerable.Range(0, batchSize).Select(_ => (long)random.Next(train.Count)).ToArray()));
            var inputs = batch.narrow(1, 0, train.Context);
            var targets = batch.narrow(1, 1, train.Context);

            var clock = Stopwatch.StartNew();
            model.train();
            optimizer.zero_grad();
            var losses = model.PerTokenLoss(inputs, targets);
            if (withReference)
            {
                using (no_grad())
                {
                    // What the proxy adds: the frozen reference's token losses and the clipped excess.
                    (losses.detach() - reference.PerTokenLoss(inputs, targets)).clamp_min(0).sum().item<float>();
                }
            }
            losses.mean().backward();
            optimizer.step();
            (withReference ? withReferenceTimes : plainTimes).Add(clock.Elapsed.TotalSeconds);
        }
        return (Stats.Median(plainTimes), Stats.Median(withReferenceTimes));
    }
}
