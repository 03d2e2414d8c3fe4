using System.Globalization;
using System.Text;

namespace Minimax.Benchmarks;

/// <summary>Generated 100-feature binary tasks with 4 groups (g = 2y + a), written as train, val and test CSVs.</summary>
public static class BenchmarkData
{
    public const int Features = 100;

    /// <summary>The e2e mode's training rows, the size of Waterbirds' training set.</summary>
    public const int WaterbirdsTrainRows = 4800;

    /// <summary>Balanced labels, the attribute agreeing with the label in 90% of every split.</summary>
    public static string Write(int trainRows) =>
        Write("minimax-bench-", [new("train", trainRows, 0.5, 0.9), new("val", 512, 0.5, 0.9), new("test", 512, 0.5, 0.9)]);

    /// <summary>
    /// Waterbirds-like: 23% positives and the attribute agreeing with the label in 95% of training rows,
    /// so the groups hold about 73%, 4%, 1% and 22% of them (a minority group of about 55 rows); val and
    /// test have the attribute independent of the label.
    /// </summary>
    public static string WriteWaterbirdsLike() =>
        Write("minimax-bench-e2e-", [new("train", WaterbirdsTrainRows, 0.23, 0.95), new("val", 1200, 0.23, 0.5), new("test", 1200, 0.23, 0.5)]);

    private static string Write(string prefix, Split[] splits)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        var random = new Random(11);
        foreach (var split in splits)
        {
            var text = new StringBuilder("y,a");
            for (var f = 0; f < Features; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $",f{f}");
            }
            text.Append('\n');
            for (var i = 0; i < split.Rows; i++)
            {
                var y = random.NextDouble() < split.PositiveShare ? 1 : 0;
                var a = random.NextDouble() < split.Agreement ? y : 1 - y;
                text.Append(CultureInfo.InvariantCulture, $"{y},{a}");
                for (var f = 0; f < Features; f++)
                {
                    var signal = f < 5 ? (y - 0.5) : f < 10 ? (a - 0.5) * 2 : 0;
                    text.Append(CultureInfo.InvariantCulture, $",{(signal + random.NextDouble() - 0.5):F4}");
                }
                text.Append('\n');
            }
            File.WriteAllText(Path.Combine(directory, $"{split.Name}.csv"), text.ToString());
        }
        return directory;
    }

    private sealed record Split(string Name, int Rows, double PositiveShare, double Agreement);
}
