namespace Minimax.Engine.Evaluation;

/// <summary>
/// McNemar's paired test of two classifiers on the same examples, as allenai/persona-bias
/// <c>persona/utils/significance_testing.py</c> runs it (ALGORITHMS.md §6c.3, test vectors EVAL-4 and EVAL-5).
/// </summary>
public static class McNemar
{
    public const string Exact = "mcnemar_exact";

    public const string ChiSquare = "mcnemar_chi2";

    /// <summary>Below this many examples in any cell of the 2×2 table the exact binomial test is used.</summary>
    public const long ExactBelow = 25;

    /// <summary>
    /// Tests the discordant pairs b = <paramref name="baseOnlyCorrect"/> and c = <paramref name="modelOnlyCorrect"/>.
    /// Exact: p = min(1, 2·P(X ≤ min(b, c))) with X ~ Bin(b + c, ½), and p = 1 when b + c = 0.
    /// χ²: (|b − c| − 1)²/(b + c) with one degree of freedom.
    /// </summary>
    public static McNemarResult Test(long bothCorrect, long baseOnlyCorrect, long modelOnlyCorrect, long bothWrong)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bothCorrect);
        ArgumentOutOfRangeException.ThrowIfNegative(baseOnlyCorrect);
        ArgumentOutOfRangeException.ThrowIfNegative(modelOnlyCorrect);
        ArgumentOutOfRangeException.ThrowIfNegative(bothWrong);

        var b = baseOnlyCorrect;
        var c = modelOnlyCorrect;
        var discordant = checked(b + c);
        if (Math.Min(Math.Min(bothCorrect, bothWrong), Math.Min(b, c)) < ExactBelow)
        {
            var k = Math.Min(b, c);
            var p = discordant == 0 ? 1 : Math.Min(1, 2 * Binomial.HalfLowerTail(k, discordant));
            return new McNemarResult(Exact, k, p);
        }

        var excess = Math.Abs(b - c) - 1.0;
        var statistic = excess * excess / discordant;
        return new McNemarResult(ChiSquare, statistic, ChiSquaredOneDegree.Survival(statistic));
    }
}
