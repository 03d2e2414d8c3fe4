using Minimax.Engine.Data;
using Minimax.Engine.Files;

namespace Minimax.Engine.Evaluation;

/// <summary>
/// Predictions made outside the cluster, one per example id: <c>.csv</c> with a header row (<c>id</c>,
/// <c>prediction</c>, optional <c>response</c>; RFC 4180 quoting) or <c>.jsonl</c> with one object per line. Every
/// problem is a <see cref="DataException"/> naming the file, the line and the field.
/// </summary>
public static class PredictionsFile
{
    public const string IdField = "id";

    public const string PredictionField = "prediction";

    public const string ResponseField = "response";

    /// <summary>Reads every record, checking ids are present and unique and predictions are classes 0 to classCount − 1.</summary>
    /// <exception cref="DataException">The file cannot be read, breaks the format, or holds more than <paramref name="maxRecords"/> records.</exception>
    /// <param name="roots">Where the file must lie (default: anywhere, still only a regular file).</param>
    public static IReadOnlyList<PredictionRecord> Read(string path, int classCount, long maxRecords, DataRoots? roots = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecords);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".jsonl"))
        {
            throw new DataException(path, null, null, $"unsupported extension '{extension}'; a predictions file is .csv or .jsonl");
        }

        var set = new PredictionSet(path, classCount, maxRecords);
        try
        {
            using var reader = (roots ?? DataRoots.Everywhere).OpenText(path);
            if (extension == ".csv")
            {
                PredictionsCsv.Read(reader, set);
            }
            else
            {
                PredictionsJsonl.Read(reader, set);
            }
        }
        catch (IOException e)
        {
            throw new DataException(path, null, null, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException(path, null, null, $"cannot be read: {e.Message}", e);
        }

        return set.Records;
    }

    /// <summary>The predicted class of every data example, in data order.</summary>
    /// <exception cref="DataException">A record's id is not in the data, or a data id has no record.</exception>
    public static int[] Align(IReadOnlyList<PredictionRecord> records, IReadOnlyList<string> dataIds, string path) =>
        AlignRecords(records, dataIds, path).Select(r => r.Prediction).ToArray();

    /// <summary>The record of every data example, in data order, for callers that also need the responses.</summary>
    /// <exception cref="DataException">A record's id is not in the data or appears twice, or a data id has no record.</exception>
    public static PredictionRecord[] AlignRecords(IReadOnlyList<PredictionRecord> records, IReadOnlyList<string> dataIds, string path)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(dataIds);
        ArgumentNullException.ThrowIfNull(path);
        var positions = new Dictionary<string, int>(dataIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < dataIds.Count; i++)
        {
            if (!positions.TryAdd(dataIds[i], i))
            {
                throw new ArgumentException($"Data id '{dataIds[i]}' appears twice, at rows {positions[dataIds[i]]} and {i}.", nameof(dataIds));
            }
        }

        var aligned = new PredictionRecord?[dataIds.Count];
        foreach (var record in records)
        {
            if (!positions.TryGetValue(record.Id, out var position))
            {
                throw new DataException(path, record.Line, IdField, $"{ContentExcerpt.Quote(record.Id)} is not an id in the data");
            }

            if (aligned[position] is { } earlier)
            {
                throw new DataException(path, record.Line, IdField, $"{ContentExcerpt.Quote(record.Id)} appears twice, on lines {earlier.Line} and {record.Line}");
            }

            aligned[position] = record;
        }

        var missing = Array.FindIndex(aligned, r => r is null);
        if (missing >= 0)
        {
            var count = aligned.Count(r => r is null);
            throw new DataException(
                path,
                null,
                IdField,
                $"no prediction for data id '{dataIds[missing]}'; {count} of {dataIds.Count} data ids have none");
        }

        return aligned.Select(r => r!).ToArray();
    }
}
