using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Engine.Training;

public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(OptimizerOptions o, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(parameters);
        return o.Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, o.Lr, momentum: o.Momentum, weight_decay: o.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(parameters, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimiser."),
        };
    }
}
