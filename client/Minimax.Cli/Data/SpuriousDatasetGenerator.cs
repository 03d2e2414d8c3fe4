using System.Globalization;
using System.Text;

namespace Minimax.Cli.Data;

/// <summary>
/// Writes a Waterbirds-like binary task as train.csv, val.csv and test.csv with columns y, a and the
/// features. Groups are g = 2y + a; in train a equals y for <see cref="SpuriousDatasetOptions.SpuriousCorrelation"/>
/// of the rows (group sizes 47.5/2.5/2.5/47.5 %), in val and test the four groups are equal. A model
/// that reads the strong spurious block is right on the majority groups and wrong on the minority
/// ones; only the weak core block predicts y everywhere. Deterministic for a seed.
/// </summary>
internal static class SpuriousDatasetGenerator
{
    public const int GroupCount = 4;

    /// <summary>Writes the three files into <paramref name="directory"/>; returns group counts per split.</summary>
    public static IReadOnlyList<SplitSummary> Write(string directory, SpuriousDatasetOptions options)
    {
        Directory.CreateDirectory(directory);
        var header = Header(options);
        var rho = options.SpuriousCorrelation;
        var trainShares = new[] { rho / 2, (1 - rho) / 2, (1 - rho) / 2, rho / 2 };
        var balancedShares = new[] { 0.25, 0.25, 0.25, 0.25 };
        var splits = new (string Name, int Rows, double[] Shares)[]
        {
            ("train", options.TrainRows, trainShares),
            ("val", options.ValRows, balancedShares),
            ("test", options.TestRows, balancedShares),
        };

        var summaries = new List<SplitSummary>();
        for (var split = 0; split < splits.Length; split++)
        {
            var (name, rows, shares) = splits[split];
            // One stream per split, so changing --train does not change val or test.
            var random = new Random(unchecked((options.Seed * 1_000_003) + split));
            var counts = GroupCounts(rows, shares);
            var path = Path.Combine(directory, $"{name}.csv");
            WriteSplit(path, header, counts, options, random);
            summaries.Add(new SplitSummary(name, path, counts));
        }

        return summaries;
    }

    /// <summary>Largest-remainder rounding of shares to row counts, with every group present.</summary>
    public static int[] GroupCounts(int rows, IReadOnlyList<double> shares)
    {
        var exact = shares.Select(s => s * rows).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var byRemainder = Enumerable.Range(0, counts.Length).OrderByDescending(g => exact[g] - counts[g]).ThenBy(g => g).ToArray();
        for (var i = 0; counts.Sum() < rows; i++)
        {
            counts[byRemainder[i % byRemainder.Length]]++;
        }

        for (var g = 0; g < counts.Length; g++)
        {
            if (counts[g] == 0 && shares[g] > 0)
            {
                var largest = Array.IndexOf(counts, counts.Max());
                counts[largest]--;
                counts[g]++;
            }
        }

        return counts;
    }

    private static string Header(SpuriousDatasetOptions options)
    {
        var columns = new List<string> { "y", "a" };
        columns.AddRange(Enumerable.Range(0, options.CoreDims).Select(i => $"core_{i}"));
        columns.AddRange(Enumerable.Range(0, options.SpuriousDims).Select(i => $"spurious_{i}"));
        columns.AddRange(Enumerable.Range(0, options.NoiseDims).Select(i => $"noise_{i}"));
        return string.Join(',', columns);
    }

    private static void WriteSplit(string path, string header, int[] counts, SpuriousDatasetOptions options, Random random)
    {
        var groups = new int[counts.Sum()];
        var next = 0;
        for (var g = 0; g < counts.Length; g++)
        {
            for (var i = 0; i < counts[g]; i++)
            {
                groups[next++] = g;
            }
        }

        random.Shuffle(groups);

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        writer.WriteLine(header);
        var line = new StringBuilder();
        foreach (var group in groups)
        {
            var y = group / 2;
            var a = group % 2;
            line.Clear().Append(y).Append(',').Append(a);
            for (var i = 0; i < options.CoreDims; i++)
            {
                Append(line, ((2 * y) - 1) * options.CoreMean + Gaussian(random));
            }

            for (var i = 0; i < options.SpuriousDims; i++)
            {
                Append(line, ((2 * a) - 1) + (options.SpuriousNoise * Gaussian(random)));
            }

            for (var i = 0; i < options.NoiseDims; i++)
            {
                Append(line, Gaussian(random));
            }

            writer.WriteLine(line);
        }
    }

    private static void Append(StringBuilder line, double value) =>
        line.Append(',').Append(((float)value).ToString("R", CultureInfo.InvariantCulture));

    // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
