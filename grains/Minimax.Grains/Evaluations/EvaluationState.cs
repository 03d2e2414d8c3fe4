using Minimax.Grains.Jobs;

namespace Minimax.Grains.Evaluations;

/// <summary>An evaluation's row: the shared lifecycle and its phase; the result (per group, per model) is a document.</summary>
[GenerateSerializer, Alias("minimax.EvaluationState")]
public sealed class EvaluationState : JobState
{
    [Id(0)] public bool HasResult { get; set; }
}
