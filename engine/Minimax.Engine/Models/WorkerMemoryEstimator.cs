using Minimax.Engine.Training;

namespace Minimax.Engine.Models;

/// <summary>
/// Estimates one worker's peak memory for a training (or scoring) step of an <see cref="Mlp"/> or a
/// <see cref="TransformerLm"/> from shapes alone, so a spec can be refused before anything is allocated.
/// The counts follow what autograd keeps for backward in these modules (float32 throughout); the estimate
/// is held within 2x of the measured peak by WorkerMemoryEstimatorTests.
/// </summary>
public static class WorkerMemoryEstimator
{
    private const double Float = sizeof(float);

    /// <summary>
    /// Rows per training step on this worker, rows per evaluation batch, and the bytes of data it reads. A null
    /// <paramref name="optimizer"/> estimates scoring only (an evaluation job): no gradients, optimizer state or graph.
    /// </summary>
    public static WorkerMemory Mlp(
        int inputs, IReadOnlyList<int> hidden, int outputs, MlpActivation activation, double dropout,
        OptimizerOptions? optimizer, int batchRows, int evaluationRows, int workers, long dataBytes)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        double parameters = 0, width = inputs, kept = inputs, widest = Math.Max(inputs, outputs);
        // ReLU and Tanh keep their output; GELU its input too; dropout its mask and output.
        var perHidden = (activation == MlpActivation.Gelu ? 2 : 1) + (dropout > 0 ? 2 : 0);
        foreach (var next in hidden.Append(outputs))
        {
            parameters += (width + 1) * next;
            width = next;
        }
        foreach (var next in hidden)
        {
            kept += perHidden * (double)next;
            widest = Math.Max(widest, next);
        }
        var terms = CommonTerms(parameters, optimizer, workers, dataBytes);
        if (optimizer is not null)
        {
            // Logits and their log-softmax; backward holds about two layer-wide gradients at a time.
            terms.Add(Term(MemoryPart.Activations, "hidden layers", batchRows * Float * (kept + 2 * outputs + 2 * widest)));
        }
        // No graph: a layer's input and output, the batch copied in from the managed split.
        terms.Add(Term(MemoryPart.Evaluation, "evaluation batch", evaluationRows * Float * (2 * inputs + 2 * widest + 2 * outputs)));
        return new WorkerMemory(terms);
    }

    /// <summary>
    /// Windows per training step on this worker and per evaluation batch, and the bytes of data (tokens) it holds;
    /// a null <paramref name="optimizer"/> estimates scoring only.
    /// </summary>
    public static WorkerMemory Transformer(
        TransformerOptions options, OptimizerOptions? optimizer, bool reference,
        int batchWindows, int evaluationWindows, int workers, long dataBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (v, t, l, h, w, f) = ((double)options.VocabularySize, (double)options.Context, (double)options.Layers, (double)options.Heads, (double)options.Width, (double)options.Ff);
        var parameters = 2 * v * w + v + t * w + 2 * w
            + l * (w * 3 * w + 3 * w + w * w + w + 4 * w + w * f + f + f * w + w);
        var tokens = batchWindows * t;
        var dropout = options.Dropout > 0;

        var terms = CommonTerms(parameters, optimizer, workers, dataBytes);
        terms.Add(Term(MemoryPart.Evaluation, "evaluation batch", ForwardOnly(evaluationWindows * t, v, w, f)));
        if (optimizer is null)
        {
            return new WorkerMemory(terms);
        }
        // Per block, kept for backward: both LayerNorm outputs, q/k/v, the attention output and its merged copy,
        // both residual sums (9 widths), the MLP's GELU input and output (2 ff widths), dropout masks when used.
        terms.Add(Term(MemoryPart.Activations, "residual stream", tokens * Float * w * (l * (9 + (dropout ? 2 : 0)) + 3 + (dropout ? 1 : 0))));
        terms.Add(Term(MemoryPart.Activations, "feed-forward", tokens * Float * f * 2 * l));
        // Without dropout libtorch's fused CPU attention keeps only a log-sum-exp per query; attention dropout
        // falls back to the plain kernel, which keeps the softmax, its dropout mask and output (batch x heads x context^2).
        terms.Add(Term(MemoryPart.Activations, "attention scores", dropout
            ? batchWindows * h * t * t * Float * (3 * l + 2)
            : tokens * h * Float * l));
        // The log-softmax kept for backward, then the gradients of log-probabilities and of the logits.
        terms.Add(Term(MemoryPart.Activations, "logits", tokens * Float * v * 3));
        if (reference)
        {
            terms.Add(Term(MemoryPart.Reference, "reference model", parameters * Float + ForwardOnly(tokens, v, w, f)));
        }
        return new WorkerMemory(terms);
    }

    /// <summary>A forward pass without a graph: logits and log-softmax, or one block's MLP, beside a few residual widths.</summary>
    private static double ForwardOnly(double tokens, double vocabulary, double width, double ff) =>
        tokens * Float * (Math.Max(2 * vocabulary, 2 * ff) + 4 * width);

    private static List<MemoryTerm> CommonTerms(double parameters, OptimizerOptions? optimizer, int workers, long dataBytes)
    {
        var bytes = parameters * Float;
        var terms = new List<MemoryTerm>
        {
            Term(MemoryPart.Parameters, "parameters", bytes),
            // A flat copy: for checkpoints and model selection, or the final model a scorer loads.
            Term(MemoryPart.Parameters, "parameter copy", bytes),
            Term(MemoryPart.Data, "data shard", dataBytes),
        };
        if (optimizer is null)
        {
            return terms;
        }
        // SGD keeps a momentum buffer when it has momentum, AdamW two moments.
        var moments = optimizer.Kind == OptimizerKind.AdamW ? 2 : optimizer.Momentum != 0 ? 1 : 0;
        terms.Add(Term(MemoryPart.Gradients, "gradients", bytes));
        terms.Add(Term(MemoryPart.OptimizerState, "optimizer state", moments * bytes));
        if (workers > 1)
        {
            // The flat gradient sent for the sum and the summed gradient received.
            terms.Add(Term(MemoryPart.Gradients, "gradient exchange", 2 * bytes));
        }
        return terms;
    }

    private static MemoryTerm Term(MemoryPart part, string name, double bytes) => new(part, name, WorkerMemory.Saturated(bytes));
}
