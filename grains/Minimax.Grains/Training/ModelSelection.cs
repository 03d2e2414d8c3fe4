using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Training;

/// <summary>Keeps the parameters of the best validation evaluation so far (early stopping by select_by).</summary>
public sealed class ModelSelection(SelectBy selectBy)
{
    private (int Step, FlatTensor Parameters, SplitMetricsRecord Val)? _best;

    /// <summary>Whether <paramref name="val"/> beats the kept model (always false for select_by final).</summary>
    public bool Improves(SplitMetricsRecord val) =>
        selectBy != SelectBy.Final && (_best is null || Score(val) > Score(_best.Value.Val));

    public void Keep(int step, FlatTensor parameters, SplitMetricsRecord val) => _best = (step, parameters, val);

    /// <summary>The kept model, for checkpoints.</summary>
    public (int Step, FlatTensor Parameters, SplitMetricsRecord Val)? Best => _best;

    public (int Step, FlatTensor Parameters, SplitMetricsRecord? Val) Selected(int lastStep, FlatTensor last, SplitMetricsRecord? lastVal) =>
        _best is { } best ? (best.Step, best.Parameters, best.Val) : (lastStep, last, lastVal);

    private double Score(SplitMetricsRecord val) =>
        selectBy == SelectBy.ValAverageAccuracy ? val.AverageAccuracy : val.WorstGroupAccuracy;
}
