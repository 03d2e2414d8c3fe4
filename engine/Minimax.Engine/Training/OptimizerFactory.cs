using TorchSharp;
using TorchSharp.Modules;

namespace Minimax.Engine.Training;

public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(OptimizerOptions o, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(parameters);
        if (o.SpareBiasesAndNorms)
        {
            return CreateGrouped(o, parameters.ToList());
        }
        return o.Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, o.Lr, momentum: o.Momentum, weight_decay: o.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(parameters, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimiser."),
        };
    }

    /// <summary>The matrices (embeddings included) decay; vectors (biases, LayerNorm weights and biases) do not.</summary>
    public static (List<Parameter> Decayed, List<Parameter> Spared) SplitByDecay(IEnumerable<Parameter> parameters)
    {
        var decayed = new List<Parameter>();
        var spared = new List<Parameter>();
        foreach (var parameter in parameters)
        {
            (parameter.dim() < 2 ? spared : decayed).Add(parameter);
        }
        return (decayed, spared);
    }

    // An empty group is left out, so a model without vectors still saves and loads one group.
    private static torch.optim.Optimizer CreateGrouped(OptimizerOptions o, List<Parameter> parameters)
    {
        var (decayed, spared) = SplitByDecay(parameters);
        return o.Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(
                NonEmpty(new SGD.ParamGroup(decayed, new SGD.Options()), new SGD.ParamGroup(spared, new SGD.Options { weight_decay = 0 })),
                o.Lr, momentum: o.Momentum, weight_decay: o.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(
                NonEmpty(new AdamW.ParamGroup(decayed, new AdamW.Options()), new AdamW.ParamGroup(spared, new AdamW.Options { weight_decay = 0 })),
                o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimiser."),
        };
    }

    private static List<TGroup> NonEmpty<TGroup>(params TGroup[] groups)
        where TGroup : ParamGroup =>
        groups.Where(group => group.Parameters.Any()).ToList();
}
