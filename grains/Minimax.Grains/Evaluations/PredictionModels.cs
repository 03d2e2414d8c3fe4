using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Evaluation;
using Minimax.Engine.Files;

namespace Minimax.Grains.Evaluations;

/// <summary>A predictions-file model: its predictions aligned with the data by example id, abstentions found in its responses.</summary>
internal static class PredictionModels
{
    /// <summary>At most this many records per predictions file (a bound on what one file may make the job hold).</summary>
    public const long MaxRecords = 10_000_000;

    public static ModelTally Score(EvaluationModelSpec model, EvaluationTable table, EvaluationSpec spec, DataRoots roots)
    {
        var path = model.Predictions!;
        var classes = Math.Max(2, table.Labels.Length == 0 ? 0 : table.Labels.Max() + 1);
        try
        {
            var records = PredictionsFile.AlignRecords(PredictionsFile.Read(path, classes, MaxRecords, roots), table.Ids, path);
            var detector = Detector(spec.Abstention);
            return ModelTally.FromPredictions(
                model.Name,
                path,
                table,
                [.. records.Select(record => record.Prediction)],
                row => detector is not null && records[row].Response is { } response && detector.IsAbstention(response));
        }
        catch (DataException exception)
        {
            var index = spec.Models.ToList().IndexOf(model);
            throw new ArgumentException($"models[{index}].predictions: {exception.Message}");
        }
    }

    private static AbstentionDetector? Detector(AbstentionSpec? spec) => spec switch
    {
        null => null,
        { DefaultPatterns: true } => AbstentionDetector.Default,
        _ => new AbstentionDetector(spec.SelfReference, spec.Inability),
    };
}
