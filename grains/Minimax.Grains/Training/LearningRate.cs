using Minimax.Contracts.Specs;
using TorchSharp.Modules;

namespace Minimax.Grains.Training;

/// <summary>Linear warmup from 0 to the spec's learning rate over optimizer.warmup steps, then constant.</summary>
public static class LearningRate
{
    public static double At(OptimizerSpec optimizer, int step) =>
        optimizer.Warmup > 0 && step < optimizer.Warmup ? optimizer.Lr * step / optimizer.Warmup : optimizer.Lr;

    public static void Apply(OptimizerHelper optimizer, OptimizerSpec spec, int step)
    {
        if (spec.Warmup == 0)
        {
            return;
        }
        var lr = At(spec, step);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }
}
