namespace Minimax.Engine.Evaluation;

/// <summary>The CounterAnimal comparison pooled over all examples and per class (ALGORITHMS.md §5g).</summary>
public sealed record CommonCounterResult(CommonCounterRow Pooled, IReadOnlyList<CommonCounterRow> PerClass);
