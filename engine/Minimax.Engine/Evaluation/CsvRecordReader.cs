using System.Text;
using Minimax.Engine.Data;

namespace Minimax.Engine.Evaluation;

/// <summary>
/// Reads RFC 4180 records one at a time from a stream: commas, optional double quotes with "" escapes, and quoted
/// fields that span lines. <see cref="CsvTable"/> parses a whole file held in memory into offsets; a predictions
/// file carries free-text responses and is read once, so it is streamed into strings instead.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string file)
{
    private readonly StringBuilder field = new();
    private int line = 1;

    /// <summary>The 1-based line the last record read starts on.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the stream.</summary>
    public bool TryRead(List<string> fields)
    {
        fields.Clear();
        if (reader.Peek() < 0)
        {
            return false;
        }

        RecordLine = line;
        while (true)
        {
            field.Clear();
            var ch = reader.Read();
            if (ch == '"')
            {
                ReadQuoted();
                ch = reader.Read();
                if (ch >= 0 && ch is not (',' or '\r' or '\n'))
                {
                    throw new DataException(file, line, null, "unexpected text after a closing quote");
                }
            }
            else
            {
                while (ch >= 0 && ch is not (',' or '\r' or '\n'))
                {
                    field.Append((char)ch);
                    ch = reader.Read();
                }
            }

            fields.Add(field.ToString());
            if (ch == ',')
            {
                continue;
            }

            if (ch == '\r' && reader.Peek() == '\n')
            {
                reader.Read();
            }

            if (ch >= 0)
            {
                line++;
            }

            return true;
        }
    }

    private void ReadQuoted()
    {
        while (true)
        {
            var ch = reader.Read();
            if (ch < 0)
            {
                throw new DataException(file, RecordLine, null, "a quoted field is never closed");
            }

            if (ch == '"')
            {
                if (reader.Peek() != '"')
                {
                    return;
                }

                reader.Read();
            }
            else if (ch == '\n')
            {
                line++;
            }

            field.Append((char)ch);
        }
    }
}
