using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;

namespace Minimax.Grains.Training.Objectives;

/// <summary><c>erm</c>: the mean loss over the batch.</summary>
internal sealed class ErmObjective : IObjective
{
    public ObjectiveKind Kind => ObjectiveKind.Erm;

    public IGroupWeightRule CreateRule(ObjectiveSpec objective, ShardInfo shape) => new ErmRule(shape.GroupCount);
}
