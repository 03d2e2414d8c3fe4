namespace Minimax.Engine.Models;

/// <summary>What a worker's memory is spent on; the parts of a <see cref="WorkerMemory"/> estimate.</summary>
public enum MemoryPart
{
    Parameters,
    Gradients,
    OptimizerState,
    /// <summary>What one training step's forward keeps for backward, plus backward's transient gradients.</summary>
    Activations,
    /// <summary>One evaluation batch (no graph); never held at the same time as <see cref="Activations"/>.</summary>
    Evaluation,
    /// <summary>A frozen reference model and its forward pass (a DoReMi proxy).</summary>
    Reference,
    /// <summary>The data the worker reads and its shard as a tensor.</summary>
    Data,
}

/// <summary>One term of an estimate: its part, what it is (e.g. "feed-forward") and its bytes.</summary>
public sealed record MemoryTerm(MemoryPart Part, string Name, long Bytes);

/// <summary>
/// The estimated peak memory of one worker, by term. Training activations and an evaluation batch are
/// never alive together, so the peak holds the larger of the two beside everything else.
/// </summary>
public sealed record WorkerMemory(IReadOnlyList<MemoryTerm> Terms)
{
    public long Of(MemoryPart part) => Saturated(Terms.Where(t => t.Part == part).Sum(t => (double)t.Bytes));

    public long Peak => Saturated(PeakTerms.Sum(t => (double)t.Bytes));

    /// <summary>The term that contributes most to <see cref="Peak"/>.</summary>
    public MemoryTerm Largest => PeakTerms.MaxBy(t => t.Bytes) ?? new MemoryTerm(MemoryPart.Parameters, "parameters", 0);

    private IEnumerable<MemoryTerm> PeakTerms
    {
        get
        {
            var transient = Of(MemoryPart.Activations) >= Of(MemoryPart.Evaluation) ? MemoryPart.Evaluation : MemoryPart.Activations;
            return Terms.Where(t => t.Part != transient);
        }
    }

    public static long Saturated(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(bytes);
}
