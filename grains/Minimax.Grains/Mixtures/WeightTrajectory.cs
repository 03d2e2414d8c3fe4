using Minimax.Contracts.Grains;
using Minimax.Grains.Runs;

namespace Minimax.Grains.Mixtures;

/// <summary>
/// The proxy's α_t at steps 1, 10, 20, ... (every 10·n steps past 10,000 steps) and at its last step, folded
/// from its history one record at a time: it holds only the points it reports.
/// </summary>
public sealed class WeightTrajectory(int lastStep) : IProgressFold
{
    private readonly int _every = MixtureResults.TrajectoryEvery
        * Math.Max(1, (lastStep + MixtureResults.TrajectoryEvery * MixtureResults.MaxPoints - 1) / (MixtureResults.TrajectoryEvery * MixtureResults.MaxPoints));
    private readonly List<WeightsAtStep> _points = [];

    public IReadOnlyList<WeightsAtStep> Points => [.. _points.OrderBy(point => point.Step)];

    public void Add(ProgressRecord progress)
    {
        if (progress.Step == 1 || progress.Step % _every == 0 || progress.Step == lastStep)
        {
            _points.Add(new WeightsAtStep(progress.Step, progress.GroupWeights.ToArray()));
        }
    }
}
