using Minimax.Engine.Data;

namespace Minimax.Engine.Tests.Data;

/// <summary>A five-row training split and a two-row holdout, grouped by [place] (four groups), for the tabular reader tests.</summary>
internal static class SmallTabular
{
    public const string Train = "y,place,f1,f2\n0,0,1.0,10\n0,1,2.0,20\n1,0,3.0,30\n1,1,4.0,40\n0,0,5.0,50\n";
    public const string Holdout = "y,place,f1,f2\n1,1,1.5,15\n0,0,2.5,25\n";

    /// <summary>Writes the three splits into <paramref name="directory"/> and reads them by label y and groups by [place].</summary>
    public static TabularDataOptions Options(TempDirectory directory, string train, string val, string test) => new(
        DataFileFormat.Csv,
        directory.Write("train.csv", train),
        directory.Write("val.csv", val),
        directory.Write("test.csv", test),
        "y",
        null,
        ["place"],
        [],
        false);

    /// <summary>The error names the file, line and column, in its fields and its message.</summary>
    public static void AssertPlace(DataException e, string file, int? line, string column)
    {
        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(file, e.Message);
        Assert.Contains($"column '{column}'", e.Message);
        if (line is { } l)
        {
            Assert.Contains($"line {l}", e.Message);
        }
    }
}
