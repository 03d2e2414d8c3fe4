using System.Globalization;

namespace Minimax.Client.Tests;

/// <summary>A generated split read back: the header and every cell as a number.</summary>
internal sealed class Csv
{
    private Csv(string[] header, double[][] rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public double[][] Rows { get; }

    public static Csv Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1)
            .Select(line => line.Split(',').Select(cell => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return new Csv(header, rows);
    }

    public int[] ColumnsStartingWith(string prefix) =>
        Enumerable.Range(0, Header.Length).Where(i => Header[i].StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    public int Y(double[] row) => (int)row[0];

    public int A(double[] row) => (int)row[1];

    /// <summary>Rows per group g = 2y + a.</summary>
    public int[] GroupCounts()
    {
        var counts = new int[4];
        foreach (var row in Rows)
        {
            counts[(2 * Y(row)) + A(row)]++;
        }

        return counts;
    }

    /// <summary>Fraction of <paramref name="rows"/> where 1[mean of <paramref name="columns"/> &gt; 0] equals <paramref name="target"/>.</summary>
    public static double SignOfMeanAccuracy(IEnumerable<double[]> rows, int[] columns, Func<double[], int> target)
    {
        var list = rows.ToList();
        var right = list.Count(row => (columns.Average(c => row[c]) > 0 ? 1 : 0) == target(row));
        return (double)right / list.Count;
    }
}
