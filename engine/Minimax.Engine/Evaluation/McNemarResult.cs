namespace Minimax.Engine.Evaluation;

/// <summary>
/// The outcome of <see cref="McNemar.Test"/>. <see cref="Test"/> is <see cref="McNemar.Exact"/> or
/// <see cref="McNemar.ChiSquare"/>; <see cref="Statistic"/> is min(b, c) for the exact test (as statsmodels and
/// ALGORITHMS.md EVAL-4 report it) and the continuity-corrected χ² otherwise.
/// </summary>
public sealed record McNemarResult(string Test, double? Statistic, double PValue);
