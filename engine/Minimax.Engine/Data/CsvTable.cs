using System.Globalization;
using Minimax.Engine.Files;

namespace Minimax.Engine.Data;

/// <summary>
/// A CSV file with a header row (RFC 4180: commas, optional double quotes with "" escapes). The text is kept
/// once and each cell is stored as offsets into it, so only the columns asked for are ever parsed.
/// </summary>
internal sealed class CsvTable : DataTable
{
    private readonly string text;
    private readonly int[] bounds;
    private readonly int[] lines;

    private CsvTable(string file, IReadOnlyList<string> columns, string text, int[] bounds, int[] lines)
        : base(file, columns, lines.Length)
    {
        this.text = text;
        this.bounds = bounds;
        this.lines = lines;
    }

    /// <summary>The longest header row <see cref="ReadHeader"/> reads before giving up on a file without a line break.</summary>
    public const int MaxHeaderChars = 1 << 20;

    public static CsvTable Open(string file, DataRoots roots)
    {
        var text = ReadAllText(file, roots);
        var position = 0;
        var line = 1;
        var cells = new List<int>();
        var headerCells = new List<int>();
        if (!NextRecord(file, text, ref position, ref line, headerCells))
        {
            throw new DataException(file, null, null, "the file is empty; expected a header row");
        }

        var header = Header(file, text, headerCells);
        var lines = new List<int>();
        var record = new List<int>();
        while (true)
        {
            var recordLine = line;
            record.Clear();
            if (!NextRecord(file, text, ref position, ref line, record))
            {
                break;
            }

            // A blank line is one empty unquoted field.
            if (record.Count == 2 && record[0] == record[1])
            {
                continue;
            }

            if (record.Count / 2 != header.Count)
            {
                throw new DataException(file, recordLine, null, $"expected {header.Count} fields as in the header, found {record.Count / 2}");
            }

            cells.AddRange(record);
            lines.Add(recordLine);
        }

        return new CsvTable(file, header, text, cells.ToArray(), lines.ToArray());
    }

    /// <summary>The header row alone, reading at most <see cref="MaxHeaderChars"/> characters of the file.</summary>
    public static IReadOnlyList<string> ReadHeader(string file, DataRoots roots)
    {
        string first;
        try
        {
            using var reader = roots.OpenText(file);
            first = FirstLine(file, reader);
        }
        catch (IOException e)
        {
            throw new DataException(file, null, null, $"cannot be read: {e.Message}", e);
        }

        var position = 0;
        var line = 1;
        var cells = new List<int>();
        NextRecord(file, first, ref position, ref line, cells);
        return Header(file, first, cells);
    }

    public override double[] ReadNumeric(string column)
    {
        var c = ColumnIndex(column);
        var values = new double[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            var cell = Cell(row, c);
            if (cell.IsWhiteSpace())
            {
                throw CellError(row, column, "the value is empty");
            }

            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw CellError(row, column, $"{ContentExcerpt.Quote(cell.ToString())} is not a number");
            }

            if (!double.IsFinite(value))
            {
                throw CellError(row, column, $"{ContentExcerpt.Quote(cell.Trim().ToString())} is not finite");
            }

            values[row] = value;
        }

        return values;
    }

    public override string[] ReadText(string column)
    {
        var c = ColumnIndex(column);
        var values = new string[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            var cell = Cell(row, c).Trim();
            values[row] = cell.Length > 0 ? cell.ToString() : throw CellError(row, column, "the value is empty");
        }

        return values;
    }

    public override DataException CellError(int row, string column, string problem) =>
        new(File, lines[row], column, problem);

    private int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new DataException(File, 1, column, "no such column in the header");
    }

    // A quoted cell's start is stored complemented (see NextRecord).
    private ReadOnlySpan<char> Cell(int row, int column)
    {
        var start = bounds[(row * Columns.Count + column) * 2];
        var end = bounds[(row * Columns.Count + column) * 2 + 1];
        return start >= 0 ? text.AsSpan(start, end - start) : Unquote(text, ~start, end).AsSpan();
    }

    private static string FirstLine(string file, StreamReader reader)
    {
        var buffer = new char[MaxHeaderChars + 1];
        var length = reader.ReadBlock(buffer, 0, buffer.Length);
        if (length == 0)
        {
            throw new DataException(file, null, null, "the file is empty; expected a header row");
        }

        var end = Array.FindIndex(buffer, 0, length, ch => ch is '\r' or '\n');
        return end >= 0 ? new string(buffer, 0, end)
            : length <= MaxHeaderChars ? new string(buffer, 0, length)
            : throw new DataException(file, 1, null, $"the header row is longer than {MaxHeaderChars} characters (is this a CSV file?)");
    }

    private static string ReadAllText(string file, DataRoots roots)
    {
        try
        {
            using var reader = roots.OpenText(file);
            return reader.ReadToEnd();
        }
        catch (IOException e)
        {
            throw new DataException(file, null, null, $"cannot be read: {e.Message}", e);
        }
    }

    private static List<string> Header(string file, string text, List<int> cells)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i += 2)
        {
            var name = (cells[i] >= 0 ? text[cells[i]..cells[i + 1]] : Unquote(text, ~cells[i], cells[i + 1])).Trim();
            if (!seen.Add(name))
            {
                throw new DataException(file, 1, name, "the column name appears twice in the header");
            }

            names.Add(name);
        }

        return names;
    }

    private static string Unquote(string text, int start, int end) => text[start..end].Replace("\"\"", "\"", StringComparison.Ordinal);

    /// <summary>
    /// Reads one record into <paramref name="cells"/> as (start, end) pairs; a quoted cell's start is stored
    /// complemented. Returns false at the end of the text.
    /// </summary>
    private static bool NextRecord(string file, string text, ref int position, ref int line, List<int> cells)
    {
        if (position >= text.Length)
        {
            return false;
        }

        var recordLine = line;
        while (true)
        {
            if (position < text.Length && text[position] == '"')
            {
                var start = ++position;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        throw new DataException(file, recordLine, null, "a quoted field is never closed");
                    }

                    var ch = text[position];
                    if (ch == '"' && position + 1 < text.Length && text[position + 1] == '"')
                    {
                        position += 2;
                    }
                    else if (ch == '"')
                    {
                        break;
                    }
                    else
                    {
                        line += ch == '\n' ? 1 : 0;
                        position++;
                    }
                }

                cells.Add(~start);
                cells.Add(position++);
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    throw new DataException(file, line, null, "unexpected text after a closing quote");
                }
            }
            else
            {
                var start = position;
                while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    position++;
                }

                cells.Add(start);
                cells.Add(position);
            }

            if (position >= text.Length)
            {
                return true;
            }

            var separator = text[position++];
            if (separator == ',')
            {
                continue;
            }

            if (separator == '\r' && position < text.Length && text[position] == '\n')
            {
                position++;
            }

            line++;
            return true;
        }
    }
}
