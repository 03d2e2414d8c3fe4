using Minimax.Engine.Data;

namespace Minimax.Engine.Evaluation;

/// <summary>The records read so far from one predictions file, with the checks every format shares.</summary>
internal sealed class PredictionSet(string file, int classCount, long maxRecords)
{
    private readonly List<PredictionRecord> records = [];
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public IReadOnlyList<PredictionRecord> Records => records;

    /// <summary>Fails before a record is parsed when the file already holds as many as allowed.</summary>
    public void Reserve(int line)
    {
        if (records.Count >= maxRecords)
        {
            throw new DataException(File, line, null, $"more than {maxRecords} records; a predictions file may hold at most {maxRecords}");
        }
    }

    public void Add(string id, long prediction, string? response, int line)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw Error(line, PredictionsFile.IdField, "the value is empty");
        }

        if (prediction < 0 || prediction >= classCount)
        {
            throw Error(line, PredictionsFile.PredictionField, $"{prediction} is not a class; expected 0 to {classCount - 1}");
        }

        if (!lines.TryAdd(id, line))
        {
            throw Error(line, PredictionsFile.IdField, $"{ContentExcerpt.Quote(id)} appears twice, on lines {lines[id]} and {line}");
        }

        records.Add(new PredictionRecord(id, (int)prediction, response, line));
    }

    public DataException Error(int line, string? field, string problem) => new(File, line, field, problem);
}
