namespace Minimax.Engine.Data;

/// <summary>
/// A problem with a data file. The message names the file, and the line (1-based, the header is line 1)
/// and column where they apply, e.g. <c>data/train.csv line 17 column 'f3': 'abc' is not a number</c>.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string message)
        : base(message)
    {
    }

    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataException(string? file, int? line, string? column, string problem, Exception? innerException = null)
        : base(Describe(file, line, column, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string? File { get; }

    public int? Line { get; }

    public string? Column { get; }

    private static string Describe(string? file, int? line, string? column, string problem)
    {
        var place = string.Join(' ', new[]
        {
            file,
            line is { } l ? $"line {l}" : null,
            column is { } c ? $"column {ContentExcerpt.Quote(c)}" : null,
        }.Where(part => part is not null));
        return place.Length == 0 ? problem : $"{place}: {problem}";
    }
}
