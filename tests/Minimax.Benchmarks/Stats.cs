namespace Minimax.Benchmarks;

public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile (p in [0, 1]).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Each configuration's median step in ms and its ratio to the median of <paramref name="baseline"/>.</summary>
    public static void WriteRatioTable(TextWriter output, IReadOnlyDictionary<string, List<double>> samples, string baseline)
    {
        var reference = Median(samples[baseline]);
        output.WriteLine($"{"config",-10} {"step ms",10} {"ratio",8}");
        foreach (var (name, values) in samples)
        {
            var median = Median(values);
            output.WriteLine($"{name,-10} {median * 1000,10:F3} {median / reference,8:F3}");
        }
    }
}
