namespace Minimax.Engine.Evaluation;

/// <summary>Which side of a CounterAnimal pair a group's background is on (ALGORITHMS.md §5b).</summary>
public enum BackgroundRole
{
    /// <summary>Neither common nor counter: left out of the comparison.</summary>
    None,
    Common,
    Counter,
}
