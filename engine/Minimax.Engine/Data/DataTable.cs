namespace Minimax.Engine.Data;

/// <summary>One data file seen as named columns that can be read as numbers.</summary>
internal abstract class DataTable
{
    protected DataTable(string file, IReadOnlyList<string> columns, int rowCount)
    {
        File = file;
        Columns = columns;
        RowCount = rowCount;
    }

    public string File { get; }

    public IReadOnlyList<string> Columns { get; }

    public int RowCount { get; }

    /// <summary>Every value of a column as a finite double; a missing, non-numeric or non-finite value is a <see cref="DataException"/>.</summary>
    public abstract double[] ReadNumeric(string column);

    /// <summary>Every value of a column as text (numbers in invariant round-trip form); a missing or empty value is a <see cref="DataException"/>.</summary>
    public abstract string[] ReadText(string column);

    /// <summary>An error about one cell, placed by line (CSV) or row (Parquet).</summary>
    public abstract DataException CellError(int row, string column, string problem);
}
