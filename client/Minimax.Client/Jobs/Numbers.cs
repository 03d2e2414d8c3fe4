using System.Globalization;

namespace Minimax.Client.Jobs;

/// <summary>Numbers as the tables show them: invariant culture, a fixed number of decimals.</summary>
internal static class Numbers
{
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
