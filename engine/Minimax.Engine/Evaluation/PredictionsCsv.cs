using System.Globalization;
using Minimax.Engine.Data;

namespace Minimax.Engine.Evaluation;

/// <summary>A predictions file as CSV: a header row naming <c>id</c>, <c>prediction</c> and optionally <c>response</c>.</summary>
internal static class PredictionsCsv
{
    public static void Read(TextReader text, PredictionSet set)
    {
        var reader = new CsvRecordReader(text, set.File);
        var fields = new List<string>();
        if (!reader.TryRead(fields))
        {
            throw new DataException(set.File, null, null, "the file is empty; expected a header row with columns id and prediction");
        }

        var header = Header(set.File, fields);
        var id = Column(set.File, header, PredictionsFile.IdField);
        var prediction = Column(set.File, header, PredictionsFile.PredictionField);
        int? response = header.TryGetValue(PredictionsFile.ResponseField, out var r) ? r : null;
        while (reader.TryRead(fields))
        {
            var line = reader.RecordLine;

            // A blank line is one empty unquoted field, as in CsvTable.
            if (fields is [""])
            {
                continue;
            }

            if (fields.Count != header.Count)
            {
                throw new DataException(set.File, line, null, $"expected {header.Count} fields as in the header, found {fields.Count}");
            }

            set.Reserve(line);
            var cell = fields[prediction].Trim();
            if (cell.Length == 0)
            {
                throw set.Error(line, PredictionsFile.PredictionField, "the value is empty");
            }

            if (!long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw set.Error(line, PredictionsFile.PredictionField, $"{ContentExcerpt.Quote(cell)} is not an integer");
            }

            set.Add(fields[id].Trim(), value, response is { } c ? fields[c] : null, line);
        }
    }

    private static Dictionary<string, int> Header(string file, List<string> fields)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (!header.TryAdd(name, i))
            {
                throw new DataException(file, 1, name, "the column name appears twice in the header");
            }
        }

        return header;
    }

    private static int Column(string file, Dictionary<string, int> header, string name) =>
        header.TryGetValue(name, out var index)
            ? index
            : throw new DataException(file, 1, name, "no such column in the header; a predictions file needs columns id and prediction, and may have response");
}
