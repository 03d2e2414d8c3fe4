using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;

namespace Minimax.Grains.Training.Objectives;

/// <summary>
/// <c>group_dro</c>: the exponentiated-gradient step on q (ALGORITHMS.md 1c), or with <c>btl: true</c> the
/// reference's greedy weights over the loss EMA.
/// </summary>
internal sealed class GroupDroObjective : IObjective
{
    public ObjectiveKind Kind => ObjectiveKind.GroupDro;

    public bool WeighsGroupLosses => true;

    public IGroupWeightRule CreateRule(ObjectiveSpec objective, ShardInfo shape)
    {
        var groups = shape.GroupCount;
        var adjustment = objective.GeneralizationAdjustment;
        if (adjustment.Count != 1 && adjustment.Count != groups)
        {
            // Only the data tell how many groups there are, so this is checked when the run starts.
            throw new ArgumentException(
                $"objective.generalization_adjustment: needs one value or one per group ({groups} groups), not {adjustment.Count}");
        }

        return objective.Btl
            ? new GreedyBtlRule(groups, adjustment, shape.TrainGroupCounts, objective.Alpha, objective.Gamma)
            : new GroupDroRule(groups, objective.StepSize, adjustment, shape.TrainGroupCounts, objective.NormalizeLoss);
    }
}
