namespace Minimax.Engine.Evaluation;

/// <summary>The χ² distribution with one degree of freedom.</summary>
internal static class ChiSquaredOneDegree
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrtPi = 0.5641895835477563;

    /// <summary>P(X ≥ x) = erfc(√(x/2)).</summary>
    public static double Survival(double x) => x <= 0 ? 1 : Erfc(Math.Sqrt(x / 2));

    private static double Erfc(double z)
    {
        var z2 = z * z;
        if (z < 2.5)
        {
            // erf z = (2/√π)·z·e^(−z²)·Σ (2z²)ⁿ/(1·3·…·(2n+1)): every term positive, so no cancellation
            // (Abramowitz & Stegun 7.1.6).
            double term = 1, sum = 1;
            for (var n = 1; term > sum * 1e-17; n++)
            {
                term *= 2 * z2 / (2 * n + 1);
                sum += term;
            }

            return 1 - TwoOverSqrtPi * z * Math.Exp(-z2) * sum;
        }

        // erfc z = (e^(−z²)/√π) / (z + (1/2)/(z + 1/(z + (3/2)/(z + …)))) (A&S 7.1.14), by the modified Lentz method.
        const double tiny = 1e-300;
        var f = z;
        var cc = z;
        var d = 0.0;
        for (var n = 1; n < 10_000; n++)
        {
            var a = n / 2.0;
            d = z + a * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            cc = z + a / cc;
            cc = Math.Abs(cc) < tiny ? tiny : cc;
            var delta = cc * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return OneOverSqrtPi * Math.Exp(-z2) / f;
    }
}
