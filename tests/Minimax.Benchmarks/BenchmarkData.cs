using System.Globalization;
using System.Text;

namespace Minimax.Benchmarks;

/// <summary>A generated 100-feature binary task with 4 groups, written as CSV.</summary>
public static class BenchmarkData
{
    public const int Features = 100;

    public static string Write(int trainRows)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-bench-").FullName;
        var random = new Random(11);
        foreach (var (name, rows) in new[] { ("train", trainRows), ("val", 512), ("test", 512) })
        {
            var text = new StringBuilder("y,a");
            for (var f = 0; f < Features; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $",f{f}");
            }
            text.Append('\n');
            for (var i = 0; i < rows; i++)
            {
                var y = random.Next(2);
                var a = random.NextDouble() < 0.9 ? y : 1 - y;
                text.Append(CultureInfo.InvariantCulture, $"{y},{a}");
                for (var f = 0; f < Features; f++)
                {
                    var signal = f < 5 ? (y - 0.5) : f < 10 ? (a - 0.5) * 2 : 0;
                    text.Append(CultureInfo.InvariantCulture, $",{(signal + random.NextDouble() - 0.5):F4}");
                }
                text.Append('\n');
            }
            File.WriteAllText(Path.Combine(directory, $"{name}.csv"), text.ToString());
        }
        return directory;
    }
}
