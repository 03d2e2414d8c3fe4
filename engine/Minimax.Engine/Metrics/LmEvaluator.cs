using Minimax.Engine.Models;
using Minimax.Engine.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Metrics;

/// <summary>
/// Runs a language model over token windows and tallies, per domain, predicted tokens, argmax-correct next
/// tokens and cross-entropy sums: token-level counterparts of <see cref="Evaluator"/>'s per-example tallies.
/// </summary>
public static class LmEvaluator
{
    public static GroupTally Tally(TransformerLm model, TokenWindows windows, int domainCount, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(domainCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        var tally = new GroupTally(domainCount);
        var wasTraining = model.training;
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        var context = windows.Context;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < windows.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, windows.Count - start);
                var batch = tensor(
                    windows.Tokens.AsSpan(start * windows.WindowLength, count * windows.WindowLength).ToArray(),
                    [count, windows.WindowLength]).to(device);
                var inputs = batch[.., ..context];
                var targets = batch[.., 1..];
                var logits = model.forward(inputs);
                var losses = nn.functional.cross_entropy(
                        logits.reshape(-1, model.Options.VocabularySize), targets.reshape(-1), reduction: nn.Reduction.None)
                    .view(count, context).to(ScalarType.Float64).sum(1).cpu().data<double>().ToArray();
                var correct = logits.argmax(2).eq(targets).sum(1).cpu().data<long>().ToArray();
                for (var i = 0; i < count; i++)
                {
                    var d = windows.Domains[start + i];
                    tally.Counts[d] += context;
                    tally.Correct[d] += correct[i];
                    tally.LossSums[d] += losses[i];
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return tally;
    }
}
