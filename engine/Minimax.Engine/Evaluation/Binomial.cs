namespace Minimax.Engine.Evaluation;

/// <summary>
/// Tails of Bin(n, ½) that stay accurate for n up to 10⁷ and beyond: the probability of the last term is computed
/// by Loader's saddle-point form (Loader 2000, "Fast and accurate computation of binomial probabilities", as in R's
/// dbinom), which avoids subtracting log-factorials of size n·log n, and the tail is summed downwards from it.
/// </summary>
internal static class Binomial
{
    private const double Ln2 = 0.6931471805599453;
    private const double Ln2Pi = 1.8378770664093453;

    /// <summary>P(X ≤ k) for X ~ Bin(n, ½) and 0 ≤ k ≤ n/2.</summary>
    public static double HalfLowerTail(long k, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(2 * k, n, nameof(k));

        // Below the mode each term is smaller than the next: P(i−1)/P(i) = i/(n−i+1) < 1.
        var term = HalfProbability(k, n);
        var sum = term;
        for (var i = k; i > 0 && term > sum * 1e-17; i--)
        {
            term *= i / (double)(n - i + 1);
            sum += term;
        }

        return sum;
    }

    /// <summary>P(X = k) for X ~ Bin(n, ½).</summary>
    private static double HalfProbability(long k, long n)
    {
        if (k == 0 || k == n)
        {
            return Math.Exp(-n * Ln2);
        }

        var half = n / 2.0;
        var logC = StirlingError(n) - StirlingError(k) - StirlingError(n - k) - Deviance(k, half) - Deviance(n - k, half);
        var logF = Ln2Pi + Math.Log(k) + Math.Log(1 - k / (double)n);
        return Math.Exp(logC - 0.5 * logF);
    }

    /// <summary>ln n! − ((n + ½)·ln n − n + ½·ln 2π), the error of Stirling's formula, for n ≥ 1.</summary>
    private static double StirlingError(long n)
    {
        if (n <= 15)
        {
            // n! is exact in a double up to 15!, and the logs here are small, so the difference loses little.
            double factorial = 1;
            for (var i = 2; i <= n; i++)
            {
                factorial *= i;
            }

            return Math.Log(factorial) - (n + 0.5) * Math.Log(n) + n - 0.5 * Ln2Pi;
        }

        // The Stirling series 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹, truncated where the rest is below ε.
        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        double x = n;
        var x2 = x * x;
        return n switch
        {
            > 500 => (s0 - s1 / x2) / x,
            > 80 => (s0 - (s1 - s2 / x2) / x2) / x,
            > 35 => (s0 - (s1 - (s2 - s3 / x2) / x2) / x2) / x,
            _ => (s0 - (s1 - (s2 - (s3 - s4 / x2) / x2) / x2) / x2) / x,
        };
    }

    /// <summary>x·ln(x/m) + m − x, summed as a series when x is near m so that it does not cancel.</summary>
    private static double Deviance(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            var v = (x - m) / (x + m);
            var sum = (x - m) * v;
            var power = 2 * x * v;
            var v2 = v * v;
            for (var j = 1; j < 1000; j++)
            {
                power *= v2;
                var next = sum + power / (2 * j + 1);
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return x * Math.Log(x / m) + m - x;
    }
}
