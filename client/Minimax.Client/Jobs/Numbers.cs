using System.Globalization;

namespace Minimax.Client.Jobs;

/// <summary>Numbers as the tables show them: invariant culture, a fixed number of decimals.</summary>
internal static class Numbers
{
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>", estimated peak 1.2 GiB per worker" for a header line, or nothing when the cluster sent no estimate.</summary>
    public static string MemoryPerWorker(long bytes) =>
        bytes > 0 ? $", estimated peak {Contracts.Specs.MemoryEstimate.Format(bytes)} per worker" : "";
}
