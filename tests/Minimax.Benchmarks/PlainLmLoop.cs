using System.Diagnostics;
using Minimax.Engine.Models;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using static TorchSharp.torch;

namespace Minimax.Benchmarks;

/// <summary>
/// The baseline for the proxy step: an ordinary single-process TorchSharp language-model training loop
/// (mean token loss, AdamW) on the same model, batch and windows, timed from drawing the batch to the
/// optimizer step as the coordinator times a step. With <c>withReference</c>, every step also does what
/// DoReMi's proxy adds: an eval-mode forward of a frozen reference model on the same batch and the clipped
/// excess loss, so the loop does the proxy step's work.
/// </summary>
public static class PlainLmLoop
{
    public static double MedianStepSeconds(
        TokenWindows train, TransformerOptions options, OptimizerOptions optimizerOptions, int batchSize, int steps, int threads, bool withReference)
    {
        // libtorch's thread setting belongs to the calling thread, and this loop never leaves it.
        IntraOpThreads.Use(threads);
        using var model = new TransformerLm(options);
        using var reference = new TransformerLm(options);
        ParameterVector.Initialize(model, 1);
        ParameterVector.Initialize(reference, 2);
        reference.eval();
        using var optimizer = OptimizerFactory.Create(optimizerOptions, model.parameters());
        using var windows = tensor(train.Tokens, [train.Count, train.WindowLength]);
        var random = new Random(5);
        var times = new List<double>(steps);
        for (var step = 0; step < steps; step++)
        {
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                var batch = windows.index_select(0, tensor(Enumerable.Range(0, batchSize).Select(_ => (long)random.Next(train.Count)).ToArray()));
                var inputs = batch.narrow(1, 0, train.Context);
                var targets = batch.narrow(1, 1, train.Context);
                model.train();
                optimizer.zero_grad();
                var losses = model.PerTokenLoss(inputs, targets);
                if (withReference)
                {
                    using (no_grad())
                    {
                        (losses.detach() - reference.PerTokenLoss(inputs, targets)).clamp_min(0).sum().item<float>();
                    }
                }
                losses.mean().backward();
                optimizer.step();
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Stats.Median(times);
    }
}
