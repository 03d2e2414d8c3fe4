namespace Minimax.Engine.Evaluation;

/// <summary>A multiple-comparison correction for a family of p-values (ALGORITHMS.md §6c.3).</summary>
public enum Correction
{
    None,
    Holm,
    BenjaminiHochberg,
}
